package dev.lode.train.sft;

import dev.lode.config.TrainConfig;

/**
 * Linear warmup to {@code train.lr} over {@code train.warmup_steps}, then cosine decay to
 * {@code train.min_lr_ratio · lr} at the last of {@code train.steps}.
 */
public final class LrSchedule {
  private final TrainConfig train;

  public LrSchedule(TrainConfig train) {
    this.train = train;
  }

  /** The rate for optimiser step {@code step} (0-based). */
  public double at(int step) {
    double peak = train.lr();
    int warmup = train.warmupSteps();
    if (warmup > 0 && step < warmup) {
      return peak * (step + 1) / warmup;
    }
    int decaySteps = Math.max(1, train.steps() - warmup);
    double progress = Math.min(1.0, (double) (step - warmup) / decaySteps);
    double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
    return peak * (train.minLrRatio() + (1 - train.minLrRatio()) * cosine);
  }
}
