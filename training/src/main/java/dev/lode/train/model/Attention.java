package dev.lode.train.model;

/**
 * Grouped-query self-attention with a causal mask: q/k/v projections, rotary embedding, softmax(q·kᵀ/√d)·v per
 * head, output projection. Each group of {@code heads / kvHeads} query heads shares one key/value head.
 *
 * <p>With packed rows the mask is block-diagonal causal: token i sees token j only when j ≤ i and both belong to
 * the same example (segment), and each token is rotated at its position within its example. A segment is a run of
 * consecutive tokens of a row, so attention runs block by block: each example's scores are one L×L product of its
 * own queries and keys (L its length, the row's padding a block of its own), its softmax causal within the block,
 * and every backward product (dV = Pᵀ·dO, dS = P∘(dP − Σ dP∘P), dQ = dS·K, dK = dSᵀ·Q) stays inside the block.
 * Nothing crosses examples, and a row of examples of lengths L₁ … Lₙ costs Σ Lᵢ² instead of (Σ Lᵢ)² in the
 * products and in the softmax's exponentials (a 4096-token row of four 1024-token examples: a quarter).
 *
 * <p>Per-head products run on contiguous head-major blocks, one (batch, kv-head) group per task so that the query
 * heads sharing a key/value head accumulate their gradients without racing.
 */
public final class Attention {
  private final LlamaConfig cfg;
  private final Rotary rotary;
  final Projection[] qkvo = new Projection[4]; // q, k, v, o: slots a LoRA wrapper can take over

  private int batch;
  private int seq;
  private int[] positions; // of the last forward, null: index in the row
  private int[][] blocks; // of the last forward: per row, the starts of its segments' runs, then seq
  // forward activations kept for backward
  private FloatMatrix q;
  private FloatMatrix k;
  private FloatMatrix v;
  private FloatMatrix qh;
  private FloatMatrix kh;
  private FloatMatrix vh;
  private FloatMatrix probs;
  private FloatMatrix oh;
  private FloatMatrix o;
  // backward scratch
  private FloatMatrix dq;
  private FloatMatrix dk;
  private FloatMatrix dv;
  private FloatMatrix dqh;
  private FloatMatrix dkh;
  private FloatMatrix dvh;

  Attention(LlamaConfig cfg, Rotary rotary, String prefix) {
    this.cfg = cfg;
    this.rotary = rotary;
    int d = cfg.hiddenSize();
    qkvo[0] = new Linear(prefix + "q_proj", d, cfg.qDim(), cfg.qkvBias());
    qkvo[1] = new Linear(prefix + "k_proj", d, cfg.kvDim(), cfg.qkvBias());
    qkvo[2] = new Linear(prefix + "v_proj", d, cfg.kvDim(), cfg.qkvBias());
    qkvo[3] = new Linear(prefix + "o_proj", cfg.qDim(), d, cfg.oBias());
  }

  void resize(int batch, int seq) {
    if (batch == this.batch && seq == this.seq) {
      return;
    }
    this.batch = batch;
    this.seq = seq;
    int n = batch * seq;
    int hd = cfg.headDim();
    q = FloatMatrix.zeros(n, cfg.qDim());
    k = FloatMatrix.zeros(n, cfg.kvDim());
    v = FloatMatrix.zeros(n, cfg.kvDim());
    qh = FloatMatrix.zeros(batch * cfg.numHeads() * seq, hd);
    kh = FloatMatrix.zeros(batch * cfg.numKvHeads() * seq, hd);
    vh = FloatMatrix.zeros(batch * cfg.numKvHeads() * seq, hd);
    probs = FloatMatrix.zeros(batch * cfg.numHeads() * seq, seq);
    oh = FloatMatrix.zeros(batch * cfg.numHeads() * seq, hd);
    o = FloatMatrix.zeros(n, cfg.qDim());
    dq = null; // backward buffers are allocated on first backward only (inference never needs them)
  }

  private void ensureBackwardBuffers() {
    if (dq == null) {
      int n = batch * seq;
      int hd = cfg.headDim();
      dq = FloatMatrix.zeros(n, cfg.qDim());
      dk = FloatMatrix.zeros(n, cfg.kvDim());
      dv = FloatMatrix.zeros(n, cfg.kvDim());
      dqh = FloatMatrix.zeros(batch * cfg.numHeads() * seq, hd);
      dkh = FloatMatrix.zeros(batch * cfg.numKvHeads() * seq, hd);
      dvh = FloatMatrix.zeros(batch * cfg.numKvHeads() * seq, hd);
    }
  }

