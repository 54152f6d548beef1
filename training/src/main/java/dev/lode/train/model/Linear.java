package dev.lode.train.model;

/** A dense projection: weight [out × in] (Hugging Face's layout) and an optional bias [out]. */
public final class Linear implements Projection {
  private final Param weight;
  private final Param bias;

  public Linear(String name, int in, int out, boolean withBias) {
    this.weight = new Param(name + ".weight", FloatMatrix.zeros(out, in));
    this.bias = withBias ? new Param(name + ".bias", FloatMatrix.zeros(1, out)) : null;
  }

  public Param weight() {
    return weight;
  }

  /** The bias, or null. */
  public Param bias() {
    return bias;
  }

  @Override
  public int inFeatures() {
    return weight.value().cols();
  }

  @Override
  public int outFeatures() {
    return weight.value().rows();
  }

  @Override
  public Linear base() {
    return this;
  }

  @Override
  public void forward(FloatMatrix x, FloatMatrix y, int n, boolean training, long seed) {
    int in = inFeatures();
    int out = outFeatures();
    Blas.gemm(false, true, n, out, in, 1f, x, 0, in, weight.value(), 0, in, 0f, y, 0, out);
    if (bias != null) {
      Kernels.addRowVector(y, n, bias.value());
    }
  }

  @Override
  public void backward(FloatMatrix x, FloatMatrix dy, FloatMatrix dx, int n, boolean accumulate) {
    int in = inFeatures();
    int out = outFeatures();
    if (weight.trainable()) { // dW += dyᵀ·x
      Blas.gemm(true, false, out, in, n, 1f, dy, 0, out, x, 0, in, 1f, weight.grad(), 0, in);
    }
    if (bias != null && bias.trainable()) {
      Kernels.addColumnSums(dy, n, bias.grad());
    }
    if (dx != null) { // dx (+)= dy·W
      Blas.gemm(false, false, n, in, out, 1f, dy, 0, out, weight.value(), 0, in, accumulate ? 1f : 0f, dx, 0, in);
    }
  }
}
