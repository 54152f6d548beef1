package dev.lode.cli;

import dev.lode.lakehouse.Lakehouse;
import dev.lode.jobs.curate.CurateJob;
import dev.lode.lakehouse.LodeSession;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import dev.lode.lakehouse.Warehouse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lode bench curate}: curation of every commit of the current bronze, from scratch, against its peer in the same
 * run: a bare scan and rewrite of the same bronze rows (Delta in, Delta out, no logic). Each side runs in a scratch
 * warehouse whose bronze tables are Delta shallow clones of the real ones (no data copied, Delta snapshots cold for
 * both), so the user's silver is never touched. Prints both figures and, last, one JSON object.
 */
@Command(name = "curate", description = "Time lode curate over the current bronze against a bare scan and rewrite "
    + "of the same rows; last line one JSON object.")
final class BenchCurateCommand extends SparkCommand {
  private static final List<TableDef> BRONZE = List.of(Tables.BRONZE_REPOS, Tables.BRONZE_COMMITS,
      Tables.BRONZE_FILE_CHANGES, Tables.BRONZE_TREES);

  @Option(names = "--runs", defaultValue = "1", paramLabel = "N",
      description = "Measure each side N times, alternating, and report the best of each. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Override
  public Integer call() throws Exception {
    if (runs < 1) {
      throw new UsageException("--runs must be at least 1");
    }
    Lakehouse lakehouse = open("bench curate");
    SparkSession spark = lakehouse.spark();
    Warehouse real = lakehouse.warehouse();
    if (!lakehouse.table(Tables.BRONZE_COMMITS).exists()) {
      throw new UsageException("no bronze.commits in warehouse " + real.root() + ": mine a repository first");
    }
    long commits = spark.table(Tables.BRONZE_COMMITS.qualifiedName()).count();
    Warehouse scratchRoot = new Warehouse(real.resolvePath("_bench/curate-" + System.currentTimeMillis()));
    double bestCurate = Double.MAX_VALUE;
    double bestScan = Double.MAX_VALUE;
    long kept = 0;
    try {
      for (int i = 1; i <= runs; i++) {
        // Each side reads its own fresh clone, so that both start from cold Delta snapshots.
        Warehouse scratch = new Warehouse(scratchRoot.resolvePath("run" + i));
        Warehouse peer = new Warehouse(scratchRoot.resolvePath("peer" + i));
        cloneBronze(spark, real, scratch);
        cloneBronze(spark, real, peer);
        useWarehouse(spark, scratch);
        long t0 = System.nanoTime();
        CurateJob.Summary summary = new Lakehouse(spark, scratch, lakehouse.config())
            .run(runId + "-bench" + i, new CurateJob(), commandLine()).result();
        double curate = (System.nanoTime() - t0) / 1e9;
        useWarehouse(spark, real);
        kept = summary.kept();

        long t1 = System.nanoTime();
        for (TableDef t : BRONZE) {
          if (lakehouse.table(t).exists()) {
            spark.read().format("delta").load(peer.path(t))
                .write().format("delta").mode("overwrite").save(peer.resolvePath("_scan/" + t.name()));
          }
        }
        double scan = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "run %d: lode curate %.2f s (kept %d of %d), scan and rewrite %.2f s%n", i,
            curate, summary.kept(), summary.commits(), scan);
        bestCurate = Math.min(bestCurate, curate);
        bestScan = Math.min(bestScan, scan);
      }
    } finally {
      useWarehouse(spark, real);
      delete(spark, scratchRoot);
    }
    System.out.printf(Locale.ROOT, "%-28s %12s %16s%n", "", "lode curate", "scan + rewrite");
    System.out.printf(Locale.ROOT, "%-28s %12.2f %16.2f%n", "seconds (best of " + runs + ")", bestCurate, bestScan);
    System.out.printf(Locale.ROOT, "%-28s %12.0f %16.0f%n", "commits per second", commits / bestCurate,
        commits / bestScan);
    System.out.printf(Locale.ROOT, "kept %d of %d commits; target ratio <= 3%n", kept, commits);
    System.out.printf(Locale.ROOT, "{\"commits\": %d, \"curate_s\": %.3f, \"scan_write_s\": %.3f, \"ratio\": %.3f}%n",
        commits, bestCurate, bestScan, bestCurate / bestScan);
    return 0;
  }

  private static void cloneBronze(SparkSession spark, Warehouse from, Warehouse to) {
    for (TableDef t : BRONZE) {
      if (new Lakehouse(spark, from, null).table(t).exists()) {
        spark.sql("CREATE TABLE delta.`" + to.path(t) + "` SHALLOW CLONE delta.`" + from.path(t) + "`");
      }
    }
  }

  /**
   * Points the session's {@code layer.table} names at {@code warehouse}. The names are external tables, so dropping
   * a name leaves its data where it is.
   */
  private static void useWarehouse(SparkSession spark, Warehouse warehouse) {
    for (TableDef t : Tables.all()) {
      spark.sql("DROP TABLE IF EXISTS " + t.qualifiedName());
    }
    LodeSession.register(spark, warehouse);
  }

  private static void delete(SparkSession spark, Warehouse scratch) throws IOException {
    Path root = new Path(scratch.root());
    FileSystem fs = root.getFileSystem(spark.sessionState().newHadoopConf());
    fs.delete(root, true);
  }
}
