package dev.lode.train.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Llama-family decoder on ND4J arrays with explicit forward and backward passes, read in data-flow order:
 * token embedding → {@link DecoderLayer} × n (RMSNorm, {@link Attention}, RMSNorm, {@link Mlp}) → final RMSNorm →
 * lm_head (its own weight, or the embedding's when tied).
 *
 * <p>Activations live in arrays allocated once per (batch, sequence) shape and reused every step; the backward pass
 * overwrites forward buffers it no longer needs. Only the rows that carry loss go through lm_head in training
 * (prompt tokens of an SFT example never reach the 8k-wide vocabulary product).
 */
public final class LlamaModel {
  private final LlamaConfig config;
  private final Param embed;
  private final DecoderLayer[] layers;
  private final Param finalNorm;
  private final Linear lmHead; // null when tied
  private final Map<String, Param> parameters = new LinkedHashMap<>();

  private int batch;
  private int seq;
  private int[] ids;
  private FloatMatrix[] residual; // residual[l] is the input of layer l; residual[L] feeds the final norm
  private FloatMatrix hidden; // final-normed hidden state
  private float[] invFinal;
  private FloatMatrix headIn;
  private FloatMatrix logits;
  private FloatMatrix dHeadIn;
  private FloatMatrix dRes;
  private FloatMatrix scratch;
  private int[] activeRows = new int[0];
  private int active;

  public LlamaModel(LlamaConfig config) {
    this.config = config;
    int d = config.hiddenSize();
    Rotary rotary = new Rotary(config.headDim(), config.ropeTheta());
    embed = register(new Param(WeightNames.EMBED, FloatMatrix.zeros(config.vocabSize(), d)));
    layers = new DecoderLayer[config.numLayers()];
    for (int i = 0; i < layers.length; i++) {
      DecoderLayer layer = new DecoderLayer(config, rotary, i);
      layers[i] = layer;
      register(layer.inputNorm);
      for (Projection p : layer.attention.qkvo) {
        registerLinear(p.base());
      }
      register(layer.postAttentionNorm);
      for (Projection p : layer.mlp.gateUpDown) {
        registerLinear(p.base());
      }
    }
    finalNorm = register(new Param(WeightNames.FINAL_NORM, FloatMatrix.zeros(1, d)));
    lmHead = config.tieWordEmbeddings() ? null : new Linear("lm_head", d, config.vocabSize(), false);
    if (lmHead != null) {
      registerLinear(lmHead);
    }
  }

  public LlamaConfig config() {
    return config;
  }

  /** Every weight by its Hugging Face name, in state-dict order; vectors are 1 × n. */
  public Map<String, Param> parameters() {
    return Collections.unmodifiableMap(parameters);
  }

  /** Makes every weight trainable (full-parameter training) or frozen (LoRA: only adapter weights train). */
  public void setBaseTrainable(boolean trainable) {
    parameters.values().forEach(p -> p.setTrainable(trainable));
  }

  /** The projection in a slot: layer {@code i}, {@code name} one of {@link WeightNames#PROJECTIONS}. */
  public Projection projection(int layer, String name) {
    Projection[] slots = slots(layer, name);
    return slots[slotIndex(name)];
  }

  /** Puts {@code p} (a LoRA wrapper of the same base) in a projection slot. */
  public void setProjection(int layer, String name, Projection p) {
    Projection[] slots = slots(layer, name);
    int i = slotIndex(name);
    if (p.base() != slots[i].base()) {
      throw new IllegalArgumentException("projection for " + WeightNames.projection(layer, name)
          + " must wrap the model's own base weight");
    }
    slots[i] = p;
  }

  // ---- forward ----

  /** Runs the decoder over {@code ids} (batch rows of seq tokens) up to the final norm. */
  public void forward(int[] ids, int batch, int seq, boolean training, long seed) {
    if (ids.length < batch * seq) {
      throw new IllegalArgumentException("need " + batch * seq + " token ids, got " + ids.length);
    }
    if (seq > config.maxPositions()) {
      throw new IllegalArgumentException("sequence length " + seq + " exceeds max_position_embeddings "
          + config.maxPositions());
    }
    resize(batch, seq);
    this.ids = ids;
    int n = batch * seq;
    Kernels.gatherRows(embed.value(), ids, residual[0], n);
    for (int l = 0; l < layers.length; l++) {
      layers[l].forward(residual[l], residual[l + 1], training, seed * 1000 + l);
    }
    Kernels.rmsNormForward(residual[layers.length], finalNorm.value(), hidden, invFinal, n,
        (float) config.rmsNormEps());
  }

  /** Logits for every position [batch·seq × vocab] (a buffer reused by the next call). */
  public FloatMatrix logits(int[] ids, int batch, int seq) {
    forward(ids, batch, seq, false, 0);
    int n = batch * seq;
    selectRows(null, n);
    head(n);
    return logits;
  }

  private Param headWeight() {
    return lmHead != null ? lmHead.weight() : embed;
  }

  private void head(int m) {
    int d = config.hiddenSize();
    int v = config.vocabSize();
    for (int i = 0; i < m; i++) {
      if (activeRows[i] != i) { // gather only when rows were dropped
        gatherActive(m);
        Blas.gemm(false, true, m, v, d, 1f, headIn, 0, d, headWeight().value(), 0, d, 0f, logits, 0, v);
        return;
      }
    }
    Blas.gemm(false, true, m, v, d, 1f, hidden, 0, d, headWeight().value(), 0, d, 0f, logits, 0, v);
  }

  private void gatherActive(int m) {
    int d = config.hiddenSize();
    Parallel.forRange(m, (from, to) -> {
      float[] row = new float[d];
      for (int i = from; i < to; i++) {
        hidden.getRow(activeRows[i], row);
        headIn.setRow(i, row);
      }
    });
  }

  private void selectRows(float[] weights, int n) {
    if (activeRows.length < n) {
      activeRows = new int[n];
    }
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (weights == null || weights[i] != 0f) {
        activeRows[m++] = i;
      }
    }
    active = m;
  }

  // ---- loss and backward ----

  /**
   * After {@link #forward} with {@code training}: the weighted next-token loss of the positions whose weight is not
   * zero, and the gradients of every trainable weight (accumulated, so micro-batches add up).
   *
   * @param targets target id per position (batch·seq)
   * @param weights loss weight per position; 0 leaves a position out entirely
   * @param gradScale multiplies every gradient, e.g. 1 / (loss tokens in the optimiser step)
   * @return Σ weight·(−log p(target))
   */
  public double lossAndBackward(int[] targets, float[] weights, float gradScale) {
    int n = batch * seq;
    int d = config.hiddenSize();
    int v = config.vocabSize();
    selectRows(weights, n);
    int m = active;
    double loss = 0;
    dRes.fill(0f);
    if (m > 0) {
      head(m);
      int[] t = new int[m];
      float[] w = new float[m];
      for (int i = 0; i < m; i++) {
        t[i] = targets[activeRows[i]];
        w[i] = weights[activeRows[i]];
      }
      loss = CrossEntropy.lossAndGradient(logits, m, t, w, gradScale);
      boolean gathered = m != n;
      FloatMatrix in = gathered ? headIn : hidden;
      Param hw = headWeight();
      if (hw.trainable()) { // dW += dLogitsᵀ·h
        Blas.gemm(true, false, v, d, m, 1f, logits, 0, v, in, 0, d, 1f, hw.grad(), 0, d);
      }
      Blas.gemm(false, false, m, d, v, 1f, logits, 0, v, hw.value(), 0, d, 0f, dHeadIn, 0, d);
      // dHidden: rows of dHeadIn at their positions, zero elsewhere; kept in 'hidden' (its value is spent)
      hidden.fill(0f);
      float[] row = new float[d];
      for (int i = 0; i < m; i++) {
        dHeadIn.getRow(i, row);
        hidden.setRow(activeRows[i], row);
      }
    } else {
      hidden.fill(0f);
    }
    Kernels.rmsNormBackward(residual[layers.length], finalNorm.value(), invFinal, hidden, dRes, false,
        finalNorm.grad(), n);
    for (int l = layers.length - 1; l >= 0; l--) {
      layers[l].backward(residual[l], dRes, scratch);
    }
    if (embed.trainable()) {
      Kernels.scatterAddRows(dRes, ids, embed.grad(), n);
    }
    return loss;
  }

  private void resize(int batch, int seq) {
    for (DecoderLayer layer : layers) {
      layer.resize(batch, seq);
    }
    if (batch == this.batch && seq == this.seq) {
      return;
    }
    this.batch = batch;
    this.seq = seq;
    int n = batch * seq;
    int d = config.hiddenSize();
    residual = new FloatMatrix[layers.length + 1];
    for (int i = 0; i < residual.length; i++) {
      residual[i] = FloatMatrix.zeros(n, d);
    }
    hidden = FloatMatrix.zeros(n, d);
    invFinal = new float[n];
    headIn = FloatMatrix.zeros(n, d);
    logits = FloatMatrix.zeros(n, config.vocabSize());
    dHeadIn = FloatMatrix.zeros(n, d);
    dRes = FloatMatrix.zeros(n, d);
    scratch = FloatMatrix.zeros(layers[0].attention.scratchRows(), seq);
  }

  private Param register(Param p) {
    parameters.put(p.name(), p);
    return p;
  }

  private void registerLinear(Linear l) {
    register(l.weight());
    if (l.bias() != null) {
      register(l.bias());
    }
  }

  private Projection[] slots(int layer, String name) {
    if (layer < 0 || layer >= layers.length) {
      throw new IllegalArgumentException("layer " + layer + " does not exist (model has " + layers.length + ")");
    }
    return name.startsWith("self_attn.") ? layers[layer].attention.qkvo : layers[layer].mlp.gateUpDown;
  }

  private static int slotIndex(String name) {
    return switch (name) {
      case "self_attn.q_proj", "mlp.gate_proj" -> 0;
      case "self_attn.k_proj", "mlp.up_proj" -> 1;
      case "self_attn.v_proj", "mlp.down_proj" -> 2;
      case "self_attn.o_proj" -> 3;
      default -> throw new IllegalArgumentException("unknown projection '" + name + "' (known: "
          + String.join(", ", WeightNames.PROJECTIONS) + ")");
    };
  }
}
