package dev.lode.lakehouse;

import static dev.lode.lakehouse.LakehouseFixture.repo;
import static dev.lode.lakehouse.LakehouseFixture.repos;
import static dev.lode.lakehouse.LakehouseFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {
  @TempDir static Path dir;
  static Lakehouse lake;
  static SparkSession spark;

  @BeforeAll
  static void open() {
    lake = LakehouseFixture.open(dir, "TableTest");
    spark = lake.spark();
  }

  @AfterAll
  static void close() {
    spark.stop();
  }

  private static final List<TableDef> REPOS = List.of(Tables.BRONZE_REPOS);

  @Test
  void insertNewAddsOnlyNewKeysSoARerunAddsNothing() throws Exception {
    Table.WriteResult first = write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS)
        .insertNew(repos(lake, repo("a", "ok"), repo("b", "ok"))));
    assertEquals(2, first.inserted());
    Table.WriteResult again = write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS)
        .insertNew(repos(lake, repo("a", "failed"), repo("b", "ok"), repo("c", "ok"))));
    assertEquals(1, again.inserted());
    assertEquals(3, spark.sql("select * from bronze.repos where repo_id in ('a', 'b', 'c')").count());
    assertEquals("ok", spark.sql("select status from bronze.repos where repo_id = 'a'").head().getString(0));
  }

  @Test
  void upsertReplacesRowsWithTheSameKey() throws Exception {
    write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS).upsert(repos(lake, repo("u", "ok"))));
    Table.WriteResult r = write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS)
        .upsert(repos(lake, repo("u", "failed"))));
    assertEquals(1, r.updated());
    assertEquals("failed", spark.sql("select status from bronze.repos where repo_id = 'u'").head().getString(0));
  }

  @Test
  void updateKeysAndDeletesTouchOnlyTheRowsTheyName() throws Exception {
    write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS).insertNew(repos(lake, repo("d1", "ok"),
        repo("d2", "ok"), repo("d3", "partial"))));
    Dataset<Row> keys = repos(lake, repo("d1", "ok"), repo("d3", "ok")).select("repo_id");
    Table.WriteResult updated = write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS)
        .updateKeys(keys, "t.status = 'partial'", Map.of("status", "'failed'")));
    assertEquals(1, updated.updated(), "only d3 matched the condition");
    assertEquals("failed", spark.sql("select status from bronze.repos where repo_id = 'd3'").head().getString(0));
    assertEquals("ok", spark.sql("select status from bronze.repos where repo_id = 'd1'").head().getString(0));

    Table.WriteResult byKey = write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS).deleteKeys(keys));
    assertEquals(2, byKey.deleted());
    Table.WriteResult byCondition = write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS)
        .deleteWhere(functions.col("repo_id").equalTo("d2")));
    assertEquals(1, byCondition.deleted());
    assertEquals(0, spark.sql("select * from bronze.repos where repo_id like 'd_'").count());
  }

  @Test
  void tablesLiveUnderTheirLayerAndKeepTheCatalogueSchema() throws Exception {
    write(lake, List.of(Tables.BRONZE_TREES), run -> {
      run.table(Tables.BRONZE_TREES).ensure();
      return null;
    });
    Table trees = lake.table(Tables.BRONZE_TREES);
    assertTrue(trees.exists());
    assertTrue(dir.resolve("wh/bronze/trees/_delta_log").toFile().isDirectory());
    Dataset<Row> read = trees.read();
    assertEquals(Tables.BRONZE_TREES.columns(), List.of(read.columns()));
    assertFalse(read.schema().apply("paths").nullable());
  }

  @Test
  void aTableReadsAtAnyVersionAndListsItsHistory() throws Exception {
    write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS).insertNew(repos(lake, repo("h1", "ok"))));
    Table table = lake.table(Tables.BRONZE_REPOS);
    long before = table.version();
    write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS).insertNew(repos(lake, repo("h2", "ok"))));
    assertEquals(before + 1, table.version());
    assertEquals(0, table.at(before).where("repo_id = 'h2'").count(), "time travel to before the write");
    assertEquals(1, table.read().where("repo_id = 'h2'").count());
    assertEquals(table.version(), table.history().select("version").head().getLong(0));
    assertEquals(0, lake.table(Tables.GOLD_PAIRS).at(-1).count(), "version -1 is the empty table");
  }

  @Test
  void theOverviewListsTheWholeCatalogueWithCountsAndVersionsOfWrittenTablesOnly() throws Exception {
    write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS).insertNew(repos(lake, repo("o", "ok"))));
    List<Row> rows = lake.overview().collectAsList();
    assertEquals(Tables.all().stream().map(TableDef::qualifiedName).toList(),
        rows.stream().map(r -> r.getString(0)).toList());
    Row runs = rows.stream().filter(r -> r.getString(0).equals("ops.runs")).findFirst().orElseThrow();
    assertEquals(spark.table("ops.runs").count(), runs.getLong(1));
    assertEquals(lake.table(Tables.OPS_RUNS).version(), runs.getLong(2));
    assertEquals(lake.warehouse().path(Tables.OPS_RUNS), runs.getString(3));
    Row pairs = rows.stream().filter(r -> r.getString(0).equals("gold.pairs")).findFirst().orElseThrow();
    assertTrue(pairs.isNullAt(1) && pairs.isNullAt(2), "a table no stage wrote has no count and no version");
  }

  @Test
  void aWriterMissingAColumnIsRefusedByName() {
    Dataset<Row> noStatus = repos(lake, repo("x", "ok")).drop("status");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> write(lake, REPOS, run -> run.table(Tables.BRONZE_REPOS).insertNew(noStatus)));
    assertTrue(e.getMessage().contains("status"), e.getMessage());
  }

  @Test
  void noWriteHappensOutsideAStageRunOrToATableTheStageDidNotDeclare() {
    Dataset<Row> rows = repos(lake, repo("n", "ok"));
    IllegalStateException outside = assertThrows(IllegalStateException.class,
        () -> lake.table(Tables.BRONZE_REPOS).insertNew(rows));
    assertTrue(outside.getMessage().contains("outside a stage run"), outside.getMessage());
    IllegalStateException undeclared = assertThrows(IllegalStateException.class,
        () -> write(lake, List.of(Tables.BRONZE_TREES), run -> run.table(Tables.BRONZE_REPOS).insertNew(rows)));
    assertTrue(undeclared.getMessage().contains("without declaring"), undeclared.getMessage());
  }

  @Test
  void aTableWrittenWithoutANewerNullableColumnReadsWithItNull() throws Exception {
    // ops.runs as an earlier Lode wrote it: without inputs_key and skipped_since.
    String path = dir.resolve("old/ops/runs").toString();
    Dataset<Row> old = spark.createDataFrame(List.of(), Tables.OPS_RUNS.schema()).drop("inputs_key", "skipped_since");
    old.write().format("delta").save(path);
    Warehouse oldWarehouse = Warehouse.resolve(dir.resolve("old").toString());
    Lakehouse older = new Lakehouse(spark, oldWarehouse, lake.config());
    older.run("r-old", Stage.of("fixture", List.of(), List.of(), run -> null), "fixture");
    Dataset<Row> runs = older.table(Tables.OPS_RUNS).read();
    assertEquals(Tables.OPS_RUNS.columns(), List.of(runs.columns()));
    assertEquals(1, runs.count(), "the run record was appended, gaining the new columns");
  }
}
