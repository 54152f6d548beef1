package dev.lode.train.sft;

import dev.lode.train.model.LlamaModel;
import java.util.Arrays;

/**
 * The model's mean negative log-likelihood per learned token (completion tokens in SFT, every token in base
 * training) over a data source, and its perplexity {@code exp(loss)}: the dev loss the trainer reports, and the
 * figure that compares a base model with an adapter on the same examples.
 *
 * <p>Examples are packed whole into rows, in the source's order, with {@link RowPacker.Packing#ISOLATED isolated}
 * packing: positions restart at 0 for each example and the segment mask lets each attend only to itself, so every
 * example is scored exactly as if it stood alone in its row (the model's packing tests prove the loss equal), while
 * a row of {@code seq} positions holds as many short examples as fit instead of one. The figure is therefore the
 * same whatever packing trained the model. Forward runs without training (no dropout); whatever adapter is active
 * is scored. Rows have the shape the trainer uses, so its buffers are reused.
 */
public final class CompletionLoss {
  /** Mean NLL per learned token, its exponential, the tokens and examples scored, and the examples skipped. */
  public record Result(double loss, double perplexity, long tokens, long rows, SkipCounts skips) {}

  private CompletionLoss() {}

  /**
   * Scores the first {@code maxRows} examples of {@code source} (0: all) in batches of {@code batch} rows of
   * {@code seq} positions, each row packed with as many whole examples as fit.
   *
   * @throws IllegalArgumentException naming the source when no example could be scored
   */
  public static Result evaluate(LlamaModel model, EncodedSource source, int maxRows, int batch, int seq, int padId) {
    SkipCounts skips = new SkipCounts();
    int n = batch * seq;
    int[] inputs = new int[n];
    int[] targets = new int[n];
    float[] weights = new float[n];
    int[] positions = new int[n];
    int[] segments = new int[n];
    double nll = 0;
    long tokens = 0;
    long rows = 0;
    try (CloseableIterator<TokenizedExample> it = source.open(skips)) {
      TokenizedExample pending = null; // drawn, but did not fit the batch before
      while (true) {
        Arrays.fill(inputs, padId);
        Arrays.fill(targets, padId);
        Arrays.fill(weights, 0f);
        int row = 0;
        int fill = 0; // positions used in the current row
        int segment = 0;
        int packed = 0;
        while (row < batch) {
          if (pending == null) {
            if ((maxRows > 0 && rows >= maxRows) || !it.hasNext()) {
              break;
            }
            pending = it.next();
            rows++;
            if (pending.ids().length > seq + 1) {
              throw new IllegalArgumentException(pending.id() + ": " + pending.ids().length
                  + " tokens do not fit a row of " + seq);
            }
          }
          int len = pending.ids().length;
          if (fill + len - 1 > seq) { // this row is full: the example opens the next one
            padRow(row, fill, segment, seq, positions, segments);
            row++;
            fill = 0;
            segment = 0;
            continue;
          }
          int at = row * seq + fill;
          for (int i = 0; i + 1 < len; i++) {
            inputs[at + i] = pending.ids()[i];
            targets[at + i] = pending.ids()[i + 1];
            weights[at + i] = pending.learn()[i + 1] ? 1f : 0f;
            positions[at + i] = i;
            segments[at + i] = segment;
          }
          tokens += pending.learnedTokens();
          fill += len - 1;
          segment++;
          packed++;
          pending = null;
        }
        if (packed == 0) {
          break;
        }
        for (; row < batch; row++, fill = 0, segment = 0) {
          padRow(row, fill, segment, seq, positions, segments);
        }
        model.forward(inputs, positions, segments, batch, seq, false, 0);
        nll += model.loss(targets, weights);
      }
    }
    if (tokens == 0) {
      throw new IllegalArgumentException("evaluation data " + source.describe() + " has no example to score ("
          + skips + ")");
    }
    double loss = nll / tokens;
    return new Result(loss, Math.exp(loss), tokens, rows, skips);
  }

  /** The rest of a row from {@code fill} on: padding in a segment of its own, which no example attends to. */
  private static void padRow(int row, int fill, int segment, int seq, int[] positions, int[] segments) {
    for (int i = fill; i < seq; i++) {
      positions[row * seq + i] = i - fill;
      segments[row * seq + i] = segment;
    }
  }
}