  /**
   * out[n×d] = attention(h); {@code h} is the normed residual stream. {@code positions} (rotary position per token)
   * may be null; {@code blocks} are the rows' examples as {@link #blocks} gives them. Both are kept for backward.
   */
  void forward(FloatMatrix h, FloatMatrix out, int[] positions, int[][] blocks, boolean training, long seed) {
    this.positions = positions;
    this.blocks = blocks;
    int n = batch * seq;
    qkvo[0].forward(h, q, n, training, seed * 8 + 1);
    qkvo[1].forward(h, k, n, training, seed * 8 + 2);
    qkvo[2].forward(h, v, n, training, seed * 8 + 3);
    rotary.toHeads(q, qh, batch, seq, cfg.numHeads(), true, positions);
    rotary.toHeads(k, kh, batch, seq, cfg.numKvHeads(), true, positions);
    rotary.toHeads(v, vh, batch, seq, cfg.numKvHeads(), false);
    int[][] rowBlocks = blocks;
    int heads = cfg.numHeads();
    int kvHeads = cfg.numKvHeads();
    int rep = heads / kvHeads;
    int hd = cfg.headDim();
    int t = seq;
    float scale = (float) (1.0 / Math.sqrt(hd));
    forEachGroup((b, g) -> {
      int[] runs = rowBlocks[b];
      for (int r = 0; r < rep; r++) {
        int head = g * rep + r;
        for (int s = 0; s + 1 < runs.length; s++) {
          int from = runs[s];
          int len = runs[s + 1] - from;
          int kvOff = ((b * kvHeads + g) * t + from) * hd;
          int qOff = ((b * heads + head) * t + from) * hd;
          int pOff = (b * heads + head) * t * t + from * t + from; // the block's top-left corner
          Blas.gemm(false, true, len, len, hd, scale, qh, qOff, hd, kh, kvOff, hd, 0f, probs, pOff, t);
          causalSoftmax(probs, pOff, len, len, t, 0);
          Blas.gemm(false, false, len, hd, len, 1f, probs, pOff, t, vh, kvOff, hd, 0f, oh, qOff, hd);
        }
      }
    });
    rotary.fromHeads(oh, o, batch, seq, heads, false);
    qkvo[3].forward(o, out, n, training, seed * 8 + 4);
  }

  /**
   * Incremental attention for decoding: the {@code seq} tokens of this call (batch 1) sit at positions
   * {@code start…}; their rotated keys and values are written into layer {@code layer} of {@code cache} and each
   * attends to every cached token up to its own position. Nothing is kept for a backward pass.
   */
  void forwardCached(FloatMatrix h, FloatMatrix out, KvCache cache, int layer, int start) {
    if (batch != 1) {
      throw new IllegalStateException("cached attention runs one sequence, not " + batch);
    }
    int n = seq;
    int heads = cfg.numHeads();
    int kvHeads = cfg.numKvHeads();
    int rep = heads / kvHeads;
    int hd = cfg.headDim();
    int cap = cache.capacity();
    int total = start + n;
    int[] pos = new int[n];
    for (int i = 0; i < n; i++) {
      pos[i] = start + i;
    }
    qkvo[0].forward(h, q, n, false, 0);
    qkvo[1].forward(h, k, n, false, 0);
    qkvo[2].forward(h, v, n, false, 0);
    rotary.toHeads(q, qh, 1, n, heads, true, pos);
    rotary.toHeads(k, kh, 1, n, kvHeads, true, pos);
    rotary.toHeads(v, vh, 1, n, kvHeads, false);
    FloatMatrix keys = cache.keys(layer);
    FloatMatrix values = cache.values(layer);
    float[] block = new float[n * hd];
    for (int g = 0; g < kvHeads; g++) { // head g's new rows are contiguous in kh/vh and in the cache
      kh.read(g * n * hd, block, 0, n * hd);
      keys.write((g * cap + start) * hd, block, 0, n * hd);
      vh.read(g * n * hd, block, 0, n * hd);
      values.write((g * cap + start) * hd, block, 0, n * hd);
    }
    FloatMatrix scores = cache.scores(heads * n * total);
    float scale = (float) (1.0 / Math.sqrt(hd));
    // one new token: the products are a few hundred flops per head, less than handing tasks to threads (and
    // switching OpenBLAS's thread count, ~0.3 ms) costs, so a decode step runs its heads in this thread
    forEachGroup(n > 1, (b, g) -> {
      int kvOff = g * cap * hd;
      for (int r = 0; r < rep; r++) {
        int head = g * rep + r;
        int qOff = head * n * hd;
        int pOff = head * n * total;
        Blas.gemm(false, true, n, total, hd, scale, qh, qOff, hd, keys, kvOff, hd, 0f, scores, pOff, total);
        causalSoftmax(scores, pOff, n, total, total, start);
        Blas.gemm(false, false, n, hd, total, 1f, scores, pOff, total, values, kvOff, hd, 0f, oh, qOff, hd);
      }
    });
    rotary.fromHeads(oh, o, 1, n, heads, false);
    qkvo[3].forward(o, out, n, false, 0);
  }

