package dev.lode.train.lora;

import dev.lode.train.model.Blas;
import dev.lode.train.model.FloatMatrix;
import dev.lode.train.model.Linear;
import dev.lode.train.model.Projection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A LoRA layer, as PEFT's {@code LoraLayer}: wraps a base {@link Linear} and adds
 * {@code scaling · B·A·dropout(x)}. It holds any number of named adapters over the same base weight; one is active
 * at a time (or none: the base alone). Merging folds the active adapter into the base weight, unmerging takes it
 * out again.
 */
public final class LoraLinear implements Projection {
  private final Linear base;
  private final Map<String, LoraWeights> adapters = new LinkedHashMap<>();
  private String active;
  private String merged;

  // per-step buffers: xa = dropout(x)·Aᵀ is kept for the backward pass
  private int n = -1;
  private int rank = -1;
  private FloatMatrix xa;
  private FloatMatrix dxa;
  private FloatMatrix dropped; // dropout(x), only when dropout > 0 in training
  private FloatMatrix mask; // 0 or 1/(1 − p) per input element
  private FloatMatrix tmp;
  private boolean droppedThisStep;

  public LoraLinear(Linear base) {
    this.base = base;
  }

  @Override
  public Linear base() {
    return base;
  }

  @Override
  public int inFeatures() {
    return base.inFeatures();
  }

  @Override
  public int outFeatures() {
    return base.outFeatures();
  }

  public void add(String name, LoraWeights weights) {
    if (weights.a().value().cols() != inFeatures() || weights.b().value().rows() != outFeatures()) {
      throw new IllegalArgumentException("adapter '" + name + "' for " + base.weight().name() + " has A "
          + weights.a().value().shape() + " and B " + weights.b().value().shape() + "; the base weight is "
          + base.weight().value().shape());
    }
    adapters.put(name, weights);
  }

  public void remove(String name) {
    if (name.equals(merged)) {
      throw new IllegalStateException("adapter '" + name + "' is merged into " + base.weight().name()
          + "; unmerge it first");
    }
    adapters.remove(name);
    if (name.equals(active)) {
      active = null;
    }
  }

  /** Selects the adapter used by forward/backward, or none with null. */
  public void setActive(String name) {
    if (name != null && !adapters.containsKey(name)) {
      throw new IllegalArgumentException("no adapter '" + name + "' on " + base.weight().name());
    }
    if (merged != null && !merged.equals(name)) {
      throw new IllegalStateException("adapter '" + merged + "' is merged into " + base.weight().name()
          + "; unmerge it before switching");
    }
    active = name;
  }

  public LoraWeights weights(String name) {
    return adapters.get(name);
  }

  /** W += scaling · B·A for the active adapter. */
  public void merge() {
    if (active == null || merged != null) {
      return;
    }
    LoraWeights w = adapters.get(active);
    Blas.gemm(w.b().value(), false, w.a().value(), false, base.weight().value(), w.scaling(), 1f);
    merged = active;
  }

  /** W −= scaling · B·A, undoing {@link #merge}. */
  public void unmerge() {
    if (merged == null) {
      return;
    }
    LoraWeights w = adapters.get(merged);
    Blas.gemm(w.b().value(), false, w.a().value(), false, base.weight().value(), -w.scaling(), 1f);
    merged = null;
  }

  public boolean isMerged() {
    return merged != null;
  }

  private LoraWeights live() {
    return active == null || merged != null ? null : adapters.get(active);
  }

  @Override
  public void forward(FloatMatrix x, FloatMatrix y, int n, boolean training, long seed) {
    base.forward(x, y, n, training, seed);
    LoraWeights w = live();
    if (w == null) {
      return;
    }
    int in = inFeatures();
    int out = outFeatures();
    int r = w.rank();
    ensure(n, r, w.dropout() > 0 && training);
    FloatMatrix src = x;
    droppedThisStep = training && w.dropout() > 0;
    if (droppedThisStep) {
      applyDropout(x, dropped, mask, n * in, w.dropout(), seed);
      src = dropped;
    }
    Blas.gemm(false, true, n, r, in, 1f, src, 0, in, w.a().value(), 0, in, 0f, xa, 0, r);
    Blas.gemm(false, true, n, out, r, w.scaling(), xa, 0, r, w.b().value(), 0, r, 1f, y, 0, out);
  }

