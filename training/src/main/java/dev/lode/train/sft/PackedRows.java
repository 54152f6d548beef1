package dev.lode.train.sft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Packs examples end to end into rows of {@code seq + 1} tokens (inputs and next-token targets), the way TRL packs
 * with {@code packing=True}: no padding inside a row, an example longer than a row continues in the next, the last
 * row of an epoch is padded with weight 0. Each epoch shuffles the examples with (seed, epoch), so the row at any
 * position of the stream is a pure function of the seed: a resumed run sees exactly the data it would have seen.
 */
public final class PackedRows {
  private final List<TokenizedExample> examples;
  private final int seq;
  private final long seed;
  private final int padId;
  private int cachedEpoch = -1;
  private List<int[]> rowIds;
  private List<float[]> rowWeights;

  public PackedRows(List<TokenizedExample> examples, int seq, long seed, int padId) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no examples to train on");
    }
    if (examples.stream().mapToInt(TokenizedExample::learnedTokens).sum() == 0) {
      throw new IllegalArgumentException("no example has a token to learn (no assistant reply survived the template)");
    }
    this.examples = examples;
    this.seq = seq;
    this.seed = seed;
    this.padId = padId;
  }

  /** Rows in one epoch. */
  public int rowsPerEpoch() {
    epoch(0);
    return rowIds.size();
  }

  /**
   * Fills inputs/targets/weights for stream rows {@code [first, first + count)}: each row is {@code seq} positions.
   */
  public void fill(long first, int count, int[] inputs, int[] targets, float[] weights) {
    int perEpoch = rowsPerEpoch();
    for (int i = 0; i < count; i++) {
      long row = first + i;
      epoch((int) (row / perEpoch));
      int r = (int) (row % perEpoch);
      int[] ids = rowIds.get(r);
      float[] w = rowWeights.get(r);
      System.arraycopy(ids, 0, inputs, i * seq, seq);
      System.arraycopy(ids, 1, targets, i * seq, seq);
      System.arraycopy(w, 1, weights, i * seq, seq);
    }
  }

  private void epoch(int e) {
    if (e == cachedEpoch) {
      return;
    }
    List<TokenizedExample> order = new ArrayList<>(examples);
    Collections.shuffle(order, new Random(seed * 1_000_003L + e));
    rowIds = new ArrayList<>();
    rowWeights = new ArrayList<>();
    int[] ids = new int[seq + 1];
    float[] w = new float[seq + 1];
    int fill = 0;
    for (TokenizedExample ex : order) {
      for (int i = 0; i < ex.ids().length; i++) {
        ids[fill] = ex.ids()[i];
        w[fill] = ex.learn()[i] ? 1f : 0f;
        fill++;
        if (fill == seq + 1) {
          rowIds.add(ids);
          rowWeights.add(w);
          // the next row starts with this row's last token as input, so no target is skipped
          int last = ids[seq];
          float lastW = w[seq];
          ids = new int[seq + 1];
          w = new float[seq + 1];
          ids[0] = last;
          w[0] = lastW;
          fill = 1;
        }
      }
    }
    if (fill > 1) {
      for (int i = fill; i <= seq; i++) {
        ids[i] = padId;
        w[i] = 0f;
      }
      rowIds.add(ids);
      rowWeights.add(w);
    }
    cachedEpoch = e;
  }
}
