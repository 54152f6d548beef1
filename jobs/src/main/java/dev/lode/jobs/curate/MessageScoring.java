package dev.lode.jobs.curate;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import dev.lode.config.CurateConfig;
import dev.lode.curate.CurationRules;
import dev.lode.curate.MessageFeatures;
import dev.lode.curate.Outcome;
import dev.lode.lakehouse.RowShape;
import dev.lode.lakehouse.Tables;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Runs the message rules on the output of {@link MessagePipeline}. Output: {@link #SCHEMA}: the outcomes, the message
 * score (the mean of the message rules' scores) and the message's keywords, best first, without repeats.
 */
final class MessageScoring implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA = new StructType()
      .add("repo_id", StringType, false)
      .add("sha", StringType, false)
      .add("message_rules", createArrayType(Tables.RULE_OUTCOME, false), false)
      .add("message_passed", BooleanType, false)
      .add("message_errors", IntegerType, false)
      .add("message_score", DoubleType, false)
      .add("keywords", createArrayType(StringType, false), false);

  private static final RowShape ROW = RowShape.of(SCHEMA, "a commit scored by the message rules");

  private final CurateConfig config;

  MessageScoring(CurateConfig config) {
    this.config = config;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    CurationRules rules = new CurationRules(config);
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      List<String> keywords = keywords(Outcomes.list(r, "keywords"), Outcomes.list(r, "keyword_scores"),
          config.message().keywords());
      MessageFeatures features = new MessageFeatures(Outcomes.string(r, "subject_clean"),
          Outcomes.list(r, "subject_tokens"), Outcomes.list(r, "subject_words"), Outcomes.list(r, "subject_lemmas"),
          Outcomes.list(r, "message_words"), keywords);
      List<Outcome> outcomes = rules.messageRules().apply(features);
      double sum = 0;
      int n = 0;
      for (Outcome o : outcomes) {
        if (o.score() != null) {
          sum += o.score();
          n++;
        }
      }
      out.add(ROW.row()
          .set("repo_id", r.getString(r.fieldIndex("repo_id")))
          .set("sha", r.getString(r.fieldIndex("sha")))
          .set("message_rules", Outcomes.toRows(outcomes))
          .set("message_passed", Outcomes.allPassed(outcomes))
          .set("message_errors", Outcomes.errors(outcomes))
          .set("message_score", n == 0 ? 1.0 : sum / n)
          .set("keywords", keywords)
          .build());
    }
    return out.iterator();
  }

  /** YAKE's candidates ordered by score (lower is better), case-insensitively distinct, at most {@code k}. */
  static List<String> keywords(List<String> words, List<Double> scores, int k) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Double.compare(score(scores, a), score(scores, b)));
    Set<String> seen = new LinkedHashSet<>();
    for (int i : order) {
      if (seen.size() >= k) {
        break;
      }
      seen.add(words.get(i).toLowerCase(Locale.ROOT));
    }
    return List.copyOf(seen);
  }

  private static double score(List<Double> scores, int i) {
    Double s = i < scores.size() ? scores.get(i) : null;
    return s == null ? Double.MAX_VALUE : s;
  }
}
