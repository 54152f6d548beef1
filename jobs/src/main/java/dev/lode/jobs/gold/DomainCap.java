package dev.lode.jobs.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.concat_ws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * No single domain above a share of train: the largest domains are downsampled, by whole commits chosen at random
 * (seeded), to the highest common level at which none exceeds the cap. With fewer domains than {@code 1/cap} the
 * cap cannot hold; it is raised to {@code 1/domains} (equal shares) and the raise is reported.
 */
public final class DomainCap {
  private DomainCap() {}

  /** Label of commits whose repository has no domain. */
  public static final String UNKNOWN = "unknown";

  /** What the cap kept: the allowed commits per domain and the cap in force. */
  public record Plan(Map<String, Long> allowed, double effectiveCap) {}

  /** How many commits each domain may keep so that none holds more than the cap of the total. */
  public static Plan plan(Map<String, Long> counts, double cap) {
    int k = counts.size();
    double effective = k == 0 ? cap : Math.max(cap, 1.0 / k);
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    long lo = 0;
    long hi = max;
    while (lo < hi) { // the largest level x with x <= effective * sum(min(n, x))
      long mid = (lo + hi + 1) >>> 1;
      if (mid <= effective * level(counts, mid) + 1e-9) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    Map<String, Long> allowed = new HashMap<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      allowed.put(e.getKey(), Math.min(e.getValue(), lo));
    }
    return new Plan(allowed, effective);
  }

  private static long level(Map<String, Long> counts, long x) {
    long n = 0;
    for (long c : counts.values()) {
      n += Math.min(c, x);
    }
    return n;
  }

  /** The train commits of {@code commits} capped per domain; dev and test commits untouched. */
  public static Dataset<Row> apply(Dataset<Row> commits, double cap, long seed, Map<String, Long> dropped,
      double[] effectiveCap) {
    Dataset<Row> labelled = commits.withColumn("_domain", coalesce(col("domain"), lit(UNKNOWN)));
    Map<String, Long> counts = new HashMap<>();
    List<Row> rows = labelled.where(col("split").equalTo(ChronologicalSplit.TRAIN)).groupBy("_domain").count()
        .collectAsList();
    for (Row r : rows) {
      counts.put(r.getString(0), r.getLong(1));
    }
    Plan plan = plan(counts, cap);
    effectiveCap[0] = plan.effectiveCap();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      long d = e.getValue() - plan.allowed().get(e.getKey());
      if (d > 0) {
        dropped.put(e.getKey(), d);
      }
    }
    if (dropped.isEmpty()) {
      return commits;
    }
    Dataset<Row> allowed = commits.sparkSession().createDataFrame(plan.allowed().entrySet().stream()
        .map(e -> org.apache.spark.sql.RowFactory.create(e.getKey(), e.getValue())).toList(),
        new org.apache.spark.sql.types.StructType().add("_d", "string").add("_allowed", "long"));
    Dataset<Row> ranked = labelled.withColumn("_n", row_number().over(Window.partitionBy("split", "_domain")
        .orderBy(sha2(concat_ws("/", lit(Long.toString(seed)), col("repo_id"), col("sha")), 256))));
    return ranked.join(allowed, col("_domain").equalTo(col("_d")), "left")
        .where(col("split").notEqual(ChronologicalSplit.TRAIN).or(col("_n").leq(col("_allowed"))))
        .drop("_domain", "_n", "_d", "_allowed");
  }
}
