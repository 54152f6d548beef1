package dev.lode.train.model;

/** One pre-norm decoder block: x + attn(norm(x)), then + mlp(norm(·)). */
public final class DecoderLayer {
  private final LlamaConfig cfg;
  final Param inputNorm;
  final Param postAttentionNorm;
  final Attention attention;
  final Mlp mlp;

  private int n;
  private FloatMatrix h1;
  private float[] inv1;
  private FloatMatrix x2;
  private FloatMatrix h2;
  private float[] inv2;
  private FloatMatrix branch;
  private FloatMatrix dh;

  DecoderLayer(LlamaConfig cfg, Rotary rotary, int index) {
    this.cfg = cfg;
    int d = cfg.hiddenSize();
    inputNorm = new Param(WeightNames.inputNorm(index), FloatMatrix.zeros(1, d));
    postAttentionNorm = new Param(WeightNames.postAttentionNorm(index), FloatMatrix.zeros(1, d));
    attention = new Attention(cfg, rotary, WeightNames.layer(index) + "self_attn.");
    mlp = new Mlp(cfg, WeightNames.layer(index) + "mlp.");
  }

  void resize(int batch, int seq) {
    int size = batch * seq;
    attention.resize(batch, seq);
    mlp.resize(size);
    if (size == n) {
      return;
    }
    n = size;
    int d = cfg.hiddenSize();
    h1 = FloatMatrix.zeros(n, d);
    x2 = FloatMatrix.zeros(n, d);
    h2 = FloatMatrix.zeros(n, d);
    branch = FloatMatrix.zeros(n, d);
    inv1 = new float[n];
    inv2 = new float[n];
    dh = null;
  }

  /**
   * xOut = the block applied to xIn; activations are kept for {@link #backward}. {@code positions} (may be
   * null) are those of {@link LlamaModel#forward(int[], int[], int[], int, int, boolean, long)}, {@code blocks} its
   * segments as {@link Attention#blocks} runs.
   */
  void forward(FloatMatrix xIn, FloatMatrix xOut, int[] positions, int[][] blocks, boolean training, long seed) {
    Kernels.rmsNormForward(xIn, inputNorm.value(), h1, inv1, n, (float) cfg.rmsNormEps());
    attention.forward(h1, branch, positions, blocks, training, seed);
    feedForward(xIn, xOut, training, seed);
  }

  /** The block over new tokens at positions {@code start…}, attending to (and extending) {@code cache}. */
  void forwardCached(FloatMatrix xIn, FloatMatrix xOut, KvCache cache, int layer, int start) {
    Kernels.rmsNormForward(xIn, inputNorm.value(), h1, inv1, n, (float) cfg.rmsNormEps());
    attention.forwardCached(h1, branch, cache, layer, start);
    feedForward(xIn, xOut, false, 0);
  }

  /** Given the attention output in {@code branch}: the residual add, the MLP and its residual add. */
  private void feedForward(FloatMatrix xIn, FloatMatrix xOut, boolean training, long seed) {
    float eps = (float) cfg.rmsNormEps();
    int len = n * cfg.hiddenSize();
    Kernels.copy(xIn, x2, len);
    Kernels.addInPlace(x2, branch, len);
    Kernels.rmsNormForward(x2, postAttentionNorm.value(), h2, inv2, n, eps);
    mlp.forward(h2, branch, training, seed);
    Kernels.copy(x2, xOut, len);
    Kernels.addInPlace(xOut, branch, len);
  }

  /** Turns dRes (∂L/∂xOut) into ∂L/∂xIn in place; {@code xIn} is this block's forward input. */
  void backward(FloatMatrix xIn, FloatMatrix dRes, FloatMatrix scratch) {
    if (dh == null) {
      dh = FloatMatrix.zeros(n, cfg.hiddenSize());
    }
    mlp.backward(h2, dRes, dh);
    Kernels.rmsNormBackward(x2, postAttentionNorm.value(), inv2, dh, dRes, true, postAttentionNorm.grad(), n);
    attention.backward(h1, dRes, dh, scratch);
    Kernels.rmsNormBackward(xIn, inputNorm.value(), inv1, dh, dRes, true, inputNorm.grad(), n);
  }
}
