package dev.lode.jobs.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Replay: a new round mixes in train rows sampled (seeded) from earlier rounds, so that the replayed rows are
 * {@code share} of the round's train rows (the plan's 10-20% against forgetting). Only original train rows are
 * sampled (never dev or test, never an eval-only row, never a replay of a replay) and only those dated before this
 * round's train cutoff, so replay cannot leak the future into train. A replayed row is a copy with a new id,
 * {@code replay_of} naming its source and this round's number.
 */
public final class Replay {
  private Replay() {}

  public static Dataset<Row> sample(Dataset<Row> gold, int round, ChronologicalSplit split, long newTrainRows,
      double share, long seed) {
    long wanted = share <= 0 ? 0 : Math.round(share / (1 - share) * newTrainRows);
    Dataset<Row> eligible = gold.where(col("split").equalTo(ChronologicalSplit.TRAIN)
        .and(col("replay_of").isNull()).and(col("round").lt(round))
        .and(coalesce(col("eval_only"), lit(false)).equalTo(false))
        .and(col("commit_time").lt(lit(split.trainEnd()))));
    return eligible.orderBy(sha2(concat_ws("/", lit(Long.toString(seed)), lit(round), col("example_id")), 256))
        .limit((int) Math.min(wanted, Integer.MAX_VALUE))
        .withColumn("replay_of", col("example_id"))
        .withColumn("example_id", sha2(concat_ws("/", col("example_id"), lit("replay"), lit(round)), 256)
            .substr(1, 24))
        .withColumn("eval_only", lit(false))
        .withColumn("round", lit(round));
  }
}
