package dev.lode.train.model;

/**
 * Rotary position embedding in Hugging Face's "rotate half" layout: the first and second halves of each head
 * vector form the rotated pairs. Angles are computed in float32 the way transformers computes them, so positions
 * near the context length round the same way as the reference implementation.
 *
 * <p>The kernels also move a projection's output [tokens × heads·headDim] into head-major blocks
 * [batch·heads·seq × headDim], the layout in which each head's attention products are contiguous BLAS operands.
 *
 * <p>A token's rotary position is its index in its row unless a positions array says otherwise: with packed
 * examples the position restarts at 0 at each example, so each one is rotated exactly as it would be alone, and
 * during cached decoding a single new token sits at the cache's length.
 */
public final class Rotary {
  private final int headDim;
  private final int half;
  private final float[] invFreq;
  private float[] cos = new float[0];
  private float[] sin = new float[0];
  private int length;

  public Rotary(int headDim, double theta) {
    this.headDim = headDim;
    this.half = headDim / 2;
    this.invFreq = new float[half];
    for (int i = 0; i < half; i++) {
      float exponent = (float) (2 * i) / (float) headDim;
      invFreq[i] = 1.0f / (float) Math.pow(theta, exponent);
    }
  }

  /** Makes the tables cover positions [0, len). */
  public synchronized void ensure(int len) {
    if (len <= length) {
      return;
    }
    float[] c = new float[len * half];
    float[] s = new float[len * half];
    for (int p = 0; p < len; p++) {
      for (int i = 0; i < half; i++) {
        float angle = (float) p * invFreq[i];
        c[p * half + i] = (float) Math.cos(angle);
        s[p * half + i] = (float) Math.sin(angle);
      }
    }
    cos = c;
    sin = s;
    length = len;
  }

  /**
   * dst[(b·heads + h)·seq + t] = rope(src[b·seq + t, h·headDim …]), or a plain move when {@code rotate} is false.
   */
  public void toHeads(FloatMatrix src, FloatMatrix dst, int batch, int seq, int heads, boolean rotate) {
    toHeads(src, dst, batch, seq, heads, rotate, null);
  }

  /**
   * {@link #toHeads(FloatMatrix, FloatMatrix, int, int, int, boolean)} with token {@code n} rotated by the angle of
   * {@code positions[n]} instead of {@code n % seq}; null positions means the index in the row.
   */
  public void toHeads(FloatMatrix src, FloatMatrix dst, int batch, int seq, int heads, boolean rotate,
      int[] positions) {
    ensure(rotate ? tableLength(positions, batch * seq, seq) : 0);
    float[] cs = cos;
    float[] sn = sin;
    int width = heads * headDim;
    Parallel.forRange(batch * seq, (from, to) -> {
      float[] row = new float[width];
      float[] out = new float[headDim];
      for (int n = from; n < to; n++) {
        int b = n / seq;
        int t = n % seq;
        int pos = positions == null ? t : positions[n];
        src.getRow(n, row);
        for (int h = 0; h < heads; h++) {
          int base = h * headDim;
          if (rotate) {
            for (int i = 0; i < half; i++) {
              float c = cs[pos * half + i];
              float s = sn[pos * half + i];
              float x1 = row[base + i];
              float x2 = row[base + half + i];
              out[i] = x1 * c - x2 * s;
              out[half + i] = x2 * c + x1 * s;
            }
          } else {
            System.arraycopy(row, base, out, 0, headDim);
          }
          dst.write(((b * heads + h) * seq + t) * headDim, out, 0, headDim);
        }
      }
    });
  }

  /** The transpose of {@link #toHeads}: gradients in head blocks back to token rows, rotated by −angle. */
  public void fromHeads(FloatMatrix src, FloatMatrix dst, int batch, int seq, int heads, boolean rotate) {
    fromHeads(src, dst, batch, seq, heads, rotate, null);
  }

  /**
   * The transpose of {@link #toHeads(FloatMatrix, FloatMatrix, int, int, int, boolean, int[])}: the backward pass
   * must undo the very angle each token was rotated by, so it takes the same positions.
   */
  public void fromHeads(FloatMatrix src, FloatMatrix dst, int batch, int seq, int heads, boolean rotate,
      int[] positions) {
    ensure(rotate ? tableLength(positions, batch * seq, seq) : 0);
    float[] cs = cos;
    float[] sn = sin;
    int width = heads * headDim;
    Parallel.forRange(batch * seq, (from, to) -> {
      float[] row = new float[width];
      float[] g = new float[headDim];
      for (int n = from; n < to; n++) {
        int b = n / seq;
        int t = n % seq;
        int pos = positions == null ? t : positions[n];
        for (int h = 0; h < heads; h++) {
          src.read(((b * heads + h) * seq + t) * headDim, g, 0, headDim);
          int base = h * headDim;
          if (rotate) {
            for (int i = 0; i < half; i++) {
              float c = cs[pos * half + i];
              float s = sn[pos * half + i];
              row[base + i] = g[i] * c + g[half + i] * s;
              row[base + half + i] = g[half + i] * c - g[i] * s;
            }
          } else {
            System.arraycopy(g, 0, row, base, headDim);
          }
        }
        dst.setRow(n, row);
      }
    });
  }

  /** Positions the tables must cover: seq, or one past the largest (non-negative) entry of positions. */
  private static int tableLength(int[] positions, int n, int seq) {
    if (positions == null) {
      return seq;
    }
    if (positions.length < n) {
      throw new IllegalArgumentException("need " + n + " positions, got " + positions.length);
    }
    int max = -1;
    for (int i = 0; i < n; i++) {
      if (positions[i] < 0) {
        throw new IllegalArgumentException("position " + positions[i] + " of token " + i + " is negative");
      }
      max = Math.max(max, positions[i]);
    }
    return max + 1;
  }
}
