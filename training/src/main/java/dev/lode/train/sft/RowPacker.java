package dev.lode.train.sft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Streams training rows of {@code seq} positions (inputs, next-token targets, loss weights) from an
 * {@link EncodedSource}, epoch after epoch, holding no more than {@code train.shuffle_buffer} examples and one row.
 *
 * <p>Order: each epoch opens a new pass over the source and draws examples at random from a buffer of
 * {@code shuffleBuffer} (a bounded shuffle, as tf.data and webdataset do), the draws seeded with (seed, epoch). The
 * row at any position of the stream is therefore a pure function of the seed and the source's order, so a resumed
 * run {@link #skip skips} the rows of its finished steps and sees exactly what the uninterrupted one saw.
 *
 * <p>Packing ({@code train.packing}):
 * <ul>
 *   <li>{@link Packing#ISOLATED}: whole examples per row, never split; an example of n tokens fills n − 1 positions,
 *   its {@code positions} run 0 … n − 2 and its {@code segments} entry is its index in the row, so with the segment
 *   mask each example attends only to itself, as if trained alone. The tail of a row is padding with weight 0 and a
 *   segment of its own.
 *   <li>{@link Packing#CAUSAL}: examples end to end, as TRL's {@code packing=True}: no padding inside a row, the next
 *   row starts with this row's last token (so no target is lost), attention across the whole row; positions and
 *   segments are null.
 * </ul>
 * The last row of an epoch is padded with weight 0 in both.
 */
public final class RowPacker implements AutoCloseable {
  /** How examples share a row. */
  public enum Packing {
    ISOLATED, CAUSAL;

    /** {@code train.packing}'s value. */
    public static Packing of(String setting) {
      return valueOf(setting.toUpperCase(Locale.ROOT));
    }
  }

  /** One row: {@code positions} and {@code segments} are null in causal packing. */
  public record Row(int[] inputs, int[] targets, float[] weights, int[] positions, int[] segments) {
    /** Positions whose prediction counts toward the loss. */
    public int learnedTokens() {
      int n = 0;
      for (float w : weights) {
        n += w != 0f ? 1 : 0;
      }
      return n;
    }
  }

  private final EncodedSource source;
  private final Packing packing;
  private final int seq;
  private final int bufferSize;
  private final long seed;
  private final int padId;
  private final SkipCounts skips = new SkipCounts();

  private int epoch = -1;
  private long rowsThisEpoch;
  private long served;
  private CloseableIterator<TokenizedExample> pass;
  private SplittableRandom rng;
  private final List<TokenizedExample> buffer = new ArrayList<>();
  // an example drawn but not yet (wholly) placed, and how many of its tokens are placed (causal only)
  private TokenizedExample pending;
  private int pendingFrom;
  // the row being built. Causal: tokens ids[0 … fill) with their learned flags, the row's inputs ids[0 … seq) and
  // targets ids[1 … seq]. Isolated: positions [0 … fill) of inputs, targets, weights, positions and segments.
  private int[] ids;
  private float[] learn;
  private int[] inputs;
  private int[] targets;
  private float[] weights;
  private int[] positions;
  private int[] segments;
  private int fill;
  private int segment;

  /**
   * @param seq positions per row ({@code train.seq_len}); an example holds at most seq + 1 tokens
   * @param shuffleBuffer examples held for the bounded shuffle ({@code train.shuffle_buffer})
   * @param padId the token id of padding (weight 0)
   */
  public RowPacker(EncodedSource source, Packing packing, int seq, int shuffleBuffer, long seed, int padId) {
    if (shuffleBuffer < 1) {
      throw new IllegalArgumentException("shuffle buffer must hold at least one example, got " + shuffleBuffer);
    }
    this.source = source;
    this.packing = packing;
    this.seq = seq;
    this.bufferSize = shuffleBuffer;
    this.seed = seed;
    this.padId = padId;
  }

  public Packing packing() {
    return packing;
  }

  /** Skips over the first pass of the data, one count per record; later passes see the same records. */
  public SkipCounts skips() {
    return skips;
  }

  /** The epoch the next row comes from (0-based); −1 before the first row. */
  public int epoch() {
    return epoch;
  }

  /** Rows handed out (or skipped) so far: the stream position of the next row. */
  public long position() {
    return served;
  }

  /** The next row of the stream. */
  public Row next() {
    while (true) {
      Row row = nextOfPass();
      if (row != null) {
        return row;
      }
      if (rowsThisEpoch == 0) {
        throw new IllegalArgumentException("training data " + source.describe() + " has no example to train on ("
            + skips + ")");
      }
    }
  }

  /**
   * The next row of the current pass (opening the first when none is open), or null once that pass has handed out
   * its last row; the call after a null opens the next pass. One pass in the source's order (a shuffle buffer of 1)
   * is what evaluation scores.
   */
  public Row nextOfPass() {
    if (pass == null) {
      startEpoch(epoch + 1);
    }
    Row row = tryRow();
    if (row == null) {
      pass.close();
      pass = null;
      return null;
    }
    served++;
    rowsThisEpoch++;
    return row;
  }

  /** Passes over {@code rows} rows, as a resumed run does for the steps it already trained. */
  public void skip(long rows) {
    for (long i = 0; i < rows; i++) {
      next();
    }
  }

  /**
   * Fills {@code count} consecutive rows into flat arrays of {@code count · seq}; {@code positions} and
   * {@code segments} are filled in isolated packing (and may be null in causal). Returns the learned positions.
   */
  public int fill(int count, int[] inputs, int[] targets, float[] weights, int[] positions, int[] segments) {
    int learned = 0;
    for (int i = 0; i < count; i++) {
      learned += put(next(), i, inputs, targets, weights, positions, segments);
    }
    return learned;
  }

  /**
   * As {@link #fill}, but from the current pass only: once it ends, the remaining rows are padding (weight 0, a
   * segment of their own). Returns the rows that hold examples: fewer than {@code count} when the pass ended in this
   * call (the next call opens the next pass), 0 when it had no row left.
   */
  public int fillOfPass(int count, int[] inputs, int[] targets, float[] weights, int[] positions, int[] segments) {
    for (int i = 0; i < count; i++) {
      Row r = nextOfPass();
      if (r == null) {
        int from = i * seq;
        Arrays.fill(inputs, from, count * seq, padId);
        Arrays.fill(targets, from, count * seq, padId);
        Arrays.fill(weights, from, count * seq, 0f);
        for (int j = from; j < count * seq && positions != null; j++) {
          positions[j] = (j - from) % seq;
          segments[j] = 0;
        }
        return i;
      }
      put(r, i, inputs, targets, weights, positions, segments);
    }
    return count;
  }

  /** Copies {@code r} to row {@code i} of the flat arrays; returns its learned positions. */
  private int put(Row r, int i, int[] inputs, int[] targets, float[] weights, int[] positions, int[] segments) {
    System.arraycopy(r.inputs(), 0, inputs, i * seq, seq);
    System.arraycopy(r.targets(), 0, targets, i * seq, seq);
    System.arraycopy(r.weights(), 0, weights, i * seq, seq);
    if (r.positions() != null) {
      System.arraycopy(r.positions(), 0, positions, i * seq, seq);
      System.arraycopy(r.segments(), 0, segments, i * seq, seq);
    }
    return r.learnedTokens();
  }

  @Override
  public void close() {
    if (pass != null) {
      pass.close();
      pass = null;
    }
  }

  private void startEpoch(int e) {
    epoch = e;
    rowsThisEpoch = 0;
    rng = new SplittableRandom(seed * 1_000_003L + e);
    buffer.clear();
    pending = null;
    pass = source.open(e == 0 ? skips : null);
    newRow(false);
  }

  /** The next example of the shuffled pass, or null when the pass is spent. */
  private TokenizedExample draw() {
    while (buffer.size() < bufferSize && pass.hasNext()) {
      buffer.add(pass.next());
    }
    if (buffer.isEmpty()) {
      return null;
    }
    int i = rng.nextInt(buffer.size());
    TokenizedExample t = buffer.get(i);
    buffer.set(i, buffer.get(buffer.size() - 1));
    buffer.remove(buffer.size() - 1);
    return t;
  }

  /** Builds the next complete row; at the end of the pass the padded last row, then null. */
  private Row tryRow() {
    boolean isolated = packing == Packing.ISOLATED;
    while (true) {
      if (isolated ? fill == seq : fill == seq + 1) {
        return finish();
      }
      TokenizedExample ex = pending;
      int from = pendingFrom;
      pending = null;
      pendingFrom = 0;
      if (ex == null) {
        ex = draw();
      }
      if (ex == null) {
        return (isolated ? fill > 0 : fill > 1) ? finish() : null;
      }
      int n = ex.ids().length;
      if (n > seq + 1) {
        throw new IllegalArgumentException(ex.id() + ": " + n + " tokens cannot fit a row of " + seq);
      }
      if (isolated) {
        if (fill + n - 1 > seq) { // does not fit: this row is done, the example opens the next
          pending = ex;
          return finish();
        }
        for (int i = 0; i < n - 1; i++) {
          inputs[fill + i] = ex.ids()[i];
          targets[fill + i] = ex.ids()[i + 1];
          weights[fill + i] = ex.learn()[i + 1] ? 1f : 0f;
          positions[fill + i] = i;
          segments[fill + i] = segment;
        }
        fill += n - 1;
        segment++;
      } else {
        int i = from;
        for (; i < n && fill <= seq; i++, fill++) {
          ids[fill] = ex.ids()[i];
          learn[fill] = i > 0 && ex.learn()[i] ? 1f : 0f; // an example's first token is not predicted from another's
        }
        if (i < n) {
          pending = ex;
          pendingFrom = i;
        }
      }
    }
  }

  /** Pads and hands out the row being built, and starts the next. */
  private Row finish() {
    Row row;
    if (packing == Packing.CAUSAL) {
      for (int i = fill; i <= seq; i++) {
        ids[i] = padId;
        learn[i] = 0f;
      }
      int[] in = new int[seq];
      int[] tg = new int[seq];
      float[] w = new float[seq];
      System.arraycopy(ids, 0, in, 0, seq);
      System.arraycopy(ids, 1, tg, 0, seq);
      System.arraycopy(learn, 1, w, 0, seq);
      row = new Row(in, tg, w, null, null);
    } else {
      for (int i = fill; i < seq; i++) { // padding: a segment of its own, which no example attends to
        inputs[i] = padId;
        targets[i] = padId;
        weights[i] = 0f;
        positions[i] = i - fill;
        segments[i] = segment;
      }
      row = new Row(inputs, targets, weights, positions, segments);
    }
    newRow(packing == Packing.CAUSAL && fill == seq + 1);
    return row;
  }

  /** A fresh row; a causal row continuing the stream starts with the last token of the one before as its input. */
  private void newRow(boolean carryLast) {
    int last = carryLast ? ids[seq] : 0;
    float lastW = carryLast ? learn[seq] : 0f;
    fill = 0;
    segment = 0;
    if (packing == Packing.CAUSAL) {
      ids = new int[seq + 1];
      learn = new float[seq + 1];
      if (carryLast) {
        ids[0] = last;
        learn[0] = lastW;
        fill = 1;
      }
    } else {
      inputs = new int[seq];
      targets = new int[seq];
      weights = new float[seq];
      positions = new int[seq];
      segments = new int[seq];
    }
  }
}
