package dev.lode.train.model;

/** SwiGLU feed-forward: down(silu(gate(h)) · up(h)). */
public final class Mlp {
  private final LlamaConfig cfg;
  final Projection[] gateUpDown = new Projection[3];

  private int n;
  private FloatMatrix gate;
  private FloatMatrix up;
  private FloatMatrix act;
  private FloatMatrix dUp;

  Mlp(LlamaConfig cfg, String prefix) {
    this.cfg = cfg;
    int d = cfg.hiddenSize();
    int f = cfg.intermediateSize();
    gateUpDown[0] = new Linear(prefix + "gate_proj", d, f, cfg.mlpBias());
    gateUpDown[1] = new Linear(prefix + "up_proj", d, f, cfg.mlpBias());
    gateUpDown[2] = new Linear(prefix + "down_proj", f, d, cfg.mlpBias());
  }

  void resize(int n) {
    if (n == this.n) {
      return;
    }
    this.n = n;
    int f = cfg.intermediateSize();
    gate = FloatMatrix.zeros(n, f);
    up = FloatMatrix.zeros(n, f);
    act = FloatMatrix.zeros(n, f);
    dUp = null;
  }

  void forward(FloatMatrix h, FloatMatrix out, boolean training, long seed) {
    gateUpDown[0].forward(h, gate, n, training, seed * 8 + 5);
    gateUpDown[1].forward(h, up, n, training, seed * 8 + 6);
    Kernels.swigluForward(gate, up, act, n);
    gateUpDown[2].forward(act, out, n, training, seed * 8 + 7);
  }

  /** dh = ∂L/∂h given dOut; {@code act} is reused for dAct and then dGate. */
  void backward(FloatMatrix h, FloatMatrix dOut, FloatMatrix dh) {
    if (dUp == null) {
      dUp = FloatMatrix.zeros(n, cfg.intermediateSize());
    }
    FloatMatrix dAct = dUp; // dAct is read row by row before dUp is written over it
    gateUpDown[2].backward(act, dOut, dAct, n, false);
    // dGate overwrites act (no longer needed), dUp overwrites dAct row by row
    Kernels.swigluBackward(gate, up, dAct, act, dUp, n);
    gateUpDown[0].backward(h, act, dh, n, false);
    gateUpDown[1].backward(h, dUp, dh, n, true);
  }
}
