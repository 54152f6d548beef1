package dev.lode.config;

import java.util.List;

/**
 * {@code train:} how Lode's trainer (lode base init, lode train, lode model score, lode bench train) runs. The trainer
 * takes this record, or the sub-record it needs, as it is, and its commands take each setting as a flag through
 * {@link ConfigFlags}: a setting is declared here and in conf/lode.yaml, and nowhere else.
 */
public record TrainConfig(
    @OneOf({"cpu", "cuda"}) String device,
    @Range(min = 0, max = 1024) int threads,
    long seed,
    @Range(min = 1, max = 100_000_000) int steps,
    @Range(min = 1, max = 65_536) int batchSize,
    @Range(min = 2, max = 1 << 20) int seqLen,
    @OneOf({"isolated", "causal"}) String packing,
    @Range(min = 1, max = 10_000_000) int shuffleBuffer,
    @Range(min = 1, max = 65_536) int gradAccum,
    @Range(min = 0, max = 10) double lr,
    @Range(min = 0, max = 100_000_000) int warmupSteps,
    @Range(min = 0, max = 1) double minLrRatio,
    @Range(min = 0, max = 10) double weightDecay,
    @Range(min = 0, max = 0.999999) double beta1,
    @Range(min = 0, max = 0.999999) double beta2,
    @Range(min = 0, max = 1) double eps,
    @Range(min = 0, max = 1e9) double gradClip,
    @Range(min = 0, max = 100_000_000) int checkpointEvery,
    @Range(min = 0, max = 100_000) int keepCheckpoints,
    @Range(min = 1, max = 100_000_000) int logEvery,
    @Range(min = 0, max = 100_000_000) int evalEvery,
    @Range(min = 1, max = 10_000_000) int evalRows,
    @Range(min = 0, max = 1e9) double peakGflops,
    @Range(min = 1, max = 100_000_000) int minRows,
    Lora lora,
    Base base,
    Bench bench) {

  /**
   * {@code train.lora:} the adapter {@code lode train sft} trains, and the one statement of LoRA's hyperparameters
   * and their bounds: the trainer consumes this record, and an adapter read from a PEFT {@code adapter_config.json}
   * becomes one too, checked against the same bounds with {@link ConfigValidator#validate(Record, String)}.
   * Modules are Lode's short names; the trainer maps them onto PEFT's ({@code q} is {@code q_proj}).
   */
  public record Lora(
      @Range(min = 1, max = 65_536) int r,
      @Range(min = 0.000001, max = 1e6) double alpha,
      @Range(min = 0, max = 0.99) double dropout,
      @OneOf({"q", "k", "v", "o", "gate", "up", "down"}) List<String> targetModules,
      boolean useRslora) {

    public Lora {
      if (targetModules != null) {
        if (targetModules.isEmpty()) {
          throw new ConfigException("train.lora.target_modules", "must name at least one module");
        }
        targetModules = targetModules.stream().distinct().toList(); // a module named twice gets one adapter
      }
    }
  }

  /**
   * {@code train.base:} the model {@code lode base init} creates, and how {@code lode train base} pretrains it on
   * the lakehouse's code when the user brings no base.
   */
  public record Base(
      @OneOf({"tiny", "small"}) String preset,
      @Range(min = 1, max = 100_000_000) int steps,
      @Range(min = 0, max = 10) double lr,
      @Range(min = 1, max = 65_536) int batchSize,
      @Range(min = 2, max = 1 << 20) int seqLen,
      @Range(min = 1, max = 1_000_000_000) int bpeMinFrequency,
      @Range(min = 0, max = 100_000_000) int lakehouseMaxFiles,
      @Range(min = 0, max = 1L << 40) long lakehouseMaxBytes) {}

  /** {@code train.bench:} the shape {@code lode bench train} times. */
  public record Bench(
      @Range(min = 1, max = 1_000_000) int steps,
      @Range(min = 0, max = 1_000_000) int warmupSteps,
      @Range(min = 1, max = 4096) int batchSize,
      @Range(min = 2, max = 1 << 16) int seqLen,
      @Range(min = 1, max = 4096) int rank) {}
}
