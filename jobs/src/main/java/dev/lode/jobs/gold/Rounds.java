package dev.lode.jobs.gold;

import static org.apache.spark.sql.functions.col;

import dev.lode.lakehouse.DeltaTables;
import dev.lode.lakehouse.Tables;
import dev.lode.lakehouse.Warehouse;
import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Gold rounds: each {@code lode gold} that finds new curated commits adds a round; earlier rounds stay in the table
 * (and at their Delta versions), never replaced. A round is complete when a gold run recorded it as ok in ops.runs;
 * the rows of a round whose run died half-way are removed before the next run, so a rerun leaves no gap or
 * duplicate.
 */
public final class Rounds {
  private Rounds() {}

  /** The highest round in gold.examples, or 0. */
  public static int latest(SparkSession spark, Warehouse warehouse) {
    if (!DeltaTables.exists(spark, warehouse, Tables.GOLD_EXAMPLES)) {
      return 0;
    }
    Row r = DeltaTables.read(spark, warehouse, Tables.GOLD_EXAMPLES).selectExpr("max(round)").head();
    return r.isNullAt(0) ? 0 : r.getInt(0);
  }

  /** The ops.runs row of the gold run that completed {@code round}, or null. */
  public static Row completedRun(SparkSession spark, Warehouse warehouse, int round) {
    List<Row> runs = DeltaTables.read(spark, warehouse, Tables.OPS_RUNS)
        .where(col("stage").equalTo("gold").and(col("status").equalTo("ok"))
            .and(col("row_counts").getItem("round").equalTo((long) round)))
        .orderBy(col("ended_at").desc()).limit(1).collectAsList();
    return runs.isEmpty() ? null : runs.get(0);
  }

  /** Removes the rows of the latest round if no run completed it; returns the round removed, or 0. */
  public static int repairIncomplete(SparkSession spark, Warehouse warehouse) {
    int latest = latest(spark, warehouse);
    if (latest == 0 || completedRun(spark, warehouse, latest) != null) {
      return 0;
    }
    for (var table : List.of(Tables.GOLD_EXAMPLES, Tables.GOLD_PAIRS)) {
      if (DeltaTables.exists(spark, warehouse, table)) {
        DeltaTable.forPath(spark, warehouse.path(table)).delete(col("round").equalTo(latest));
      }
    }
    return latest;
  }
}
