package dev.lode.train.model;

/**
 * The element-wise and row-wise kernels of the decoder, written as plain loops over rows copied into Java arrays
 * (so the JIT vectorises them) and split over threads by {@link Parallel}. Everything that is not a matrix product
 * lives here; each forward kernel sits next to its backward.
 */
public final class Kernels {
  private Kernels() {}

  // ---- bias ----

  /** y[r, :] += b for r < n. */
  public static void addRowVector(FloatMatrix y, int n, FloatMatrix b) {
    int cols = y.cols();
    float[] bias = b.toArray();
    Parallel.forRange(n, (from, to) -> {
      float[] row = new float[cols];
      for (int r = from; r < to; r++) {
        y.getRow(r, row);
        for (int c = 0; c < cols; c++) {
          row[c] += bias[c];
        }
        y.setRow(r, row);
      }
    });
  }

  /** g[c] += Σ_r dy[r, c] over r < n. */
  public static void addColumnSums(FloatMatrix dy, int n, FloatMatrix g) {
    int cols = dy.cols();
    float[] sum = new float[cols];
    float[] row = new float[cols];
    for (int r = 0; r < n; r++) {
      dy.getRow(r, row);
      for (int c = 0; c < cols; c++) {
        sum[c] += row[c];
      }
    }
    float[] acc = g.toArray();
    for (int c = 0; c < cols; c++) {
      acc[c] += sum[c];
    }
    g.copyFrom(acc);
  }

  // ---- RMSNorm: y = x / sqrt(mean(x²) + eps) · w ----

  public static void rmsNormForward(FloatMatrix x, FloatMatrix w, FloatMatrix y, float[] invRms, int n, float eps) {
    int d = x.cols();
    float[] weight = w.toArray();
    Parallel.forRange(n, (from, to) -> {
      float[] row = new float[d];
      for (int r = from; r < to; r++) {
        x.getRow(r, row);
        float ss = 0f;
        for (int c = 0; c < d; c++) {
          ss += row[c] * row[c];
        }
        float inv = (float) (1.0 / Math.sqrt(ss / d + eps));
        invRms[r] = inv;
        for (int c = 0; c < d; c++) {
          row[c] = row[c] * inv * weight[c];
        }
        y.setRow(r, row);
      }
    });
  }

  /**
   * dx (+)= ∂L/∂x of RMSNorm given dy: {@code dx = inv·(dy∘w) − inv³/d · x · Σ(dy∘w∘x)}; dw += Σ_r dy∘x·inv when
   * {@code dw} is not null.
   */
  public static void rmsNormBackward(FloatMatrix x, FloatMatrix w, float[] invRms, FloatMatrix dy, FloatMatrix dx,
      boolean accumulate, FloatMatrix dw, int n) {
    int d = x.cols();
    float[] weight = w.toArray();
    int threads = Math.min(Parallel.threads(), Math.max(1, n));
    float[][] dwParts = dw == null ? null : new float[threads][d];
    int[] next = {0};
    Parallel.forRange(n, (from, to) -> {
      float[] xr = new float[d];
      float[] gr = new float[d];
      float[] out = new float[d];
      float[] dwp = null;
      if (dwParts != null) {
        synchronized (next) {
          dwp = dwParts[next[0]++];
        }
      }
      for (int r = from; r < to; r++) {
        x.getRow(r, xr);
        dy.getRow(r, gr);
        float inv = invRms[r];
        float dot = 0f;
        for (int c = 0; c < d; c++) {
          dot += gr[c] * weight[c] * xr[c];
        }
        float k = inv * inv * inv * dot / d;
        if (accumulate) {
          dx.getRow(r, out);
          for (int c = 0; c < d; c++) {
            out[c] += inv * gr[c] * weight[c] - k * xr[c];
          }
        } else {
          for (int c = 0; c < d; c++) {
            out[c] = inv * gr[c] * weight[c] - k * xr[c];
          }
        }
        dx.setRow(r, out);
        if (dwp != null) {
          for (int c = 0; c < d; c++) {
            dwp[c] += gr[c] * xr[c] * inv;
          }
        }
      }
    });
    if (dw != null) {
      float[] acc = dw.toArray();
      for (float[] part : dwParts) {
        for (int c = 0; c < d; c++) {
          acc[c] += part[c];
        }
      }
      dw.copyFrom(acc);
    }
  }

