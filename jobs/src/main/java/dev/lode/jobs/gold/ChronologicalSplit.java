package dev.lode.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.lode.config.GoldConfig;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The chronological split: train is everything before the train cutoff, dev up to the dev cutoff, test the rest, so
 * that evaluation never sees the future. Cutoffs come from commit_time quantiles of the round's commits (default
 * 80/10/10) or from explicit dates.
 */
public record ChronologicalSplit(Timestamp trainEnd, Timestamp devEnd) {
  public static final String TRAIN = "train";
  public static final String DEV = "dev";
  public static final String TEST = "test";

  /** The cutoffs for {@code commits} (a frame with {@code commit_time}). */
  public static ChronologicalSplit of(Dataset<Row> commits, GoldConfig.Split config) {
    if (config.explicitDates()) {
      return new ChronologicalSplit(midnight(config.trainEnd()), midnight(config.devEnd()));
    }
    List<Timestamp> times = commits.select(col("commit_time")).orderBy(col("commit_time")).as(
        org.apache.spark.sql.Encoders.TIMESTAMP()).collectAsList();
    return ofTimes(times, config);
  }

  /** The quantile cutoffs for commit times sorted oldest first. */
  static ChronologicalSplit ofTimes(List<Timestamp> times, GoldConfig.Split config) {
    if (times.isEmpty()) {
      return new ChronologicalSplit(new Timestamp(Long.MAX_VALUE), new Timestamp(Long.MAX_VALUE));
    }
    Timestamp trainEnd = at(times, config.train());
    Timestamp devEnd = at(times, config.train() + config.dev());
    // A small round (a single repository, the embedded default) can leave dev or test empty at these quantiles. Given
    // at least three distinct commit times, the newest goes to test and the one before it to dev, when their shares
    // ask for them.
    List<Timestamp> distinct = times.stream().distinct().toList();
    if (distinct.size() >= 3) {
      Timestamp last = distinct.get(distinct.size() - 1);
      if (config.train() + config.dev() < 1 - 1e-9 && devEnd.after(last)) {
        devEnd = last;
      }
      if (config.dev() > 0 && !trainEnd.before(devEnd)) {
        Timestamp end = devEnd;
        trainEnd = distinct.stream().filter(t -> t.before(end)).reduce((a, b) -> b).orElse(trainEnd);
      }
    }
    return new ChronologicalSplit(trainEnd, devEnd);
  }

  /** The first time not in the lower {@code share} of the sorted times (a time past the last when share is 1). */
  private static Timestamp at(List<Timestamp> sorted, double share) {
    int index = (int) Math.ceil(share * sorted.size() - 1e-9);
    if (index >= sorted.size()) {
      return new Timestamp(sorted.get(sorted.size() - 1).getTime() + 1);
    }
    return sorted.get(Math.max(index, 0));
  }

  private static Timestamp midnight(String date) {
    return Timestamp.from(LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  /** {@code rows} with a {@code split} column by their commit_time. */
  public Dataset<Row> assign(Dataset<Row> rows) {
    return rows.withColumn("split", when(col("commit_time").lt(lit(trainEnd)), TRAIN)
        .when(col("commit_time").lt(lit(devEnd)), DEV).otherwise(TEST));
  }
}
