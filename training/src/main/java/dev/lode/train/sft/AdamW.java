package dev.lode.train.sft;

import dev.lode.train.model.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW with decoupled weight decay, step for step as {@code torch.optim.AdamW} computes it: the weight is first
 * shrunk by {@code lr·wd}, then moved by {@code lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε)}. Moments live on the Java heap,
 * one pair per trainable weight, and are saved with checkpoints so a resumed run continues exactly.
 */
public final class AdamW {
  private final List<Param> params;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final Map<String, float[]> m = new LinkedHashMap<>();
  private final Map<String, float[]> v = new LinkedHashMap<>();
  private long step;

  public AdamW(List<Param> params, double beta1, double beta2, double eps, double weightDecay) {
    this.params = List.copyOf(params);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    for (Param p : params) {
      if (!p.trainable()) {
        throw new IllegalArgumentException("AdamW given frozen weight " + p.name());
      }
      m.put(p.name(), new float[p.value().size()]);
      v.put(p.name(), new float[p.value().size()]);
    }
  }

  /** Applies one update with learning rate {@code lr} from the current gradients, then zeroes them. */
  public void step(double lr) {
    step++;
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    float stepSize = (float) (lr / bc1);
    float decay = (float) (1 - lr * weightDecay);
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    for (Param p : params) {
      float[] w = p.value().toArray();
      float[] g = p.grad().toArray();
      float[] mm = m.get(p.name());
      float[] vv = v.get(p.name());
      for (int i = 0; i < w.length; i++) {
        mm[i] = b1 * mm[i] + (1 - b1) * g[i];
        vv[i] = b2 * vv[i] + (1 - b2) * g[i] * g[i];
        float denom = (float) (Math.sqrt(vv[i]) / bc2Sqrt + eps);
        w[i] = w[i] * decay - stepSize * mm[i] / denom;
      }
      p.value().copyFrom(w);
      p.grad().fill(0f);
    }
  }

  /** Sets every gradient to zero without updating. */
  public void zeroGrad() {
    params.forEach(p -> p.grad().fill(0f));
  }

  /** The global L2 norm of all gradients. */
  public double gradNorm() {
    double sum = 0;
    for (Param p : params) {
      float[] g = p.grad().toArray();
      for (float x : g) {
        sum += (double) x * x;
      }
    }
    return Math.sqrt(sum);
  }

  /** Scales every gradient so the global norm is at most {@code maxNorm}; returns the norm before clipping. */
  public double clipGradNorm(double maxNorm) {
    double norm = gradNorm();
    if (maxNorm > 0 && norm > maxNorm) {
      float k = (float) (maxNorm / (norm + 1e-6));
      for (Param p : params) {
        p.grad().scale(k);
      }
    }
    return norm;
  }

  public List<Param> params() {
    return params;
  }

  public long stepCount() {
    return step;
  }

  /** Moments by weight name, for checkpoints: name + ".exp_avg" and name + ".exp_avg_sq". */
  public Map<String, float[]> state() {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Param p : params) {
      out.put(p.name() + ".exp_avg", m.get(p.name()));
      out.put(p.name() + ".exp_avg_sq", v.get(p.name()));
    }
    return out;
  }

  /** Restores what {@link #state} saved, and the step count. */
  public void restore(Map<String, float[]> state, long step) {
    for (Param p : params) {
      float[] a = state.get(p.name() + ".exp_avg");
      float[] b = state.get(p.name() + ".exp_avg_sq");
      if (a == null || b == null || a.length != p.value().size() || b.length != p.value().size()) {
        throw new IllegalArgumentException("optimizer state has no matching moments for " + p.name());
      }
      System.arraycopy(a, 0, m.get(p.name()), 0, a.length);
      System.arraycopy(b, 0, v.get(p.name()), 0, b.length);
    }
    this.step = step;
  }
}