  /**
   * Given dOut, writes dh (gradient w.r.t. the normed input) and accumulates weight gradients, under the positions
   * and segments of the last forward, block by block (nothing flows between the examples of a row).
   */
  void backward(FloatMatrix h, FloatMatrix dOut, FloatMatrix dh, FloatMatrix scratch) {
    ensureBackwardBuffers();
    int n = batch * seq;
    qkvo[3].backward(o, dOut, dq, n, false); // dq temporarily holds d(o) rows
    rotary.toHeads(dq, oh, batch, seq, cfg.numHeads(), false); // oh now holds d(oh); its value is no longer needed
    int heads = cfg.numHeads();
    int kvHeads = cfg.numKvHeads();
    int rep = heads / kvHeads;
    int hd = cfg.headDim();
    int t = seq;
    float scale = (float) (1.0 / Math.sqrt(hd));
    int[][] rowBlocks = blocks;
    forEachGroup((b, g) -> {
      int[] runs = rowBlocks[b];
      for (int r = 0; r < rep; r++) {
        int hIdx = g * rep + r;
        float acc = r == 0 ? 0f : 1f; // every row of dK and dV lies in exactly one block
        for (int s = 0; s + 1 < runs.length; s++) {
          int from = runs[s];
          int len = runs[s + 1] - from;
          int kvOff = ((b * kvHeads + g) * t + from) * hd;
          int qOff = ((b * heads + hIdx) * t + from) * hd;
          int pOff = (b * heads + hIdx) * t * t + from * t + from;
          int sOff = (b * kvHeads + g) * t * t + from * t + from; // one scratch block per task
          // dP = dO·Vᵀ ; dV += Pᵀ·dO
          Blas.gemm(false, true, len, len, hd, 1f, oh, qOff, hd, vh, kvOff, hd, 0f, scratch, sOff, t);
          Blas.gemm(true, false, len, hd, len, 1f, probs, pOff, t, oh, qOff, hd, acc, dvh, kvOff, hd);
          softmaxBackward(probs, pOff, scratch, sOff, len, t);
          // dQ = scale·dS·K ; dK += scale·dSᵀ·Q
          Blas.gemm(false, false, len, hd, len, scale, scratch, sOff, t, kh, kvOff, hd, 0f, dqh, qOff, hd);
          Blas.gemm(true, false, len, hd, len, scale, scratch, sOff, t, qh, qOff, hd, acc, dkh, kvOff, hd);
        }
      }
    });
    rotary.fromHeads(dqh, dq, batch, seq, heads, true, positions);
    rotary.fromHeads(dkh, dk, batch, seq, kvHeads, true, positions);
    rotary.fromHeads(dvh, dv, batch, seq, kvHeads, false);
    qkvo[0].backward(h, dq, dh, n, false);
    qkvo[1].backward(h, dk, dh, n, true);
    qkvo[2].backward(h, dv, dh, n, true);
  }

  /** Scratch the backward pass needs: one seq × seq block per (batch, kv head). */
  int scratchRows() {
    return batch * cfg.numKvHeads() * seq;
  }

