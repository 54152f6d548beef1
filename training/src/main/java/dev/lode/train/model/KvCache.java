package dev.lode.train.model;

/**
 * The keys and values of the tokens a sequence has seen so far, per decoder layer, for incremental decoding with
 * {@link LlamaModel#decode}: each new token then costs one row through the projections and one row of attention
 * against the cache instead of a forward pass over the whole sequence.
 *
 * <p>Keys are stored after rotary embedding (each at its own position), so they never need rotating again.
 * Layout per layer: head-major blocks [kvHeads · capacity × headDim], so the cached keys of one head are one
 * contiguous BLAS operand whatever the current length.
 */
public final class KvCache {
  private final LlamaConfig config;
  private final int capacity;
  private final FloatMatrix[] keys;
  private final FloatMatrix[] values;
  private FloatMatrix scores = FloatMatrix.zeros(0, 0);
  private int length;

  /** An empty cache for up to {@code capacity} tokens (at most the model's max_position_embeddings). */
  public KvCache(LlamaConfig config, int capacity) {
    if (capacity < 1 || capacity > config.maxPositions()) {
      throw new IllegalArgumentException("cache capacity " + capacity + " must be between 1 and "
          + "max_position_embeddings " + config.maxPositions());
    }
    this.config = config;
    this.capacity = capacity;
    keys = new FloatMatrix[config.numLayers()];
    values = new FloatMatrix[config.numLayers()];
    for (int l = 0; l < keys.length; l++) {
      keys[l] = FloatMatrix.zeros(config.numKvHeads() * capacity, config.headDim());
      values[l] = FloatMatrix.zeros(config.numKvHeads() * capacity, config.headDim());
    }
  }

  public LlamaConfig config() {
    return config;
  }

  /** Tokens cached so far: the position the next token will take. */
  public int length() {
    return length;
  }

  public int capacity() {
    return capacity;
  }

  /** Forgets every token (the arrays are kept for the next sequence). */
  public void clear() {
    length = 0;
  }

  FloatMatrix keys(int layer) {
    return keys[layer];
  }

  FloatMatrix values(int layer) {
    return values[layer];
  }

  /** Scratch for the attention scores of one call, shared by the layers (they run one after another). */
  FloatMatrix scores(int size) {
    if (scores.size() < size) {
      scores = FloatMatrix.zeros(1, size);
    }
    return scores;
  }

  void advance(int n) {
    length += n;
  }
}
