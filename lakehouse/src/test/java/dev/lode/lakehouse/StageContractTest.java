package dev.lode.lakehouse;

import static dev.lode.lakehouse.LakehouseFixture.repo;
import static dev.lode.lakehouse.LakehouseFixture.repos;
import static dev.lode.lakehouse.LakehouseFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageContractTest {
  @TempDir static Path dir;
  static Lakehouse lake;
  static SparkSession spark;

  @BeforeAll
  static void open() {
    lake = LakehouseFixture.open(dir, "StageContractTest");
    spark = lake.spark();
  }

  @AfterAll
  static void close() {
    spark.stop();
  }

  /** A stage that copies bronze.repos' ids into bronze.trees, counting its runs. */
  static final class CopyStage implements Stage<Long> {
    final AtomicInteger runs = new AtomicInteger();
    final String name;
    boolean repairWrites;

    CopyStage(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<TableDef> reads() {
      return List.of(Tables.BRONZE_REPOS);
    }

    @Override
    public List<TableDef> writes() {
      return List.of(Tables.BRONZE_TREES);
    }

    @Override
    public List<String> settings() {
      return List.of("mine");
    }

    @Override
    public void repair(StageRun run) {
      if (repairWrites) {
        run.table(Tables.BRONZE_TREES).deleteWhere(functions.col("sha").equalTo("broken"));
      }
    }

    @Override
    public Long run(StageRun run) {
      runs.incrementAndGet();
      long n = run.table(Tables.BRONZE_REPOS).read().count();
      run.table(Tables.BRONZE_TREES).insertNew(run.table(Tables.BRONZE_REPOS).read()
          .selectExpr("repo_id", "'head' AS sha", "0 AS path_count", "array() AS paths", "false AS truncated"));
      run.count("repos", n);
      return n;
    }
  }

  private static Row lastRun(String stage) {
    return spark.sql("select * from ops.runs where stage = '" + stage + "' order by ended_at desc limit 1").head();
  }

  @Test
  void aStageRunRecordsVersionsCountsAndFailure() throws Exception {
    StageOutcome<String> ok = lake.run("run-1", Stage.of("test", List.of(Tables.BRONZE_COMMITS),
        List.of(Tables.BRONZE_REPOS), run -> {
          run.table(Tables.BRONZE_COMMITS).read();
          run.table(Tables.BRONZE_REPOS).insertNew(repos(lake, repo("r", "ok")));
          run.count("things", 3);
          return "done";
        }), "lode test");
    assertEquals("done", ok.result());
    assertEquals(StageStatus.OK, ok.status());
    assertThrows(IllegalStateException.class, () -> lake.run("run-2", Stage.of("test", List.of(), List.of(),
        run -> {
          throw new IllegalStateException("boom");
        }), null));
    List<Row> rows = spark.sql("select run_id, status, input_versions['bronze.commits'], row_counts['things'], error, "
        + "output_versions['bronze.repos'], row_counts['bronze.repos.inserted'] from ops.runs where stage = 'test' "
        + "order by run_id").collectAsList();
    assertEquals(2, rows.size());
    assertEquals("ok", rows.get(0).getString(1));
    assertEquals(-1L, rows.get(0).getLong(2));
    assertEquals(3L, rows.get(0).getLong(3));
    assertEquals(lake.table(Tables.BRONZE_REPOS).version(), rows.get(0).getLong(5));
    assertEquals(1L, rows.get(0).getLong(6));
    assertEquals("failed", rows.get(1).getString(1));
    assertTrue(rows.get(1).getString(4).contains("boom"));
  }

  @Test
  void aRunReadsTheVersionPinnedWhenItStartedWhateverIsWrittenMeanwhile() throws Exception {
    write(lake, List.of(Tables.BRONZE_REPOS), run -> run.table(Tables.BRONZE_REPOS)
        .insertNew(repos(lake, repo("p1", "ok"))));
    long[] seen = new long[2];
    lake.run("pin-1", Stage.of("pinning", List.of(Tables.BRONZE_REPOS), List.of(), run -> {
      seen[0] = run.table(Tables.BRONZE_REPOS).read().count();
      write(lake, List.of(Tables.BRONZE_REPOS), other -> other.table(Tables.BRONZE_REPOS)
          .insertNew(repos(lake, repo("p2", "ok"))));
      seen[1] = run.table(Tables.BRONZE_REPOS).read().count();
      return null;
    }), "test");
    assertEquals(seen[0], seen[1], "the second read sees the pinned version, not the concurrent write");
    assertEquals(seen[0] + 1, lake.table(Tables.BRONZE_REPOS).read().count());
  }

  @Test
  void aRerunWithNothingChangedIsSkippedAndAChangeRunsItAgain() throws Exception {
    CopyStage stage = new CopyStage("copy");
    write(lake, List.of(Tables.BRONZE_REPOS), run -> run.table(Tables.BRONZE_REPOS)
        .insertNew(repos(lake, repo("s1", "ok"))));
    assertEquals(StageStatus.OK, lake.run("s-1", stage, "test").status());
    StageOutcome<Long> again = lake.run("s-2", stage, "test");
    assertEquals(StageStatus.SKIPPED, again.status());
    assertNull(again.result());
    assertEquals("s-1", again.skippedSince());
    assertEquals(1, stage.runs.get());
    assertEquals("skipped", lastRun("copy").getAs("status"));
    assertEquals("s-1", lastRun("copy").getAs("skipped_since"));
    assertEquals(StageStatus.SKIPPED, lake.run("s-3", stage, "test").status(), "still nothing new");
    assertEquals("s-1", lake.run("s-4", stage, "test").skippedSince(), "the run whose results stand");

    write(lake, List.of(Tables.BRONZE_REPOS), run -> run.table(Tables.BRONZE_REPOS)
        .insertNew(repos(lake, repo("s2", "ok"))));
    assertEquals(StageStatus.OK, lake.run("s-5", stage, "test").status(), "an input changed");
    assertEquals(2, stage.runs.get());

    Lakehouse otherSettings = lake.with(ConfigLoader.load(null, List.of("spark.master=local[2]",
        "spark.shuffle_partitions=2", "mine.commits_per_task=7")));
    assertEquals(StageStatus.OK, otherSettings.run("s-6", stage, "test").status(), "a setting it uses changed");
    Lakehouse unrelated = lake.with(ConfigLoader.load(null, List.of("spark.master=local[2]",
        "spark.shuffle_partitions=2", "mine.commits_per_task=7", "gold.seed=1")));
    assertEquals(StageStatus.SKIPPED, unrelated.run("s-7", stage, "test").status(), "a setting it does not use");
    assertEquals(3, stage.runs.get());
  }

  @Test
  void repairRunsInsideTheRecordedRunSoItsWritesAreInOpsRuns() throws Exception {
    CopyStage stage = new CopyStage("repairing");
    write(lake, List.of(Tables.BRONZE_TREES), run -> run.table(Tables.BRONZE_TREES).insertNew(run.spark()
        .sql("select 'x' AS repo_id, 'broken' AS sha, 0 AS path_count, array() AS paths, false AS truncated")));
    stage.repairWrites = true;
    lake.run("rep-1", stage, "test");
    Row run = lastRun("repairing");
    assertEquals(1L, run.getJavaMap(run.fieldIndex("row_counts")).get("bronze.trees.deleted"));
    assertEquals(0, spark.sql("select * from bronze.trees where sha = 'broken'").count());
  }

  @Test
  void aStageThatReadsATableItDidNotDeclareFails() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> lake.run("u-1",
        Stage.of("undeclared", List.of(), List.of(), run -> run.table(Tables.SILVER_EXAMPLES).read().count()), "t"));
    assertTrue(e.getMessage().contains("silver.examples"), e.getMessage());
    assertEquals("failed", lastRun("undeclared").getAs("status"));
  }

  @Test
  void aNewSessionFindsExistingTablesByName() throws Exception {
    write(lake, List.of(Tables.BRONZE_REPOS), run -> run.table(Tables.BRONZE_REPOS)
        .insertNew(repos(lake, repo("n", "ok"))));
    SparkSession other = spark.newSession();
    LodeSession.register(other, lake.warehouse());
    assertTrue(other.sql("select count(*) from bronze.repos").head().getLong(0) >= 1);
  }
}
