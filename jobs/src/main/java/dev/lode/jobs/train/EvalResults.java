package dev.lode.jobs.train;

import static org.apache.spark.sql.functions.col;

import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Table;
import dev.lode.lakehouse.Tables;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.spark.sql.Row;

/**
 * Reads {@code ops.evals}: the value of one metric of one subject (an adapter, or a base as {@code base:<sha256>})
 * on one split of one gold version and selection, the newest when it was measured more than once.
 */
public final class EvalResults {
  private final Table table;

  public EvalResults(Lakehouse lakehouse) {
    this.table = lakehouse.table(Tables.OPS_EVALS);
  }

  /** The subject name a base's rows carry. */
  public static String baseSubject(String baseSha) {
    return "base:" + baseSha;
  }

  /**
   * The selection an adapter's evaluation rows carry: its scope and predicate (the rows it was trained on, besides
   * round and split), so that base and adapter, candidate and production, are measured on the same rows.
   */
  public static String selection(String scope, String predicate) {
    if (scope == null && predicate == null) {
      return "all";
    }
    if (scope == null) {
      return "(" + predicate + ")";
    }
    String s = scopeSql(scope);
    return predicate == null ? s : s + " AND (" + predicate + ")";
  }

  /** {@code language=python} → {@code language = 'python'}: the SQL of an adapter's scope. */
  public static String scopeSql(String scope) {
    int eq = scope.indexOf('=');
    return scope.substring(0, eq) + " = '" + scope.substring(eq + 1).replace("'", "''") + "'";
  }

  public OptionalDouble value(String subject, String split, String metric, long goldVersion, String selection) {
    if (!table.exists()) {
      return OptionalDouble.empty();
    }
    List<Row> r = table.current().where(col("subject").equalTo(subject).and(col("split").equalTo(split))
            .and(col("metric").equalTo(metric)).and(col("source_version").equalTo(goldVersion))
            .and(col("selection").equalTo(selection)))
        .orderBy(col("evaluated_at").desc()).limit(1).select("value").collectAsList();
    return r.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(r.get(0).getDouble(0));
  }
}
