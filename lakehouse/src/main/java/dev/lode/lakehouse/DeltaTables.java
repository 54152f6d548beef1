package dev.lode.lakehouse;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reading and writing catalogue tables. Writers go through here so that every write is checked against the
 * table's one schema and is idempotent: {@link #mergeNew} inserts only rows whose natural key is new, so a run
 * killed at any point and rerun leaves neither duplicates nor gaps.
 */
public final class DeltaTables {
  private DeltaTables() {}

  /** What a write did: the table's Delta version after it (-1 if the table is still absent) and the rows it touched. */
  public record WriteResult(long version, long inserted, long updated) {}

  public static boolean exists(SparkSession spark, Warehouse warehouse, TableDef table) {
    String log = warehouse.path(table) + "/_delta_log";
    try {
      return LodeSession.fileSystem(spark, log).exists(new Path(log));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + log, e);
    }
  }

  /** The columns of {@link #overview}. */
  public static final StructType OVERVIEW = new StructType()
      .add("table", DataTypes.StringType)
      .add("rows", DataTypes.LongType)
      .add("version", DataTypes.LongType)
      .add("path", DataTypes.StringType)
      .add("description", DataTypes.StringType);

  /**
   * Every table of the catalogue in flow order with its row count and Delta version (null for a table no stage has
   * written yet), its path and description: what {@code lode tables} prints.
   */
  public static Dataset<Row> overview(SparkSession spark, Warehouse warehouse) {
    List<Row> rows = new ArrayList<>();
    for (TableDef t : Tables.all()) {
      boolean exists = exists(spark, warehouse, t);
      rows.add(RowFactory.create(t.qualifiedName(), exists ? spark.table(t.qualifiedName()).count() : null,
          exists ? version(spark, warehouse, t) : null, warehouse.path(t), t.description()));
    }
    return spark.createDataFrame(rows, OVERVIEW);
  }

  /** The table's latest Delta version, or -1 if it does not exist yet. */
  public static long version(SparkSession spark, Warehouse warehouse, TableDef table) {
    if (!exists(spark, warehouse, table)) {
      return -1;
    }
    Row last = DeltaTable.forPath(spark, warehouse.path(table)).history(1).select("version").head();
    return last.getLong(0);
  }

  /** The table as it is now; an empty frame with the catalogue schema if it does not exist yet. */
  public static Dataset<Row> read(SparkSession spark, Warehouse warehouse, TableDef table) {
    if (!exists(spark, warehouse, table)) {
      return spark.createDataFrame(List.of(), table.schema());
    }
    return spark.read().format("delta").load(warehouse.path(table));
  }

  /** The table as of a Delta version (time travel); -1 gives the empty table. */
  public static Dataset<Row> readAt(SparkSession spark, Warehouse warehouse, TableDef table, long version) {
    if (version < 0) {
      return spark.createDataFrame(List.of(), table.schema());
    }
    return spark.read().format("delta").option("versionAsOf", version).load(warehouse.path(table));
  }

  /** Creates the table with its catalogue schema if it does not exist, and registers it as {@code layer.name}. */
  public static void ensure(SparkSession spark, Warehouse warehouse, TableDef table) {
    if (!exists(spark, warehouse, table)) {
      DeltaTable.createIfNotExists(spark)
          .location(warehouse.path(table))
          .addColumns(table.schema())
          .partitionedBy(table.partitionBy().toArray(String[]::new))
          .comment(table.description())
          .execute();
    }
    LodeSession.registerOne(spark, warehouse, table);
  }

  /**
   * Orders and casts {@code rows} to the table's schema. Every column of the table must be present; a missing one is
   * an error naming it, so that a writer cannot silently drop a column.
   */
  public static Dataset<Row> conform(Dataset<Row> rows, TableDef table) {
    List<String> have = List.of(rows.columns());
    List<String> missing = table.columns().stream().filter(c -> !have.contains(c)).collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("rows for " + table + " lack columns " + missing);
    }
    List<Column> cols = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      DataType actual = rows.schema().apply(f.name()).dataType();
      Column c = functions.col(f.name());
      cols.add(actual.sameType(f.dataType()) ? c : c.cast(f.dataType()).as(f.name()));
    }
    return rows.select(cols.toArray(Column[]::new));
  }

  /**
   * Inserts the rows whose natural key is not in the table yet (an insert-only MERGE); existing rows are left as
   * they are. Creates the table on first use.
   */
  public static WriteResult mergeNew(SparkSession spark, Warehouse warehouse, TableDef table, Dataset<Row> rows) {
    return merge(spark, warehouse, table, rows, false);
  }

  /** Inserts new rows and replaces existing ones with the same natural key (an upsert MERGE). */
  public static WriteResult upsert(SparkSession spark, Warehouse warehouse, TableDef table, Dataset<Row> rows) {
    return merge(spark, warehouse, table, rows, true);
  }

  /**
   * Deletes the rows whose natural key is among {@code keys} (rows holding at least the key columns; a MERGE that
   * deletes on match). For the rare row a later run supersedes, such as an example displaced by an earlier
   * duplicate; the reason is recorded by the caller, never lost. Returns the number of rows deleted.
   */
  public static long deleteKeys(SparkSession spark, Warehouse warehouse, TableDef table, Dataset<Row> keys) {
    if (table.keys().isEmpty()) {
      throw new IllegalArgumentException(table + " has no natural key to delete by");
    }
    if (!exists(spark, warehouse, table)) {
      return 0;
    }
    LodeSession.registerOne(spark, warehouse, table);
    String view = "lode_del_" + UUID.randomUUID().toString().replace("-", "");
    keys.select(table.keys().stream().map(functions::col).toArray(Column[]::new)).distinct().createOrReplaceTempView(view);
    try {
      String on = table.keys().stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
      Row metrics = spark.sql("MERGE INTO " + table.qualifiedName() + " t USING " + view + " s ON " + on
          + " WHEN MATCHED THEN DELETE").head();
      return metrics.getLong(metrics.fieldIndex("num_deleted_rows"));
    } finally {
      spark.catalog().dropTempView(view);
    }
  }

  /** Appends rows as they are; for tables whose rows are events (runs, funnel counts). */
  public static WriteResult append(SparkSession spark, Warehouse warehouse, TableDef table, Dataset<Row> rows) {
    ensure(spark, warehouse, table);
    Dataset<Row> conformed = conform(rows, table);
    long n = conformed.count();
    if (n == 0) {
      return new WriteResult(version(spark, warehouse, table), 0, 0);
    }
    conformed.write().format("delta").mode("append").save(warehouse.path(table));
    return new WriteResult(version(spark, warehouse, table), n, 0);
  }

  private static WriteResult merge(SparkSession spark, Warehouse warehouse, TableDef table, Dataset<Row> rows,
      boolean update) {
    if (table.keys().isEmpty()) {
      throw new IllegalArgumentException(table + " has no natural key to merge on");
    }
    ensure(spark, warehouse, table);
    String view = "lode_src_" + UUID.randomUUID().toString().replace("-", "");
    conform(rows, table).createOrReplaceTempView(view);
    try {
      String on = table.keys().stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
      String sql = "MERGE INTO " + table.qualifiedName() + " t USING " + view + " s ON " + on
          + (update ? " WHEN MATCHED THEN UPDATE SET *" : "")
          + " WHEN NOT MATCHED THEN INSERT *";
      Row metrics = spark.sql(sql).head();
      long updated = metrics.getLong(metrics.fieldIndex("num_updated_rows"));
      long inserted = metrics.getLong(metrics.fieldIndex("num_inserted_rows"));
      return new WriteResult(version(spark, warehouse, table), inserted, updated);
    } finally {
      spark.catalog().dropTempView(view);
    }
  }
}
