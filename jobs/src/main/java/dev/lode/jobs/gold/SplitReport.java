package dev.lode.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.lode.config.GoldConfig;
import dev.lode.lakehouse.GoldRounds;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Table;
import dev.lode.lakehouse.Tables;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * {@code lode report split}: one gold round's rows per split and origin with their date ranges, the achieved
 * synthetic factor per repository and generator, the refused candidates by reason, and the leakage checks, each of
 * which must be zero: real train rows dated at or after the train cutoff, synthetic train rows whose parent is in dev
 * or test, eval-only rows in train, and near duplicates across splits (MinHash, as decontamination finds them).
 */
public final class SplitReport {
  private SplitReport() {}

  /** The report of one round. */
  public record Report(int round, long goldVersion, Timestamp trainCutoff, Timestamp devCutoff,
      Dataset<Row> rowsBySplit, Dataset<Row> factors, Map<String, Long> rejected, Map<String, Long> leakage,
      Map<String, Long> counts) {

    public boolean clean() {
      return leakage.values().stream().allMatch(v -> v == 0);
    }
  }

  public static final String REAL_AFTER_CUTOFF = "real_train_rows_after_train_cutoff";
  public static final String SYNTHETIC_PARENT_IN_EVAL = "synthetic_train_rows_with_dev_or_test_parent";
  public static final String NEAR_DUPLICATES = "near_duplicates_across_splits";
  public static final String EVAL_ONLY_IN_TRAIN = "eval_only_rows_in_train";

  /** The report of {@code round} (0: the latest), at gold.examples' current version. */
  public static Report of(Lakehouse lakehouse, int round) {
    GoldConfig config = lakehouse.config().gold();
    Table gold = lakehouse.table(Tables.GOLD_EXAMPLES);
    long version = gold.version();
    Dataset<Row> all = gold.at(version);
    int latest = GoldRounds.highest(all);
    int r = round > 0 ? round : latest;
    if (r == 0) {
      throw new IllegalStateException("gold.examples has no round yet: run `lode gold` first");
    }
    Dataset<Row> rows = all.where(col("round").equalTo(r)).cache();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("gold.examples has no round " + r + " (latest: " + latest + ")");
    }
    Row run = GoldRounds.completedRun(lakehouse.table(Tables.OPS_RUNS).read(), r);
    Map<String, Long> counts = new TreeMap<>();
    if (run != null) {
      counts.putAll(JavaConverters.mapAsJavaMap(run.<scala.collection.Map<String, Object>>getAs("row_counts"))
          .entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
              e -> ((Number) e.getValue()).longValue())));
    }
    Timestamp trainCutoff = counts.containsKey("train_cutoff_ms") ? new Timestamp(counts.get("train_cutoff_ms"))
        : firstOf(rows, "dev");
    Timestamp devCutoff = counts.containsKey("dev_cutoff_ms") ? new Timestamp(counts.get("dev_cutoff_ms"))
        : firstOf(rows, "test");

    Dataset<Row> bySplit = rows.groupBy("split", "origin").agg(count(lit(1)).as("rows"),
            sum(when(col("replay_of").isNotNull(), 1).otherwise(0)).as("replayed"),
            sum(when(col("eval_only"), 1).otherwise(0)).as("eval_only"),
            min("commit_time").as("first_commit"), max("commit_time").as("last_commit"))
        .orderBy(when(col("split").equalTo("train"), 0).when(col("split").equalTo("dev"), 1).otherwise(2),
            col("origin"));

    Dataset<Row> train = rows.where(col("split").equalTo("train"));
    Dataset<Row> factors = train.groupBy("repo_id").pivot("generator",
            java.util.List.of("real", "bug_fixer", "patch_variants", "test_writer", "localization"))
        .count().na().fill(0)
        .withColumn("synthetic", col("bug_fixer").plus(col("patch_variants")).plus(col("test_writer"))
            .plus(col("localization")))
        .withColumn("factor", org.apache.spark.sql.functions.round(col("synthetic").divide(col("real")), 2));
    for (String g : java.util.List.of("bug_fixer", "patch_variants", "test_writer", "localization")) {
      factors = factors.withColumn("x_" + g, org.apache.spark.sql.functions.round(col(g).divide(col("real")), 2));
    }
    Dataset<Row> names = lakehouse.table(Tables.BRONZE_REPOS).read().select(col("repo_id").as("_r_id"), col("name"));
    factors = factors.join(names, col("repo_id").equalTo(col("_r_id")), "left").drop("_r_id");
    factors = factors.select(col("repo_id"), col("name"), col("real"), col("bug_fixer"), col("patch_variants"),
        col("test_writer"), col("localization"), col("synthetic"), col("factor"), col("x_bug_fixer"),
        col("x_patch_variants"), col("x_test_writer"), col("x_localization")).orderBy("repo_id");

    Map<String, Long> rejected = new TreeMap<>();
    counts.forEach((k, v) -> {
      if (k.startsWith("rejected.")) {
        rejected.put(k.substring("rejected.".length()), v);
      }
    });

    Map<String, Long> leakage = new LinkedHashMap<>();
    leakage.put(REAL_AFTER_CUTOFF, trainCutoff == null ? 0 : train.where(col("origin").equalTo("real")
        .and(col("commit_time").geq(org.apache.spark.sql.functions.lit(trainCutoff)))).count());
    Dataset<Row> parents = all.select(col("example_id").as("_p_id"), col("split").as("_p_split"));
    leakage.put(SYNTHETIC_PARENT_IN_EVAL, train.where(col("origin").equalTo("synthetic"))
        .join(parents, col("parent_id").equalTo(col("_p_id")))
        .where(col("_p_split").notEqual("train")).count());
    leakage.put(EVAL_ONLY_IN_TRAIN, train.where(col("eval_only")).count());
    leakage.put(NEAR_DUPLICATES, new Decontamination(config.decontamination().threshold(), config.seed())
        .leaks(rows).count());
    return new Report(r, version, trainCutoff, devCutoff, bySplit, factors, rejected, leakage, counts);
  }

  private static Timestamp firstOf(Dataset<Row> rows, String split) {
    Row r = rows.where(col("split").equalTo(split)).agg(min("commit_time")).head();
    return r.isNullAt(0) ? null : r.getTimestamp(0);
  }
}
