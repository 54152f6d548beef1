package dev.lode.lakehouse;

import dev.lode.config.LodeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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
    }
    conf.setAppName(appName)
        .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
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

  /** Creates the layer databases and registers every existing table of the catalogue under its name. */
  public static void register(SparkSession spark, Warehouse warehouse) {
    for (Layer layer : Layer.values()) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + layer.dbName() + " LOCATION '" + sqlString(warehouse.path(layer)) + "'");
    }
    for (TableDef table : Tables.all()) {
      if (DeltaTables.exists(spark, warehouse, table)) {
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

  /** The Hadoop file system holding {@code path}, for existence checks that work on any warehouse. */
  static FileSystem fileSystem(SparkSession spark, String path) {
    try {
      return new Path(path).getFileSystem(spark.sessionState().newHadoopConf());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sqlString(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }
}
