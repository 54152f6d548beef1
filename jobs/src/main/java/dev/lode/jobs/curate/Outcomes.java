package dev.lode.jobs.curate;

import dev.lode.curate.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Rule outcomes to and from rows of {@code Tables.RULE_OUTCOME}, the element type of commit_scores.rules. */
final class Outcomes {
  private Outcomes() {}

  static Row[] toRows(List<Outcome> outcomes) {
    Row[] rows = new Row[outcomes.size()];
    for (int i = 0; i < rows.length; i++) {
      Outcome o = outcomes.get(i);
      rows[i] = RowFactory.create(o.rule(), o.passed(), o.score(), o.detail());
    }
    return rows;
  }

  static List<Outcome> fromRows(List<Row> rows) {
    List<Outcome> out = new ArrayList<>();
    if (rows != null) {
      for (Row r : rows) {
        out.add(new Outcome(r.getString(0), r.getBoolean(1), r.isNullAt(2) ? null : r.getDouble(2),
            r.isNullAt(3) ? null : r.getString(3)));
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

  static String detail(List<Outcome> outcomes, String rule) {
    for (Outcome o : outcomes) {
      if (o.rule().equals(rule)) {
        return o.detail();
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
