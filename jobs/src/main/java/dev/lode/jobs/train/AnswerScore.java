package dev.lode.jobs.train;

import dev.lode.eval.GenerationScore;
import dev.lode.eval.GoldCase;
import dev.lode.gold.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * The scores of one generated answer to a gold.examples row (metric → value), by the pure evaluation logic of
 * {@code dev.lode.eval}: exact match for every row; for unified-diff and SEARCH/REPLACE rows whether the answer
 * parses ({@code format_accuracy}), applies to the before code and equals the after code; for localization rows
 * the action-similarity score.
 */
final class AnswerScore {
  private static final Set<String> PATCH_FORMATS = Set.of("unified_diff", "search_replace");

  private AnswerScore() {}

  static Map<String, Double> score(Row row, String answer) {
    Map<String, Double> out = new LinkedHashMap<>();
    String task = row.getAs("task");
    String format = row.getAs("edit_format");
    String reference = row.getAs("completion");
    List<Message> prompt = new ArrayList<>();
    for (Row m : row.<Row>getList(row.fieldIndex("prompt"))) {
      prompt.add(new Message(m.getString(0), m.getString(1) == null ? "" : m.getString(1)));
    }
    GoldCase gold;
    try {
      gold = GoldCase.recover(task, format, prompt, reference);
    } catch (IllegalArgumentException e) {
      out.put("exact_match", dev.lode.eval.GenerationMetrics.exactMatch(reference, answer) ? 1.0 : 0.0);
      return out;
    }
    GenerationScore s = dev.lode.eval.GenerationMetrics.evaluate(gold, answer);
    out.put("exact_match", s.exactMatch() ? 1.0 : 0.0);
    if (s.edit() != null && PATCH_FORMATS.contains(format)) {
      out.put("format_accuracy", s.edit().parses() ? 1.0 : 0.0);
      out.put("patch_applies", s.edit().applies() ? 1.0 : 0.0);
      out.put("patch_equals_after", s.edit().equalsAfter() ? 1.0 : 0.0);
    }
    if (s.localization() != null) {
      out.put("localization_score", s.localization().score());
    }
    return out;
  }
}
