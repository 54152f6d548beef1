package dev.lode.jobs.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Greedy answers to gold test prompts, scored against the reference completions: exact match over every answer,
 * and the format-specific scores of {@link AnswerScore} where the row's format has them; plus decoding speed.
 */
public final class GenerationMetrics {
  private GenerationMetrics() {}

  /** metric → {value, n}: the mean over the n answers it applies to. */
  public record Totals(Map<String, double[]> metrics) {}

  /** Answers each of {@code rows} (gold.examples rows) with the active model and scores the answers. */
  public static Totals over(LoadedModels models, List<Row> rows, int maxNewTokens) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    long tokens = 0;
    double seconds = 0;
    for (Row r : rows) {
      var messages = GoldExamples.messages(r.getList(r.fieldIndex("prompt")), null);
      LoadedModels.Generation g = models.generate(messages, maxNewTokens);
      // each prompt's prefill sizes the model's activations to its length; ND4J frees the previous, off-heap,
      // buffers only when the JVM collects their handles, so collect them before the next prompt
      System.gc();
      tokens += g.tokens();
      seconds += g.seconds();
      for (Map.Entry<String, Double> m : AnswerScore.score(r, g.text()).entrySet()) {
        double[] s = sums.computeIfAbsent(m.getKey(), k -> new double[2]);
        s[0] += m.getValue();
        s[1] += 1;
      }
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    sums.forEach((k, s) -> out.put(k, new double[] {s[0] / s[1], s[1]}));
    out.put("tokens_per_s", new double[] {seconds > 0 ? tokens / seconds : 0, tokens});
    return new Totals(out);
  }
}
