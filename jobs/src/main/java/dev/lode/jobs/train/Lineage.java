package dev.lode.jobs.train;

import dev.lode.lakehouse.Lakehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What an adapter learned from: its registry row names the gold.examples Delta version it read, the round, its scope
 * and predicate; Delta time travel to that version gives back exactly those train rows, and bronze.commits their
 * commits. The query is plain Spark SQL over the registered tables, so {@code lode sql} and notebooks can run it
 * ({@link #sql} prints it).
 */
public final class Lineage {
  private Lineage() {}

  /** The query behind {@code lode lineage}: one row per gold train row with its commit's repository and subject. */
  public static String sql(Row adapter) {
    String scope = adapter.getAs("scope");
    String predicate = adapter.getAs("predicate");
    return "SELECT g.example_id, g.task, g.origin, g.language, g.repo_id, g.sha, c.subject, g.replay_of\n"
        + "FROM (SELECT * FROM gold.examples VERSION AS OF " + adapter.<Long>getAs("source_version") + "\n"
        + "      WHERE round = " + adapter.<Integer>getAs("round") + " AND split = 'train' AND NOT eval_only"
        + (scope == null ? "" : " AND " + EvalResults.scopeSql(scope))
        + (predicate == null ? "" : "\n        AND (" + predicate + ")") + ") g\n"
        + "JOIN bronze.commits c ON c.repo_id = g.repo_id AND c.sha = g.sha\n"
        + "ORDER BY g.example_id";
  }

  /** The adapter's training rows with their commits. */
  public static Dataset<Row> rows(Lakehouse lakehouse, Row adapter) {
    return lakehouse.spark().sql(sql(adapter));
  }

  /** The distinct commits (repo_id, sha, subject, rows) the adapter learned from, oldest repository first. */
  public static Dataset<Row> commits(Lakehouse lakehouse, Row adapter) {
    return rows(lakehouse, adapter).groupBy("repo_id", "sha", "subject").count().withColumnRenamed("count", "rows")
        .orderBy("repo_id", "sha");
  }
}
