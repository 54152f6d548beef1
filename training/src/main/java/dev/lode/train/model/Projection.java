package dev.lode.train.model;

/**
 * A linear map {@code y = x·Wᵀ (+ b)} over a batch of token rows: the base {@link Linear}, or a LoRA wrapper
 * around one. The decoder only ever talks to this interface, so an adapter is attached by wrapping, never by
 * changing the decoder.
 */
public interface Projection {
  int inFeatures();

  int outFeatures();

  /** {@code y[n×out] = x[n×in]·Wᵀ}; {@code training} enables dropout. */
  void forward(FloatMatrix x, FloatMatrix y, int n, boolean training, long seed);

  /**
   * Given {@code dy}, accumulates the gradients of this projection's trainable weights and writes
   * {@code dx = dy·W} (or adds it when {@code accumulate}).
   */
  void backward(FloatMatrix x, FloatMatrix dy, FloatMatrix dx, int n, boolean accumulate);

  /** The base projection this one is or wraps. */
  Linear base();
}
