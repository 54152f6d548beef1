package dev.lode.cli;

import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.RowShape;
import dev.lode.lakehouse.Tables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lode report funnel}: where the commits went, rule by rule, per repository and overall. Each commit is curated
 * by exactly one run, so by default the runs are summed into the funnel of the whole of silver; {@code --run} shows
 * one run.
 */
@Command(name = "funnel", description = "Curation funnel: commits in and out of each rule, per repository and overall.")
final class FunnelReportCommand extends SparkCommand {
  @Option(names = "--run", paramLabel = "RUN_ID", description = "Only this curation run (default: all runs summed).")
  String curationRun;

  @Option(names = "--repo", paramLabel = "REPO_ID", description = "Only this repository (and no overall section).")
  String repo;

  @Option(names = "--format", defaultValue = "table",
      description = "table (one section per repository, then overall), csv or json (one flat table with a repo_id "
          + "column, '*' for overall). Default: ${DEFAULT-VALUE}.")
  ResultPrinter.Format format;

  static final StructType SCHEMA = new StructType()
      .add("repo_id", DataTypes.StringType)
      .add("step", DataTypes.IntegerType)
      .add("rule", DataTypes.StringType)
      .add("rows_in", DataTypes.LongType)
      .add("rows_out", DataTypes.LongType)
      .add("dropped", DataTypes.LongType)
      .add("remaining_pct", DataTypes.DoubleType);

  private Lakehouse lakehouse;

  @Override
  public Integer call() {
    lakehouse = open("report funnel");
    if (!lakehouse.table(Tables.SILVER_FUNNEL).exists()) {
      throw new UsageException("no silver.funnel in warehouse " + lakehouse.warehouse().root()
          + ": run lode curate first");
    }
    String where = "1 = 1";
    if (curationRun != null) {
      where += " AND run_id = '" + curationRun.replace("'", "''") + "'";
    }
    if (repo != null) {
      where += " AND repo_id = '" + repo.replace("'", "''") + "'";
    }
    List<Row> steps = lakehouse.spark().sql("SELECT repo_id, min(step) AS step, rule, sum(rows_in) AS rows_in, "
        + "sum(rows_out) AS rows_out FROM silver.funnel WHERE " + where + " GROUP BY repo_id, rule "
        + "ORDER BY repo_id, step").collectAsList();
    if (steps.isEmpty()) {
      throw new UsageException("silver.funnel has no rows" + (curationRun != null ? " for run " + curationRun : "")
          + (repo != null ? " for repository " + repo : ""));
    }
    Map<String, List<Row>> byRepo = new LinkedHashMap<>();
    Map<String, long[]> overall = new LinkedHashMap<>();
    Map<String, Integer> overallStep = new LinkedHashMap<>();
    for (Row r : steps) {
      byRepo.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
      long[] io = overall.computeIfAbsent(r.getString(2), k -> new long[2]);
      io[0] += r.getLong(3);
      io[1] += r.getLong(4);
      overallStep.merge(r.getString(2), r.getInt(1), Math::min);
    }
    List<Row> out = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : byRepo.entrySet()) {
      List<Row> section = rows(e.getKey(), e.getValue().stream()
          .map(r -> new Object[] {r.getInt(1), r.getString(2), r.getLong(3), r.getLong(4)}).toList());
      out.addAll(section);
      if (format == ResultPrinter.Format.table) {
        print(e.getKey(), section);
      }
    }
    if (repo == null) {
      List<Object[]> all = new ArrayList<>();
      for (Map.Entry<String, long[]> e : overall.entrySet()) {
        all.add(new Object[] {overallStep.get(e.getKey()), e.getKey(), e.getValue()[0], e.getValue()[1]});
      }
      all.sort((a, b) -> Integer.compare((Integer) a[0], (Integer) b[0]));
      List<Row> section = rows("*", all);
      out.addAll(section);
      if (format == ResultPrinter.Format.table) {
        print("all repositories", section);
      }
    }
    if (format != ResultPrinter.Format.table) {
      ResultPrinter.print(lakehouse.spark().createDataFrame(out, SCHEMA), format, 0, System.out);
    }
    return 0;
  }

  private static List<Row> rows(String repoId, List<Object[]> steps) {
    List<Row> out = new ArrayList<>();
    long commits = steps.isEmpty() ? 0 : (Long) steps.get(0)[2];
    for (Object[] s : steps) {
      long in = (Long) s[2];
      long kept = (Long) s[3];
      double pct = commits == 0 ? 0 : Math.round(1000.0 * kept / commits) / 10.0;
      out.add(RowShape.of(SCHEMA, "the funnel report").row().set("repo_id", repoId).set("step", s[0])
          .set("rule", s[1]).set("rows_in", in).set("rows_out", kept).set("dropped", in - kept)
          .set("remaining_pct", pct).build());
    }
    return out;
  }

  private void print(String title, List<Row> section) {
    long commits = section.get(0).getLong(3);
    long kept = section.get(section.size() - 1).getLong(4);
    System.out.printf("%n%s: %d commits, %d kept (%.1f%%)%n", title, commits, kept,
        commits == 0 ? 0.0 : 100.0 * kept / commits);
    Dataset<Row> body = lakehouse.spark().createDataFrame(section, SCHEMA).drop("repo_id");
    ResultPrinter.print(body, ResultPrinter.Format.table, 0, System.out);
  }
}
