package dev.lode.train.lora;

import dev.lode.config.TrainConfig;
import dev.lode.train.model.FloatMatrix;
import dev.lode.train.model.Param;

/** The two low-rank factors of one adapted projection: A [r × in] and B [out × r], with their scaling. */
public record LoraWeights(Param a, Param b, float scaling, float dropout) {
  public int rank() {
    return a.value().rows();
  }

  /** PEFT's initialisation: A ~ kaiming-uniform(a=√5), i.e. U(−1/√in, 1/√in); B = 0, so the adapter starts as identity. */
  public static LoraWeights initialise(String module, int in, int out, TrainConfig.Lora cfg,
      java.util.SplittableRandom rng) {
    FloatMatrix a = FloatMatrix.zeros(cfg.r(), in);
    double bound = 1.0 / Math.sqrt(in);
    float[] values = new float[cfg.r() * in];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
    }
    a.copyFrom(values);
    return new LoraWeights(new Param(module + ".lora_A.weight", a),
        new Param(module + ".lora_B.weight", FloatMatrix.zeros(out, cfg.r())),
        (float) scaling(cfg), (float) cfg.dropout());
  }

  /** The multiplier of B·A: alpha / r, or alpha / √r with rank-stabilised scaling (rsLoRA). */
  public static double scaling(TrainConfig.Lora cfg) {
    return cfg.useRslora() ? cfg.alpha() / Math.sqrt(cfg.r()) : cfg.alpha() / cfg.r();
  }
}
