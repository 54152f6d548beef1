package dev.lode.lakehouse;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a round of gold.examples is, for every stage that reads gold (gold itself, export, train): each gold run that
 * finds new curated commits adds a round; earlier rounds stay in the table, never replaced. A round is complete when
 * the gold run that made it was recorded ok in ops.runs (its {@code round} count); the rows of a round whose run died
 * half-way are not a training set until gold's next run has removed and redone them.
 */
public final class GoldRounds {
  private GoldRounds() {}

  /** The highest round among {@code examples} (rows of gold.examples or gold.pairs), or 0 when there is none. */
  public static int highest(Dataset<Row> examples) {
    Row r = examples.selectExpr("max(round)").head();
    return r.isNullAt(0) ? 0 : r.getInt(0);
  }

  /** The ops.runs row of the gold run that completed {@code round}, or null. */
  public static Row completedRun(Dataset<Row> runs, int round) {
    List<Row> done = runs.where(col("stage").equalTo("gold").and(col("status").equalTo("ok"))
            .and(col("row_counts").getItem("round").equalTo((long) round)))
        .orderBy(col("ended_at").desc()).limit(1).collectAsList();
    return done.isEmpty() ? null : done.get(0);
  }

  /** The highest complete round of {@code examples}, or 0 when no round is complete. */
  public static int latestComplete(Dataset<Row> examples, Dataset<Row> runs) {
    for (int round = highest(examples); round > 0; round--) {
      if (completedRun(runs, round) != null) {
        return round;
      }
    }
    return 0;
  }
}
