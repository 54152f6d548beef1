package dev.lode.lakehouse;

import dev.lode.config.LodeConfig;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Opens the Spark session every Lode command runs in: Delta enabled, timestamps in UTC, and every table of the
 * catalogue that exists registered as {@code <layer>.<table>}.
 */
public final class LodeSession {
  private LodeSession() {}

  /**
   * Gets or creates the session. Under {@code spark-submit} the master it was given wins; otherwise
   * {@code spark.master} from the configuration is used (embedded mode).
   */
  public static SparkSession open(LodeConfig config, Warehouse warehouse, String appName) {
    SparkConf conf = new SparkConf(true); // picks up spark.* system properties set by spark-submit
    if (!conf.contains("spark.master")) {
      conf.setMaster(config.spark().master());
    }
    if (conf.get("spark.master").startsWith("local")) {
      // The embedded mode needs no network: bind the driver to loopback so that an offline laptop works.
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      // Delta rebuilds a table's state with 50 tasks by default: right for a cluster, seconds of overhead per table
      // read on a laptop. One task per local core is enough there.
      conf.setIfMissing("spark.databricks.delta.snapshotPartitions",
          Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())));
    }
    conf.setAppName(appName)
        .set("spark.sql.extensions", extensions())
        .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .set("spark.sql.catalogImplementation", "in-memory")
        .set("spark.sql.session.timeZone", "UTC")
        .set("spark.sql.warehouse.dir", warehouse.root())
        .set("spark.sql.shuffle.partitions", Integer.toString(config.spark().shufflePartitions()));
    for (Map.Entry<String, String> e : config.spark().conf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel(config.spark().logLevel());
    register(spark, warehouse);
    return spark;
  }

  /**
   * Spark session extensions every Lode session loads: Delta's, and Lode's SQL functions ({@code lode_language(path)},
   * {@code lode_is_test(path)}, …) when the udfs jar is on the classpath (it always is for {@code lode}; a bare
   * lakehouse test has only Delta).
   */
  static String extensions() {
    String delta = "io.delta.sql.DeltaSparkSessionExtension";
    try {
      Class.forName(LODE_SQL_EXTENSION, false, LodeSession.class.getClassLoader());
      return delta + "," + LODE_SQL_EXTENSION;
    } catch (ClassNotFoundException e) {
      return delta;
    }
  }

  /** The {@code spark.sql.extensions} class that registers Lode's row-level functions as Spark SQL functions. */
  public static final String LODE_SQL_EXTENSION = "dev.lode.sql.LodeSqlExtensions";

  /** Creates the layer databases and registers every existing table of the catalogue under its name. */
  public static void register(SparkSession spark, Warehouse warehouse) {
    for (Layer layer : Layer.values()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.dbName() + " LOCATION '" + sqlString(warehouse.path(layer)) + "'");
    }
    for (TableDef table : Tables.all()) {
      if (new Table(spark, warehouse, table, null).exists()) {
        registerOne(spark, warehouse, table);
      }
    }
  }

  static void registerOne(SparkSession spark, Warehouse warehouse, TableDef table) {
    if (!spark.catalog().tableExists(table.qualifiedName())) {
      spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualifiedName() + " USING delta LOCATION '"
          + sqlString(warehouse.path(table)) + "'");
    }
  }

  static String sqlString(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }
}
