package dev.lode.train.sft;

import dev.lode.train.model.LlamaModel;

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
    int n = batch * seq;
    int[] inputs = new int[n];
    int[] targets = new int[n];
    float[] weights = new float[n];
    int[] positions = new int[n];
    int[] segments = new int[n];
    double nll = 0;
    long tokens = 0;
    SkipCounts skips;
    // one pass in the source's order (a shuffle buffer of one), whole examples per row, each in a segment of its own
    try (RowPacker rows = new RowPacker(source.first(maxRows), RowPacker.Packing.ISOLATED, seq, 1, 0L, padId)) {
      int filled = batch;
      while (filled == batch) { // a part-filled batch is the pass's last
        filled = rows.fillOfPass(batch, inputs, targets, weights, positions, segments);
        if (filled == 0) {
          break;
        }
        model.forward(inputs, positions, segments, batch, seq, false, 0);
        nll += model.loss(targets, weights);
        for (float w : weights) {
          tokens += w != 0f ? 1 : 0;
        }
      }
      skips = rows.skips();
    }
    if (tokens == 0) {
      throw new IllegalArgumentException("evaluation data " + source.describe() + " has no example to score ("
          + skips + ")");
    }
    double loss = nll / tokens;
    return new Result(loss, Math.exp(loss), tokens, skips.keptCount(), skips);
  }
}
