package dev.lode.train.model;

import java.util.List;

/**
 * Hugging Face's state-dict names for the Llama family, in one place. Every weight Lode reads or writes is named
 * here; the decoder's modules take their names from this class, so a model directory maps onto the decoder with no
 * other translation table.
 *
 * <pre>
 * model.embed_tokens.weight                          [vocab, hidden]
 * model.layers.{i}.input_layernorm.weight            [hidden]
 * model.layers.{i}.self_attn.{q,k,v,o}_proj.weight   [out, in]   (+ .bias for q/k/v in Qwen2)
 * model.layers.{i}.post_attention_layernorm.weight   [hidden]
 * model.layers.{i}.mlp.{gate,up,down}_proj.weight    [out, in]
 * model.norm.weight                                  [hidden]
 * lm_head.weight                                     [vocab, hidden]   (absent when tied to the embedding)
 * </pre>
 */
public final class WeightNames {
  public static final String EMBED = "model.embed_tokens.weight";
  public static final String FINAL_NORM = "model.norm.weight";
  public static final String LM_HEAD = "lm_head.weight";

  /** The seven projections of a decoder layer, in the order PEFT lists LoRA targets. */
  public static final List<String> PROJECTIONS = List.of(
      "self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
      "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj");

  private WeightNames() {}

  public static String layer(int i) {
    return "model.layers." + i + ".";
  }

  public static String inputNorm(int i) {
    return layer(i) + "input_layernorm.weight";
  }

  public static String postAttentionNorm(int i) {
    return layer(i) + "post_attention_layernorm.weight";
  }

  /** e.g. {@code model.layers.3.self_attn.q_proj} for (3, "self_attn.q_proj"). */
  public static String projection(int i, String projection) {
    return layer(i) + projection;
  }
}
