package dev.lode.jobs.curate;

import dev.lode.curate.Outcome;
import dev.lode.lakehouse.RowShape;
import dev.lode.lakehouse.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Rule outcomes to and from rows of {@code Tables.RULE_OUTCOME}, the element type of commit_scores.rules. */
final class Outcomes {
  private Outcomes() {}

  private static final RowShape OUTCOME = RowShape.of(Tables.RULE_OUTCOME, "a rule outcome");

  /** The outcomes as rows; their findings are not stored (see {@link Outcome}). */
  static Row[] toRows(List<Outcome> outcomes) {
    Row[] rows = new Row[outcomes.size()];
    for (int i = 0; i < rows.length; i++) {
      Outcome o = outcomes.get(i);
      rows[i] = OUTCOME.row().set("rule", o.rule()).set("passed", o.passed()).set("score", o.score())
          .set("detail", o.detail()).build();
    }
    return rows;
  }

  static List<Outcome> fromRows(List<Row> rows) {
    List<Outcome> out = new ArrayList<>();
    if (rows != null) {
      for (Row r : rows) {
        int score = r.fieldIndex("score");
        out.add(new Outcome(r.getString(r.fieldIndex("rule")), r.getBoolean(r.fieldIndex("passed")),
            r.isNullAt(score) ? null : r.getDouble(score), string(r, "detail")));
      }
    }
    return out;
  }

  static int errors(List<Outcome> outcomes) {
    int n = 0;
    for (Outcome o : outcomes) {
      if (o.isError()) {
        n++;
      }
    }
    return n;
  }

  static boolean allPassed(List<Outcome> outcomes) {
    return outcomes.stream().allMatch(Outcome::passed);
  }

  /** The score of {@code rule} among {@code outcomes}; {@code absent} when the rule did not run (disabled). */
  static double score(List<Outcome> outcomes, String rule, double absent) {
    for (Outcome o : outcomes) {
      if (o.rule().equals(rule)) {
        return o.score() == null ? absent : o.score();
      }
    }
    return absent;
  }

  /** The typed finding of {@code rule} among {@code outcomes}; null when the rule did not run or found no such. */
  static <E extends Enum<E>> E finding(List<Outcome> outcomes, String rule, Class<E> type) {
    for (Outcome o : outcomes) {
      if (o.rule().equals(rule)) {
        return o.finding(type);
      }
    }
    return null;
  }

  static <T> List<T> list(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? List.of() : row.getList(i);
  }

  static String string(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? null : row.getString(i);
  }
}