  // ---- SwiGLU: act = silu(gate) · up ----

  public static void swigluForward(FloatMatrix gate, FloatMatrix up, FloatMatrix act, int n) {
    int f = gate.cols();
    Parallel.forRange(n, (from, to) -> {
      float[] g = new float[f];
      float[] u = new float[f];
      for (int r = from; r < to; r++) {
        gate.getRow(r, g);
        up.getRow(r, u);
        for (int c = 0; c < f; c++) {
          float s = 1f / (1f + (float) Math.exp(-g[c]));
          u[c] = g[c] * s * u[c];
        }
        act.setRow(r, u);
      }
    });
  }

  /** dGate = dAct·up·σ(g)(1 + g(1 − σ(g))), dUp = dAct·silu(g); written over dGate and dUp. */
  public static void swigluBackward(FloatMatrix gate, FloatMatrix up, FloatMatrix dAct, FloatMatrix dGate,
      FloatMatrix dUp, int n) {
    int f = gate.cols();
    Parallel.forRange(n, (from, to) -> {
      float[] g = new float[f];
      float[] u = new float[f];
      float[] da = new float[f];
      for (int r = from; r < to; r++) {
        gate.getRow(r, g);
        up.getRow(r, u);
        dAct.getRow(r, da);
        for (int c = 0; c < f; c++) {
          float s = 1f / (1f + (float) Math.exp(-g[c]));
          float silu = g[c] * s;
          float dg = da[c] * u[c] * s * (1f + g[c] * (1f - s));
          u[c] = da[c] * silu; // dUp
          g[c] = dg;
        }
        dGate.setRow(r, g);
        dUp.setRow(r, u);
      }
    });
  }

  // ---- embedding ----

  public static void gatherRows(FloatMatrix table, int[] ids, FloatMatrix out, int n) {
    int d = table.cols();
    int vocab = table.rows();
    Parallel.forRange(n, (from, to) -> {
      float[] row = new float[d];
      for (int r = from; r < to; r++) {
        int id = ids[r];
        if (id < 0 || id >= vocab) {
          throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (size " + vocab + ")");
        }
        table.getRow(id, row);
        out.setRow(r, row);
      }
    });
  }

  /** table[ids[r]] += rows[r]; serial, as ids repeat. */
  public static void scatterAddRows(FloatMatrix rows, int[] ids, FloatMatrix table, int n) {
    int d = table.cols();
    float[] src = new float[d];
    float[] dst = new float[d];
    for (int r = 0; r < n; r++) {
      rows.getRow(r, src);
      table.getRow(ids[r], dst);
      for (int c = 0; c < d; c++) {
        dst[c] += src[c];
      }
      table.setRow(ids[r], dst);
    }
  }

  // ---- element-wise ----

  /** y[0..len) += x[0..len). */
  public static void addInPlace(FloatMatrix y, FloatMatrix x, int len) {
    Parallel.forRange(len / 1024 + 1, (from, to) -> {
      int a = from * 1024;
      int b = Math.min(len, to * 1024);
      if (a >= b) {
        return;
      }
      float[] ys = new float[b - a];
      float[] xs = new float[b - a];
      y.read(a, ys, 0, b - a);
      x.read(a, xs, 0, b - a);
      for (int i = 0; i < ys.length; i++) {
        ys[i] += xs[i];
      }
      y.write(a, ys, 0, b - a);
    });
  }

  /** Copies the first len values. */
  public static void copy(FloatMatrix src, FloatMatrix dst, int len) {
    Parallel.forRange(len / 4096 + 1, (from, to) -> {
      int a = from * 4096;
      int b = Math.min(len, to * 4096);
      if (a < b) {
        float[] tmp = new float[b - a];
        src.read(a, tmp, 0, b - a);
        dst.write(a, tmp, 0, b - a);
      }
    });
  }
}
