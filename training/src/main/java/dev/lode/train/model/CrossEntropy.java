package dev.lode.train.model;

/**
 * Softmax cross-entropy over the vocabulary, fused with its gradient: one pass per row computes the log-sum-exp,
 * the weighted negative log-likelihood and, in place of the logits, {@code gradScale·w·(softmax − onehot)}.
 */
public final class CrossEntropy {
  private CrossEntropy() {}

  /**
   * @param logits rows [0, m) hold logits; overwritten with their gradient
   * @param targets the target id of each row
   * @param weights the loss weight of each row
   * @param gradScale multiplies every gradient (1 / tokens in the optimiser step)
   * @return Σ w·(−log p(target)), in double
   */
  public static double lossAndGradient(FloatMatrix logits, int m, int[] targets, float[] weights, float gradScale) {
    return run(logits, m, targets, weights, gradScale, true);
  }

  /**
   * Σ w·(−log p(target)) over rows [0, m), computed exactly as {@link #lossAndGradient} computes it (so evaluation
   * and training report the same number), with the logits left untouched.
   */
  public static double loss(FloatMatrix logits, int m, int[] targets, float[] weights) {
    return run(logits, m, targets, weights, 0f, false);
  }

  private static double run(FloatMatrix logits, int m, int[] targets, float[] weights, float gradScale,
      boolean gradient) {
    int vocab = logits.cols();
    int threads = Math.min(Parallel.threads(), Math.max(1, m));
    double[] parts = new double[threads];
    int[] slot = {0};
    Parallel.forRange(m, (from, to) -> {
      int mine;
      synchronized (slot) {
        mine = slot[0]++;
      }
      float[] row = new float[vocab];
      double sum = 0;
      for (int r = from; r < to; r++) {
        logits.getRow(r, row);
        int target = targets[r];
        if (target < 0 || target >= vocab) {
          throw new IllegalArgumentException("target id " + target + " is outside the vocabulary (size " + vocab + ")");
        }
        float targetLogit = row[target];
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < vocab; j++) {
          max = Math.max(max, row[j]);
        }
        float z = 0f;
        for (int j = 0; j < vocab; j++) {
          float e = (float) Math.exp(row[j] - max);
          row[j] = e;
          z += e;
        }
        double nll = max + Math.log(z) - targetLogit; // −log softmax[target]; NaN/∞ logits propagate
        float w = weights[r];
        sum += w * nll;
        if (!gradient) {
          continue;
        }
        float k = gradScale * w / z;
        for (int j = 0; j < vocab; j++) {
          row[j] *= k;
        }
        row[target] -= gradScale * w;
        logits.setRow(r, row);
      }
      parts[mine] = sum;
    });
    double total = 0;
    for (double p : parts) {
      total += p;
    }
    return total;
  }

  /** log p(target_r | ·) for each of the first m rows; the logits are left untouched. */
  public static double[] logProbs(FloatMatrix logits, int m, int[] targets) {
    int vocab = logits.cols();
    double[] out = new double[m];
    Parallel.forRange(m, (from, to) -> {
      float[] row = new float[vocab];
      for (int r = from; r < to; r++) {
        logits.getRow(r, row);
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < vocab; j++) {
          max = Math.max(max, row[j]);
        }
        double z = 0;
        for (int j = 0; j < vocab; j++) {
          z += Math.exp(row[j] - max);
        }
        out[r] = row[targets[r]] - max - Math.log(z);
      }
    });
    return out;
  }
}