  @Override
  public void backward(FloatMatrix x, FloatMatrix dy, FloatMatrix dx, int n, boolean accumulate) {
    base.backward(x, dy, dx, n, accumulate);
    LoraWeights w = live();
    if (w == null) {
      return;
    }
    int in = inFeatures();
    int out = outFeatures();
    int r = w.rank();
    FloatMatrix src = droppedThisStep ? dropped : x;
    if (w.b().trainable()) { // dB += s · dyᵀ·xa
      Blas.gemm(true, false, out, r, n, w.scaling(), dy, 0, out, xa, 0, r, 1f, w.b().grad(), 0, r);
    }
    // dxa = s · dy·B
    Blas.gemm(false, false, n, r, out, w.scaling(), dy, 0, out, w.b().value(), 0, r, 0f, dxa, 0, r);
    if (w.a().trainable()) { // dA += dxaᵀ·dropout(x)
      Blas.gemm(true, false, r, in, n, 1f, dxa, 0, r, src, 0, in, 1f, w.a().grad(), 0, in);
    }
    if (dx != null) {
      if (droppedThisStep) { // through the dropout mask: dx += (dxa·A) ∘ mask / (1 − p)
        Blas.gemm(false, false, n, in, r, 1f, dxa, 0, r, w.a().value(), 0, in, 0f, tmp, 0, in);
        maskedAdd(tmp, mask, dx, n * in);
      } else {
        Blas.gemm(false, false, n, in, r, 1f, dxa, 0, r, w.a().value(), 0, in, 1f, dx, 0, in);
      }
    }
  }

  private void ensure(int n, int r, boolean withDropout) {
    if (n != this.n || r != rank) {
      this.n = n;
      this.rank = r;
      xa = FloatMatrix.zeros(n, r);
      dxa = FloatMatrix.zeros(n, r);
      dropped = null;
      mask = null;
      tmp = null;
    }
    if (withDropout && dropped == null) {
      dropped = FloatMatrix.zeros(n, inFeatures());
      mask = FloatMatrix.zeros(n, inFeatures());
      tmp = FloatMatrix.zeros(n, inFeatures());
    }
  }

  /** Inverted dropout with a mask drawn from {@code seed}, so a step replays identically on resume. */
  private static void applyDropout(FloatMatrix x, FloatMatrix out, FloatMatrix mask, int len, float p, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float keep = 1f / (1f - p);
    float[] buf = new float[Math.min(len, 1 << 16)];
    float[] mb = new float[buf.length];
    for (int start = 0; start < len; start += buf.length) {
      int m = Math.min(buf.length, len - start);
      x.read(start, buf, 0, m);
      for (int i = 0; i < m; i++) {
        mb[i] = rng.nextFloat() < p ? 0f : keep;
        buf[i] *= mb[i];
      }
      out.write(start, buf, 0, m);
      mask.write(start, mb, 0, m);
    }
  }

  /** dx += g ∘ mask. */
  private static void maskedAdd(FloatMatrix g, FloatMatrix mask, FloatMatrix dx, int len) {
    float[] gb = new float[Math.min(len, 1 << 16)];
    float[] mb = new float[gb.length];
    float[] ob = new float[gb.length];
    for (int start = 0; start < len; start += gb.length) {
      int m = Math.min(gb.length, len - start);
      g.read(start, gb, 0, m);
      mask.read(start, mb, 0, m);
      dx.read(start, ob, 0, m);
      for (int i = 0; i < m; i++) {
        ob[i] += gb[i] * mb[i];
      }
      dx.write(start, ob, 0, m);
    }
  }
}
