package dev.lode.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaTablesTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static Warehouse warehouse;
  static LodeConfig config;

  @BeforeAll
  static void open() {
    config = ConfigLoader.load(null, List.of("spark.master=local[2]", "spark.shuffle_partitions=2"));
    warehouse = Warehouse.resolve(dir.resolve("wh").toString());
    spark = LodeSession.open(config, warehouse, "DeltaTablesTest");
  }

  @AfterAll
  static void close() {
    spark.stop();
  }

  private static Row repo(String id, String status) {
    return RowFactory.create(id, id, "/src/" + id, null, "main", "abc", null, null, 0L,
        Timestamp.valueOf("2026-01-01 00:00:00"), status, null, false, null);
  }

  private static Dataset<Row> repos(Row... rows) {
    return spark.createDataFrame(List.of(rows), Tables.BRONZE_REPOS.schema());
  }

  @Test
  void mergeNewInsertsOnlyNewKeysSoARerunAddsNothing() {
    DeltaTables.WriteResult first = DeltaTables.mergeNew(spark, warehouse, Tables.BRONZE_REPOS,
        repos(repo("a", "ok"), repo("b", "ok")));
    assertEquals(2, first.inserted());
    DeltaTables.WriteResult again = DeltaTables.mergeNew(spark, warehouse, Tables.BRONZE_REPOS,
        repos(repo("a", "failed"), repo("b", "ok"), repo("c", "ok")));
    assertEquals(1, again.inserted());
    assertEquals(3, spark.sql("select * from bronze.repos where repo_id in ('a', 'b', 'c')").count());
    assertEquals("ok", spark.sql("select status from bronze.repos where repo_id = 'a'").head().getString(0));
  }

  @Test
  void upsertReplacesRowsWithTheSameKey() {
    DeltaTables.upsert(spark, warehouse, Tables.BRONZE_REPOS, repos(repo("u", "ok")));
    DeltaTables.WriteResult r = DeltaTables.upsert(spark, warehouse, Tables.BRONZE_REPOS, repos(repo("u", "failed")));
    assertEquals(1, r.updated());
    assertEquals("failed", spark.sql("select status from bronze.repos where repo_id = 'u'").head().getString(0));
  }

  @Test
  void tablesLiveUnderTheirLayerAndKeepTheCatalogueSchema() {
    DeltaTables.ensure(spark, warehouse, Tables.BRONZE_TREES);
    assertTrue(DeltaTables.exists(spark, warehouse, Tables.BRONZE_TREES));
    assertTrue(dir.resolve("wh/bronze/trees/_delta_log").toFile().isDirectory());
    Dataset<Row> read = DeltaTables.read(spark, warehouse, Tables.BRONZE_TREES);
    assertEquals(Tables.BRONZE_TREES.columns(), List.of(read.columns()));
    assertFalse(read.schema().apply("paths").nullable());
  }

  @Test
  void theOverviewListsTheWholeCatalogueWithCountsAndVersionsOfWrittenTablesOnly() {
    DeltaTables.ensure(spark, warehouse, Tables.OPS_RUNS);
    List<Row> rows = DeltaTables.overview(spark, warehouse).collectAsList();
    assertEquals(Tables.all().stream().map(TableDef::qualifiedName).toList(),
        rows.stream().map(r -> r.getString(0)).toList());
    Row runs = rows.stream().filter(r -> r.getString(0).equals("ops.runs")).findFirst().orElseThrow();
    assertEquals(spark.table("ops.runs").count(), runs.getLong(1));
    assertEquals(DeltaTables.version(spark, warehouse, Tables.OPS_RUNS), runs.getLong(2));
    assertEquals(warehouse.path(Tables.OPS_RUNS), runs.getString(3));
    Row pairs = rows.stream().filter(r -> r.getString(0).equals("gold.pairs")).findFirst().orElseThrow();
    assertTrue(pairs.isNullAt(1) && pairs.isNullAt(2), "a table no stage wrote has no count and no version");
  }

  @Test
  void aWriterMissingAColumnIsRefusedByName() {
    Dataset<Row> noStatus = repos(repo("x", "ok")).drop("status");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeltaTables.mergeNew(spark, warehouse, Tables.BRONZE_REPOS, noStatus));
    assertTrue(e.getMessage().contains("status"), e.getMessage());
  }

  @Test
  void aStageRunRecordsVersionsCountsAndFailure() throws Exception {
    String ok = StageRun.record(spark, warehouse, config, "run-1", "test", "lode test", run -> {
      run.read(Tables.BRONZE_COMMITS);
      run.wrote(Tables.BRONZE_REPOS, DeltaTables.mergeNew(spark, warehouse, Tables.BRONZE_REPOS, repos(repo("r", "ok"))));
      run.count("things", 3);
      return "done";
    });
    assertEquals("done", ok);
    assertThrows(IllegalStateException.class, () -> StageRun.record(spark, warehouse, config, "run-2", "test", null,
        run -> {
          throw new IllegalStateException("boom");
        }));
    List<Row> rows = spark.sql("select run_id, status, input_versions['bronze.commits'], row_counts['things'], error "
        + "from ops.runs where stage = 'test' order by run_id").collectAsList();
    assertEquals(2, rows.size());
    assertEquals("ok", rows.get(0).getString(1));
    assertEquals(-1L, rows.get(0).getLong(2));
    assertEquals(3L, rows.get(0).getLong(3));
    assertEquals("failed", rows.get(1).getString(1));
    assertTrue(rows.get(1).getString(4).contains("boom"));
  }

  @Test
  void aNewSessionFindsExistingTablesByName() {
    DeltaTables.mergeNew(spark, warehouse, Tables.BRONZE_REPOS, repos(repo("s", "ok")));
    SparkSession other = spark.newSession();
    LodeSession.register(other, warehouse);
    assertTrue(other.sql("select count(*) from bronze.repos").head().getLong(0) >= 1);
  }
}