  private interface GroupBody {
    void run(int b, int g);
  }

  /** Runs one task per (batch row, kv head); BLAS runs single-threaded inside, the tasks run in parallel. */
  private void forEachGroup(GroupBody body) {
    forEachGroup(true, body);
  }

  /** {@link #forEachGroup(GroupBody)}, or all groups in the calling thread when {@code worthThreads} is false. */
  private void forEachGroup(boolean worthThreads, GroupBody body) {
    int groups = batch * cfg.numKvHeads();
    int kvHeads = cfg.numKvHeads();
    if (!worthThreads) {
      for (int i = 0; i < groups; i++) {
        body.run(i / kvHeads, i % kvHeads);
      }
      return;
    }
    boolean parallel = Parallel.threads() > 1 && groups > 1;
    if (parallel) {
      Blas.setThreads(1);
    }
    try {
      Parallel.forRange(groups, (from, to) -> {
        for (int i = from; i < to; i++) {
          body.run(i / kvHeads, i % kvHeads);
        }
      });
    } finally {
      if (parallel) {
        Blas.setThreads(Parallel.threads());
      }
    }
  }

  /**
   * The runs of equal segment ids of each row: the start of each run, then {@code seq}; one run per row when
   * {@code segments} is null. A segment id that comes back after another one is refused: an example is a run of
   * consecutive tokens.
   */
  static int[][] blocks(int[] segments, int batch, int seq) {
    int[][] out = new int[batch][];
    for (int b = 0; b < batch; b++) {
      if (segments == null) {
        out[b] = new int[] {0, seq};
        continue;
      }
      int off = b * seq;
      int[] starts = new int[seq + 1];
      int n = 0;
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int i = 0; i < seq; i++) {
        if (i == 0 || segments[off + i] != segments[off + i - 1]) {
          if (!seen.add(segments[off + i])) {
            throw new IllegalArgumentException("segment " + segments[off + i] + " of row " + b + " comes back at "
                + "token " + i + " after another segment; each segment must be one run of consecutive tokens");
          }
          starts[n++] = i;
        }
      }
      starts[n++] = seq;
      out[b] = java.util.Arrays.copyOf(starts, n);
    }
    return out;
  }

  /**
   * Causal row-wise softmax of an r×c block whose rows lie {@code ld} apart and whose row i may see columns
   * j ≤ start + i: an example's L×L block of a packed row (start 0), or the scores of r new tokens at positions
   * start… against the c = start + r keys of a cache. Every other entry of a row becomes exactly 0.
   */
  static void causalSoftmax(FloatMatrix p, int off, int r, int c, int ld, int start) {
    float[] row = new float[c];
    for (int i = 0; i < r; i++) {
      int rowOff = off + i * ld;
      int last = start + i;
      p.read(rowOff, row, 0, last + 1);
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j <= last; j++) {
        max = Math.max(max, row[j]);
      }
      float sum = 0f;
      for (int j = 0; j <= last; j++) {
        float e = (float) Math.exp(row[j] - max);
        row[j] = e;
        sum += e;
      }
      float inv = 1f / sum;
      for (int j = 0; j <= last; j++) {
        row[j] *= inv;
      }
      java.util.Arrays.fill(row, last + 1, c, 0f);
      p.write(rowOff, row, 0, c);
    }
  }

  /** dS = P ∘ (dP − Σ_j dP∘P), in place over the L×L dP block (rows {@code ld} apart) of a causal P block. */
  static void softmaxBackward(FloatMatrix p, int pOff, FloatMatrix dp, int dOff, int len, int ld) {
    float[] pr = new float[len];
    float[] gr = new float[len];
    for (int i = 0; i < len; i++) {
      p.read(pOff + i * ld, pr, 0, i + 1);
      dp.read(dOff + i * ld, gr, 0, i + 1);
      float dot = 0f;
      for (int j = 0; j <= i; j++) {
        dot += pr[j] * gr[j];
      }
      for (int j = 0; j <= i; j++) {
        gr[j] = pr[j] * (gr[j] - dot);
      }
      java.util.Arrays.fill(gr, i + 1, len, 0f);
      dp.write(dOff + i * ld, gr, 0, len);
    }
  }
}
