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
 *
 * <p>A row may hold several packed examples: {@link #forward(int[], int[], int[], int, int, boolean, long)} takes a
 * rotary position and an example (segment) id per token, and attention then never crosses from one example into
 * another, forward or backward, so a packed row trains exactly as its examples would one by one. For generation,
 * {@link #decode} runs new tokens against a {@link KvCache} of the tokens before them.
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
  private boolean cachedLast; // the last forward was decode(): its activations are not a whole batch
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

  /**
   * Runs the decoder over {@code ids} (batch rows of seq tokens, one causal sequence per row, positions
   * 0..seq−1) up to the final norm.
   */
  public void forward(int[] ids, int batch, int seq, boolean training, long seed) {
    forward(ids, null, null, batch, seq, training, seed);
  }

  /**
   * Runs the decoder over rows that may each pack several examples, up to the final norm.
   *
   * @param ids token id per position (batch·seq)
   * @param positions rotary position of each token, restarting at 0 at each packed example (they must be below
   *     max_position_embeddings); null: the index in the row
   * @param segments id of the example each token belongs to within its row: a token attends only to itself and
   *     the earlier tokens of its own segment (a block-diagonal causal mask); null: one example per row
   */
  public void forward(int[] ids, int[] positions, int[] segments, int batch, int seq, boolean training,
      long seed) {
    int n = batch * seq;
    if (ids.length < n) {
      throw new IllegalArgumentException("need " + n + " token ids, got " + ids.length);
    }
    if (positions == null && seq > config.maxPositions()) {
      throw new IllegalArgumentException("sequence length " + seq + " exceeds max_position_embeddings "
          + config.maxPositions());
    }
    if (positions != null) {
      if (positions.length < n) {
        throw new IllegalArgumentException("need " + n + " positions, got " + positions.length);
      }
      for (int i = 0; i < n; i++) {
        if (positions[i] < 0 || positions[i] >= config.maxPositions()) {
          throw new IllegalArgumentException("position " + positions[i] + " of token " + i
              + " is outside [0, max_position_embeddings " + config.maxPositions() + ")");
        }
      }
    }
    if (segments != null && segments.length < n) {
      throw new IllegalArgumentException("need " + n + " segment ids, got " + segments.length);
    }
    int[][] blocks = Attention.blocks(segments, batch, seq); // one run of consecutive tokens per example
    resize(batch, seq);
    this.ids = ids;
    cachedLast = false;
    Kernels.gatherRows(embed.value(), ids, residual[0], n);
    for (int l = 0; l < layers.length; l++) {
      layers[l].forward(residual[l], residual[l + 1], positions, blocks, training, seed * 1000 + l);
    }
    Kernels.rmsNormForward(residual[layers.length], finalNorm.value(), hidden, invFinal, n,
        (float) config.rmsNormEps());
  }

  /**
   * Incremental decoding: runs {@code newIds} (a whole prompt at prefill, one token per step after) at positions
   * {@code cache.length()…}, appends their keys and values to {@code cache}, and returns the next-token logits
   * after the last of them [vocab]. Equal, up to rounding, to the last row of {@link #logits} over every token the
   * cache has seen; only that row goes through lm_head. The activations are not kept for a backward pass.
   */
  public float[] decode(KvCache cache, int[] newIds) {
    int n = newIds.length;
    int start = cache.length();
    if (n == 0) {
      throw new IllegalArgumentException("decode needs at least one new token");
    }
    if (cache.config() != config && !cache.config().equals(config)) {
      throw new IllegalArgumentException("the cache was made for another model configuration");
    }
    if (start + n > cache.capacity()) {
      throw new IllegalArgumentException("the cache holds " + start + " of " + cache.capacity() + " tokens; "
          + n + " more do not fit");
    }
    resize(1, n);
    this.ids = newIds;
    cachedLast = true;
    Kernels.gatherRows(embed.value(), newIds, residual[0], n);
    for (int l = 0; l < layers.length; l++) {
      layers[l].forwardCached(residual[l], residual[l + 1], cache, l, start);
    }
    Kernels.rmsNormForward(residual[layers.length], finalNorm.value(), hidden, invFinal, n,
        (float) config.rmsNormEps());
    cache.advance(n);
    int d = config.hiddenSize();
    int v = config.vocabSize();
    Blas.gemm(false, true, 1, v, d, 1f, hidden, (n - 1) * d, d, headWeight().value(), 0, d, 0f, logits, 0, v);
    float[] out = new float[v];
    logits.getRow(0, out);
    return out;
  }

  /** Logits for every position [batch·seq × vocab] (a buffer reused by the next call). */
  public FloatMatrix logits(int[] ids, int batch, int seq) {
    return logits(ids, null, null, batch, seq);
  }

  /** Logits for every position of packed rows (see {@link #forward(int[], int[], int[], int, int, boolean, long)}). */
  public FloatMatrix logits(int[] ids, int[] positions, int[] segments, int batch, int seq) {
    forward(ids, positions, segments, batch, seq, false, 0);
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
   * After {@link #forward} (training or not): the weighted next-token loss Σ weight·(−log p(target)) over the
   * positions whose weight is not zero, the value {@link #lossAndBackward} would return, without a backward pass
   * and without touching any gradient. For completion-token loss give weight 1 to the completion positions; the
   * perplexity is {@code exp(loss / Σ weights)}. The forward activations are left intact, so
   * {@link #lossAndBackward} may still follow.
   */
  public double loss(int[] targets, float[] weights) {
    requireBatchForward();
    int n = batch * seq;
    selectRows(weights, n);
    int m = active;
    if (m == 0) {
      return 0;
    }
    head(m);
    int[] t = new int[m];
    float[] w = new float[m];
    for (int i = 0; i < m; i++) {
      t[i] = targets[activeRows[i]];
      w[i] = weights[activeRows[i]];
    }
    return CrossEntropy.loss(logits, m, t, w);
  }

  private void requireBatchForward() {
    if (ids == null || cachedLast) {
      throw new IllegalStateException("loss needs a forward pass over whole rows first (decode() keeps no "
          + "activations for it)");
    }
  }

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
    requireBatchForward();
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
