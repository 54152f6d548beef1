package dev.lode.train.model;

/**
 * One named weight of the model (named as in Hugging Face's state dict) with, when it is being trained, a gradient
 * of the same shape. A vector (norm weight, bias) is a 1 × n matrix.
 */
public final class Param {
  private final String name;
  private final FloatMatrix value;
  private FloatMatrix grad;

  public Param(String name, FloatMatrix value) {
    this.name = name;
    this.value = value;
  }

  public String name() {
    return name;
  }

  public FloatMatrix value() {
    return value;
  }

  /** The gradient, or null when this weight is frozen. */
  public FloatMatrix grad() {
    return grad;
  }

  public boolean trainable() {
    return grad != null;
  }

  /** Makes this weight trainable (allocating its gradient) or frozen (dropping it). */
  public void setTrainable(boolean trainable) {
    if (trainable && grad == null) {
      grad = FloatMatrix.zeros(value.rows(), value.cols());
    } else if (!trainable) {
      grad = null;
    }
  }

  /** Shape as Hugging Face stores it: [n] for a vector, [rows, cols] for a matrix. */
  public long[] hfShape(boolean vector) {
    return vector ? new long[] {value.cols()} : new long[] {value.rows(), value.cols()};
  }
}
