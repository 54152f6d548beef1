package dev.lode.train.model;

import java.util.Map;
import java.util.function.Function;

/**
 * The Llama-family forward pass written as plain loops over double arrays, straight from the Hugging Face modeling
 * code (LlamaRMSNorm, rotate_half, repeat_kv, eager attention, LlamaMLP). No ND4J, no BLAS, no shared kernels: an
 * independent oracle for {@link LlamaModel}.
 */
final class ReferenceDecoder {
  private final LlamaConfig c;
  private final Function<String, float[]> w;

  ReferenceDecoder(LlamaConfig config, Map<String, Param> params) {
    this.c = config;
    this.w = name -> {
      Param p = params.get(name);
      return p == null ? null : p.value().toArray();
    };
  }

  ReferenceDecoder(LlamaConfig config, Function<String, float[]> weights) {
    this.c = config;
    this.w = weights;
  }

  /** Logits [t][vocab] of one sequence. */
  double[][] logits(int[] ids) {
    int t = ids.length;
    int d = c.hiddenSize();
    float[] emb = w.apply(WeightNames.EMBED);
    double[][] x = new double[t][d];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = emb[ids[i] * d + j];
      }
    }
    for (int l = 0; l < c.numLayers(); l++) {
      double[][] h = rmsNorm(x, w.apply(WeightNames.inputNorm(l)));
      double[][] q = linear(h, l, "self_attn.q_proj");
      double[][] k = linear(h, l, "self_attn.k_proj");
      double[][] v = linear(h, l, "self_attn.v_proj");
      rope(q, c.numHeads());
      rope(k, c.numKvHeads());
      double[][] attn = new double[t][c.qDim()];
      int hd = c.headDim();
      int rep = c.numHeads() / c.numKvHeads();
      for (int head = 0; head < c.numHeads(); head++) {
        int kvh = head / rep;
        for (int i = 0; i < t; i++) {
          double[] s = new double[i + 1];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j <= i; j++) {
            double dot = 0;
            for (int e = 0; e < hd; e++) {
              dot += q[i][head * hd + e] * k[j][kvh * hd + e];
            }
            s[j] = dot / Math.sqrt(hd);
            max = Math.max(max, s[j]);
          }
          double z = 0;
          for (int j = 0; j <= i; j++) {
            s[j] = Math.exp(s[j] - max);
            z += s[j];
          }
          for (int j = 0; j <= i; j++) {
            for (int e = 0; e < hd; e++) {
              attn[i][head * hd + e] += s[j] / z * v[j][kvh * hd + e];
            }
          }
        }
      }
      double[][] o = linear(attn, l, "self_attn.o_proj");
      add(x, o);
      double[][] h2 = rmsNorm(x, w.apply(WeightNames.postAttentionNorm(l)));
      double[][] g = linear(h2, l, "mlp.gate_proj");
      double[][] u = linear(h2, l, "mlp.up_proj");
      for (int i = 0; i < t; i++) {
        for (int j = 0; j < g[i].length; j++) {
          g[i][j] = g[i][j] / (1 + Math.exp(-g[i][j])) * u[i][j];
        }
      }
      add(x, linear(g, l, "mlp.down_proj"));
    }
    double[][] hf = rmsNorm(x, w.apply(WeightNames.FINAL_NORM));
    float[] head = w.apply(WeightNames.LM_HEAD);
    if (head == null || c.tieWordEmbeddings()) {
      head = emb;
    }
    return matmulT(hf, head, c.vocabSize(), null);
  }

  private double[][] linear(double[][] x, int layer, String projection) {
    String name = WeightNames.projection(layer, projection);
    float[] weight = w.apply(name + ".weight");
    float[] bias = w.apply(name + ".bias");
    int out = weight.length / x[0].length;
    return matmulT(x, weight, out, bias);
  }

  private static double[][] matmulT(double[][] x, float[] weight, int out, float[] bias) {
    int in = x[0].length;
    double[][] y = new double[x.length][out];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < out; o++) {
        double s = bias == null ? 0 : bias[o];
        for (int e = 0; e < in; e++) {
          s += x[i][e] * weight[o * in + e];
        }
        y[i][o] = s;
      }
    }
    return y;
  }

  private double[][] rmsNorm(double[][] x, float[] weight) {
    double[][] y = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      double ss = 0;
      for (double v : x[i]) {
        ss += v * v;
      }
      double inv = 1 / Math.sqrt(ss / x[i].length + c.rmsNormEps());
      y[i] = new double[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        y[i][j] = x[i][j] * inv * weight[j];
      }
    }
    return y;
  }

  private void rope(double[][] x, int heads) {
    int hd = c.headDim();
    int half = hd / 2;
    for (int pos = 0; pos < x.length; pos++) {
      for (int h = 0; h < heads; h++) {
        double[] r = new double[hd];
        for (int i = 0; i < hd; i++) {
          int pair = i % half;
          double angle = pos / Math.pow(c.ropeTheta(), 2.0 * pair / hd);
          double rotated = i < half ? -x[pos][h * hd + i + half] : x[pos][h * hd + i - half];
          r[i] = x[pos][h * hd + i] * Math.cos(angle) + rotated * Math.sin(angle);
        }
        System.arraycopy(r, 0, x[pos], h * hd, hd);
      }
    }
  }

  private static void add(double[][] x, double[][] y) {
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] += y[i][j];
      }
    }
  }
}
