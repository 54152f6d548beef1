package dev.lode.jobs;

import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.StageOutcome;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A local lakehouse for the jobs tests: a session on local[2], stages run under fresh run ids, fixture writes. */
public final class TestLakehouse {
  private TestLakehouse() {}

  /** The tests' configuration: local[2], two shuffle partitions, then {@code sets}. */
  public static LodeConfig config(String... sets) {
    List<String> all = new ArrayList<>(List.of("spark.master=local[2]", "spark.shuffle_partitions=2"));
    all.addAll(List.of(sets));
    return ConfigLoader.load(null, all);
  }

  public static Lakehouse open(Path warehouseDir, String app, LodeConfig config) {
    return Lakehouse.open(config, Warehouse.resolve(warehouseDir.toString()), app);
  }

  /** Runs {@code stage} under a new run id and returns how it ended. */
  public static <R> StageOutcome<R> run(Lakehouse lakehouse, Stage<R> stage) throws Exception {
    return lakehouse.run("test-" + System.nanoTime(), stage, "test");
  }

  /** Inserts fixture rows into {@code table} (by natural key) as a recorded one-off run. */
  public static void insert(Lakehouse lakehouse, TableDef table, Dataset<Row> rows) throws Exception {
    run(lakehouse, Stage.of("fixture", List.of(), List.of(table), r -> r.table(table).insertNew(rows)));
  }

  /** Appends fixture rows to {@code table} as they are, as a recorded one-off run. */
  public static void append(Lakehouse lakehouse, TableDef table, Dataset<Row> rows) throws Exception {
    run(lakehouse, Stage.of("fixture", List.of(), List.of(table), r -> r.table(table).append(rows)));
  }
}
