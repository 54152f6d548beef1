package dev.lode.lakehouse;

import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A small local lakehouse for the tests of this module, and bronze.repos rows to write into it. */
final class LakehouseFixture {
  private LakehouseFixture() {}

  static Lakehouse open(Path dir, String app) {
    LodeConfig config = ConfigLoader.load(null, List.of("spark.master=local[2]", "spark.shuffle_partitions=2"));
    Warehouse warehouse = Warehouse.resolve(dir.resolve("wh").toString());
    return Lakehouse.open(config, warehouse, app);
  }

  static Row repo(String id, String status) {
    return Tables.BRONZE_REPOS.newRow().set("repo_id", id).set("name", id).set("origin", "/src/" + id)
        .set("default_branch", "main").set("head_sha", "abc").set("commits_mined", 0L)
        .set("mined_at", Timestamp.valueOf("2026-01-01 00:00:00")).set("status", status).set("shallow", false)
        .build();
  }

  static Dataset<Row> repos(Lakehouse lake, Row... rows) {
    return lake.spark().createDataFrame(List.of(rows), Tables.BRONZE_REPOS.schema());
  }

  /** Runs {@code body} as a one-off stage writing {@code writes}. */
  static <R> R write(Lakehouse lake, List<TableDef> writes, Stage.Body<R> body) throws Exception {
    return lake.run("fixture-" + System.nanoTime(), Stage.of("fixture", List.of(), writes, body), "fixture")
        .result();
  }
}
