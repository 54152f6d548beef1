"""Log-probabilities of a token sequence under a Hugging Face Llama-family model directory, computed with PyTorch
ops: the oracle for Lode's forward pass in TorchParityTest. Reads config.json and model.safetensors itself (torch 1.13
has no safetensors loader). Usage: torch_logprobs.py MODEL_DIR ID ID ID ..."""
import json, math, struct, sys
import numpy as np
import torch
import torch.nn.functional as F

d = sys.argv[1]
ids = torch.tensor([int(x) for x in sys.argv[2:]])
cfg = json.load(open(d + "/config.json"))
raw = open(d + "/model.safetensors", "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
header = json.loads(raw[8:8 + n])
W = {}
for k, v in header.items():
    if k == "__metadata__":
        continue
    assert v["dtype"] == "F32"
    b, e = v["data_offsets"]
    W[k] = torch.from_numpy(np.frombuffer(raw[8 + n + b:8 + n + e], dtype="<f4").copy()).reshape(v["shape"]).double()

H, KV, hd = cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
eps, theta = cfg["rms_norm_eps"], cfg["rope_theta"]

def lin(x, name):
    y = x @ W[name + ".weight"].T
    return y + W[name + ".bias"] if name + ".bias" in W else y

def rms(x, w):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w

t = ids.shape[0]
inv = 1.0 / (theta ** (torch.arange(0, hd, 2).double() / hd))
f = torch.outer(torch.arange(t).double(), inv)
emb = torch.cat([f, f], -1)
cos, sin = emb.cos(), emb.sin()

def rope(x):
    x1, x2 = x[..., :hd // 2], x[..., hd // 2:]
    return x * cos + torch.cat([-x2, x1], -1) * sin

x = W["model.embed_tokens.weight"][ids]
for i in range(cfg["num_hidden_layers"]):
    p = "model.layers.%d." % i
    h = rms(x, W[p + "input_layernorm.weight"])
    q = lin(h, p + "self_attn.q_proj").view(t, H, hd).transpose(0, 1)
    k = lin(h, p + "self_attn.k_proj").view(t, KV, hd).transpose(0, 1)
    v = lin(h, p + "self_attn.v_proj").view(t, KV, hd).transpose(0, 1)
    q, k = rope(q), rope(k)
    k, v = k.repeat_interleave(H // KV, 0), v.repeat_interleave(H // KV, 0)
    att = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
    att = att.masked_fill(torch.triu(torch.ones(t, t, dtype=torch.bool), 1), float("-inf")).softmax(-1)
    x = x + lin((att @ v).transpose(0, 1).reshape(t, H * hd), p + "self_attn.o_proj")
    h = rms(x, W[p + "post_attention_layernorm.weight"])
    x = x + lin(F.silu(lin(h, p + "mlp.gate_proj")) * lin(h, p + "mlp.up_proj"), p + "mlp.down_proj")
x = rms(x, W["model.norm.weight"])
head = W.get("lm_head.weight", W["model.embed_tokens.weight"])
logp = torch.log_softmax(x @ head.T, -1)
print(json.dumps({"torch": torch.__version__, "logprobs": [logp[j - 1, ids[j]].item() for j in range(1, t)]}))
