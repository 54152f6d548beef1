package dev.lode.train.model;

/**
 * Floating-point operations per trained token, for MFU, counted as in the PaLM paper's appendix: 2 per weight for
 * the forward product, 2 more for the input gradient and 2 more for the weight gradient when that weight trains;
 * attention scores and values add 12·layers·seq·qDim per token (forward and backward, mask not discounted).
 */
public final class ModelFlops {
  private ModelFlops() {}

  /**
   * @param loraParams trainable adapter weights (0 for full training)
   * @param fullTraining every base weight trains
   */
  public static double perToken(LlamaConfig c, int seq, long loraParams, boolean fullTraining) {
    long d = c.hiddenSize();
    long perLayer = d * c.qDim() + 2 * d * c.kvDim() + (long) c.qDim() * d + 3 * d * c.intermediateSize();
    long matmul = c.numLayers() * perLayer + (long) c.vocabSize() * d; // lm_head; the embedding is a lookup
    double base = (fullTraining ? 6.0 : 4.0) * matmul;
    double attention = 12.0 * c.numLayers() * seq * c.qDim();
    return base + attention + 6.0 * loraParams;
  }

  /**
   * The FLOP/s MFU is relative to: {@code train.peak_gflops} when set, else what one large float32 product reaches
   * here (on a CPU there is no datasheet peak to trust).
   */
  public static double peak(double peakGflops) {
    return peakGflops > 0 ? peakGflops * 1e9 : measuredPeak();
  }

  /** Measures what one large float32 product reaches here, in FLOP/s: the denominator of MFU on a CPU. */
  public static double measuredPeak() {
    int m = 1024;
    int n = 4096;
    int k = 512;
    FloatMatrix a = FloatMatrix.zeros(m, k);
    FloatMatrix b = FloatMatrix.zeros(n, k);
    FloatMatrix c = FloatMatrix.zeros(m, n);
    a.fill(0.01f);
    b.fill(0.01f);
    double best = 0;
    for (int i = 0; i < 6; i++) {
      long t0 = System.nanoTime();
      Blas.gemm(a, false, b, true, c, 1f, 0f);
      double s = (System.nanoTime() - t0) / 1e9;
      best = Math.max(best, 2.0 * m * n * k / s);
    }
    return best;
  }
}
