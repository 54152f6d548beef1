package dev.lode.train.model;

import dev.lode.config.TrainConfig;
import dev.lode.train.lora.LoraAdapter;
import dev.lode.train.lora.LoraWeights;
import java.util.SplittableRandom;

/** Small random models of each variant for tests. */
public final class ModelFixtures {
  private ModelFixtures() {}

  public static LlamaConfig config(String type, boolean tied, int heads, int kvHeads) {
    boolean qwen = type.equals("qwen2");
    return new LlamaConfig(type, 97, 32, 48, 2, heads, kvHeads, 32 / heads, 1e-5, 10000.0, 64, tied,
        qwen, false, false, 1, 2);
  }

  /** Fills every weight with N(0, std²)-ish uniform noise; norms around 1. */
  public static LlamaModel randomModel(LlamaConfig cfg, long seed) {
    LlamaModel m = new LlamaModel(cfg);
    SplittableRandom rng = new SplittableRandom(seed);
    for (Param p : m.parameters().values()) {
      float[] v = new float[p.value().size()];
      boolean norm = p.name().endsWith("layernorm.weight") || p.name().equals(WeightNames.FINAL_NORM);
      for (int i = 0; i < v.length; i++) {
        double u = rng.nextDouble() * 2 - 1;
        v[i] = (float) (norm ? 1 + 0.2 * u : 0.3 * u);
      }
      p.value().copyFrom(v);
    }
    return m;
  }

  /** A LoRA adapter whose B is not zero (a fresh one is the identity), so it changes the logits. */
  public static LoraAdapter adapterWithRandomB(LlamaModel model, String name, TrainConfig.Lora lora, long seed) {
    LoraAdapter a = LoraAdapter.initialise(name, lora, model, "fixture", seed);
    SplittableRandom rng = new SplittableRandom(seed + 1);
    for (LoraWeights w : a.modules().values()) {
      float[] b = new float[w.b().value().size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) (rng.nextDouble() - 0.5) * 0.4f;
      }
      w.b().value().copyFrom(b);
    }
    return a;
  }
}
