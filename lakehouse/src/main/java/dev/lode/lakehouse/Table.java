package dev.lode.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import io.delta.tables.DeltaTable;

/**
 * One catalogue table of one warehouse: the only way Lode reads and writes a table. Reached through a stage run
 * ({@code run.table(Tables.GOLD_EXAMPLES)}), it reads at the version the run pinned when it started and records every
 * write in the run's {@code ops.runs} row; reached through {@link Lakehouse#table} it reads the latest version and
 * cannot write.
 *
 * <p>Every write is conformed to the table's one schema (a missing column is refused by name) and is idempotent where
 * the table has a natural key: {@link #insertNew} adds only rows whose key is new, so a run killed at any point and
 * rerun leaves neither duplicates nor gaps. Reads always have the catalogue's columns, so a table written by an
 * earlier Lode that lacked a newer nullable column reads with that column null.
 */
public final class Table {
  private final SparkSession spark;
  private final Warehouse warehouse;
  private final TableDef def;
  private final StageRun run; // null: read-only

  Table(SparkSession spark, Warehouse warehouse, TableDef def, StageRun run) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.def = def;
    this.run = run;
  }

  /** What a write did: the table's Delta version after it (-1 if the table is still absent) and the rows it touched. */
  public record WriteResult(long version, long inserted, long updated, long deleted) {}

  public TableDef def() {
    return def;
  }

  /** Where the table's Delta files are: {@code <warehouse>/<layer>/<name>}. */
  public String path() {
    return warehouse.path(def);
  }

  public boolean exists() {
    String log = path() + "/_delta_log";
    try {
      return new Path(log).getFileSystem(spark.sessionState().newHadoopConf()).exists(new Path(log));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + log, e);
    }
  }

  /** The latest Delta version, or -1 if the table does not exist yet. */
  public long version() {
    if (!exists()) {
      return -1;
    }
    return DeltaTable.forPath(spark, path()).history(1).select("version").head().getLong(0);
  }

  /**
   * The table as this run sees it: at the version pinned when the run started (-1: the empty table). Outside a run,
   * the latest version. A stage may read only the tables it declares.
   */
  public Dataset<Row> read() {
    if (run == null) {
      return current();
    }
    return at(run.pinned(def));
  }

  /** The latest version, whatever the run pinned: for a stage reading back what it has just written. */
  public Dataset<Row> current() {
    if (run != null) {
      run.checkDeclared(def, true);
    }
    return exists() ? conformRead(spark.read().format("delta").load(path())) : empty();
  }

  /** The table as of a Delta version (time travel); -1 gives the empty table. */
  public Dataset<Row> at(long version) {
    if (version < 0) {
      return empty();
    }
    return conformRead(spark.read().format("delta").option("versionAsOf", version).load(path()));
  }

  /** Delta's history of the table, newest first (version, timestamp, operation, operationMetrics, …). */
  public Dataset<Row> history() {
    return exists() ? DeltaTable.forPath(spark, path()).history() : spark.emptyDataFrame();
  }

  /** A row of this table built by column name (see {@link RowShape}). */
  public RowShape.Builder newRow() {
    return def.newRow();
  }

  /** Rows built with {@link #newRow}, as a frame of this table's schema. */
  public Dataset<Row> frame(List<Row> rows) {
    return spark.createDataFrame(rows, def.schema());
  }

  // ---------------------------------------------------------------- writes

  /**
   * Inserts the rows whose natural key is not in the table yet; existing rows are left as they are. A table that
   * does not exist yet holds no key to skip, so its first rows are appended, sparing the MERGE's join.
   */
  public WriteResult insertNew(Dataset<Row> rows) {
    requireKeys("insert by key");
    return exists() ? merge(rows, null, "WHEN NOT MATCHED THEN INSERT *") : append(rows);
  }

  /** Inserts new rows and replaces existing ones with the same natural key (an upsert MERGE). */
  public WriteResult upsert(Dataset<Row> rows) {
    requireKeys("upsert");
    return merge(rows, null, "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
  }

  /** Appends rows as they are; for tables whose rows are events (runs, funnel counts). */
  public WriteResult append(Dataset<Row> rows) {
    requireRun("append to");
    return recorded(appendRows(rows));
  }

  /** The append itself, unrecorded: for the run record, which cannot record its own write. */
  WriteResult appendRows(Dataset<Row> rows) {
    create();
    Dataset<Row> conformed = conform(rows);
    long n = conformed.count();
    if (n == 0) {
      return new WriteResult(version(), 0, 0, 0);
    }
    // mergeSchema: a table an earlier Lode created gains the catalogue's newer nullable columns.
    conformed.write().format("delta").mode("append").option("mergeSchema", "true").save(path());
    return new WriteResult(version(), n, 0, 0);
  }

  /**
   * Updates the rows whose natural key is among {@code keys} and that match {@code condition} (SQL over the table's
   * columns, as {@code t}), setting each column of {@code set} to its SQL expression.
   */
  public WriteResult updateKeys(Dataset<Row> keys, String condition, Map<String, String> set) {
    requireKeys("update by key");
    if (!exists()) {
      return recorded(new WriteResult(-1, 0, 0, 0));
    }
    String assignments = set.entrySet().stream().map(e -> "`" + e.getKey() + "` = " + e.getValue())
        .collect(Collectors.joining(", "));
    return merge(keyColumns(keys), keys, "WHEN MATCHED" + (condition == null ? "" : " AND " + condition)
        + " THEN UPDATE SET " + assignments);
  }

  /**
   * Deletes the rows whose natural key is among {@code keys} (rows holding at least the key columns). For the rare
   * row a later run supersedes, such as an example displaced by an earlier duplicate; the reason is recorded by the
   * caller, never lost.
   */
  public WriteResult deleteKeys(Dataset<Row> keys) {
    requireKeys("delete by key");
    if (!exists()) {
      return recorded(new WriteResult(-1, 0, 0, 0));
    }
    return merge(keyColumns(keys).distinct(), keys, "WHEN MATCHED THEN DELETE");
  }

  /** Deletes the rows matching {@code condition}, e.g. the rows of a round an earlier run left incomplete. */
  public WriteResult deleteWhere(Column condition) {
    requireRun("delete from");
    if (!exists()) {
      return recorded(new WriteResult(-1, 0, 0, 0));
    }
    long n = current().where(condition).count();
    if (n == 0) {
      return recorded(new WriteResult(version(), 0, 0, 0));
    }
    DeltaTable.forPath(spark, path()).delete(condition);
    return recorded(new WriteResult(version(), 0, 0, n));
  }

  /**
   * Creates the table with its catalogue schema, comment and NOT NULL constraints if it does not exist, and registers
   * it as {@code layer.name}: a stage that writes nothing still leaves its tables queryable.
   */
  public void ensure() {
    requireRun("create");
    create();
  }

  private void create() {
    if (!exists()) {
      DeltaTable.createIfNotExists(spark)
          .location(path())
          .addColumns(def.schema())
          .partitionedBy(def.partitionBy().toArray(String[]::new))
          .comment(def.description())
          .execute();
    }
    LodeSession.registerOne(spark, warehouse, def);
  }

  /**
   * Orders and casts {@code rows} to the table's schema. Every column of the table must be present; a missing one is
   * an error naming it, so that a writer cannot silently drop a column.
   */
  public Dataset<Row> conform(Dataset<Row> rows) {
    return conform(rows, def);
  }

  static Dataset<Row> conform(Dataset<Row> rows, TableDef def) {
    List<String> have = List.of(rows.columns());
    List<String> missing = def.columns().stream().filter(c -> !have.contains(c)).collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("rows for " + def + " lack columns " + missing);
    }
    List<Column> cols = new ArrayList<>();
    for (StructField f : def.schema().fields()) {
      DataType actual = rows.schema().apply(f.name()).dataType();
      Column c = functions.col(f.name());
      cols.add(actual.sameType(f.dataType()) ? c : c.cast(f.dataType()).as(f.name()));
    }
    return rows.select(cols.toArray(Column[]::new));
  }

  private Dataset<Row> conformRead(Dataset<Row> rows) {
    List<String> have = List.of(rows.columns());
    if (have.containsAll(def.columns())) {
      return rows;
    }
    List<Column> cols = new ArrayList<>();
    for (StructField f : def.schema().fields()) {
      cols.add(have.contains(f.name()) ? functions.col(f.name())
          : functions.lit(null).cast(f.dataType()).as(f.name()));
    }
    return rows.select(cols.toArray(Column[]::new));
  }

  private Dataset<Row> empty() {
    return spark.createDataFrame(List.of(), def.schema());
  }

  private Dataset<Row> keyColumns(Dataset<Row> keys) {
    return keys.select(def.keys().stream().map(functions::col).toArray(Column[]::new));
  }

  /** One MERGE on the natural key: {@code source} rows as {@code s}, the table as {@code t}. */
  private WriteResult merge(Dataset<Row> rows, Dataset<Row> keysOnly, String clauses) {
    requireRun("write");
    ensure();
    Dataset<Row> source = keysOnly != null ? rows : conform(rows);
    String view = "lode_src_" + UUID.randomUUID().toString().replace("-", "");
    source.createOrReplaceTempView(view);
    try {
      String on = def.keys().stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
      Row metrics = spark.sql("MERGE INTO " + def.qualifiedName() + " t USING " + view + " s ON " + on + " "
          + clauses).head();
      return recorded(new WriteResult(version(), metric(metrics, "num_inserted_rows"),
          metric(metrics, "num_updated_rows"), metric(metrics, "num_deleted_rows")));
    } finally {
      spark.catalog().dropTempView(view);
    }
  }

  private static long metric(Row metrics, String name) {
    return List.of(metrics.schema().fieldNames()).contains(name) ? metrics.getLong(metrics.fieldIndex(name)) : 0;
  }

  private WriteResult recorded(WriteResult result) {
    run.wrote(def, result);
    return result;
  }

  private void requireKeys(String what) {
    if (def.keys().isEmpty()) {
      throw new IllegalArgumentException(def + " has no natural key to " + what);
    }
    requireRun(what);
  }

  private void requireRun(String what) {
    if (run == null) {
      throw new IllegalStateException("cannot " + what + " " + def + " outside a stage run: every write is recorded "
          + "in ops.runs (run it as a Stage)");
    }
    run.checkDeclared(def, false);
  }

  @Override
  public String toString() {
    return def.qualifiedName();
  }
}
