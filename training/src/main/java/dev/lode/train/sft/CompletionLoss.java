package dev.lode.train.sft;

import dev.lode.train.model.LlamaModel;
import java.util.Arrays;

/**
 * The model's mean negative log-likelihood per learned token (completion tokens in SFT, every token in base
 * training) over a data source, and its perplexity {@code exp(loss)}: the dev loss the trainer reports, and the
 * figure that compares a base model with an adapter on the same examples.
 *
 * <p>Each example is scored alone in its own row, with positions from 0 and nothing packed beside it, so the figure
 * is the same whatever packing trained the model and whichever attention mask the model has. Forward runs without
 * training (no dropout); whatever adapter is active is scored. Rows have the shape the trainer uses, so its buffers
 * are reused.
 */
public final class CompletionLoss {
  /** Mean NLL per learned token, its exponential, the tokens and examples scored, and the examples skipped. */
  public record Result(double loss, double perplexity, long tokens, long rows, SkipCounts skips) {}

  private CompletionLoss() {}

  /**
   * Scores the first {@code maxRows} examples of {@code source} (0: all) in batches of {@code batch} rows of
   * {@code seq} positions.
   *
   * @throws IllegalArgumentException naming the source when no example could be scored
   */
  public static Result evaluate(LlamaModel model, EncodedSource source, int maxRows, int batch, int seq, int padId) {
    SkipCounts skips = new SkipCounts();
    int n = batch * seq;
    int[] inputs = new int[n];
    int[] targets = new int[n];
    float[] weights = new float[n];
    double nll = 0;
    long tokens = 0;
    long rows = 0;
    try (CloseableIterator<TokenizedExample> it = source.open(skips)) {
      boolean more = true;
      while (more) {
        Arrays.fill(inputs, padId);
        Arrays.fill(targets, padId);
        Arrays.fill(weights, 0f);
        int filled = 0;
        while (filled < batch && (maxRows <= 0 || rows < maxRows) && it.hasNext()) {
          TokenizedExample ex = it.next();
          int len = ex.ids().length;
          if (len > seq + 1) {
            throw new IllegalArgumentException(ex.id() + ": " + len + " tokens do not fit a row of " + seq);
          }
          int at = filled * seq;
          for (int i = 0; i + 1 < len; i++) {
            inputs[at + i] = ex.ids()[i];
            targets[at + i] = ex.ids()[i + 1];
            weights[at + i] = ex.learn()[i + 1] ? 1f : 0f;
          }
          tokens += ex.learnedTokens();
          filled++;
          rows++;
        }
        more = filled == batch && (maxRows <= 0 || rows < maxRows);
        if (filled > 0) {
          model.forward(inputs, null, null, batch, seq, false, 0);
          nll += model.loss(targets, weights);
        }
      }
    }
    if (tokens == 0) {
      throw new IllegalArgumentException("evaluation data " + source.describe() + " has no example to score ("
          + skips + ")");
    }
    double loss = nll / tokens;
    return new Result(loss, Math.exp(loss), tokens, rows, skips);
  }
}
