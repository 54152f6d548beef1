package dev.lode.train.sft;

/**
 * How a run trains; see {@code train:} in conf/lode.yaml for each field.
 *
 * @param batchSize rows per micro-batch
 * @param seqLen tokens per row (packing length)
 * @param gradAccum micro-batches per optimiser step
 * @param peakFlops FLOP/s that MFU is relative to (≤ 0: measure a large product at start)
 */
public record TrainOptions(int steps, int batchSize, int seqLen, int gradAccum, double lr, int warmupSteps,
    double minLrRatio, double weightDecay, double beta1, double beta2, double eps, double gradClip, long seed,
    int checkpointEvery, int keepCheckpoints, int logEvery, double peakFlops) {
  public TrainOptions {
    if (steps <= 0 || batchSize <= 0 || seqLen <= 1 || gradAccum <= 0) {
      throw new IllegalArgumentException("steps, batch size and gradient accumulation must be positive and the "
          + "sequence length at least 2");
    }
  }

  public TrainOptions withSteps(int s) {
    return new TrainOptions(s, batchSize, seqLen, gradAccum, lr, warmupSteps, minLrRatio, weightDecay, beta1, beta2,
        eps, gradClip, seed, checkpointEvery, keepCheckpoints, logEvery, peakFlops);
  }
}
