package dev.lode.lakehouse;

import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One warehouse in one Lode Spark session, with the configuration in effect: where a command reaches the tables
 * ({@link #table}, read-only) and where every stage runs ({@link #run}, the one place runs are recorded).
 */
public final class Lakehouse {
  private static final Logger LOG = LoggerFactory.getLogger(Lakehouse.class);

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final LodeConfig config;

  public Lakehouse(SparkSession spark, Warehouse warehouse, LodeConfig config) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.config = config;
  }

  /** Opens the Lode session ({@link LodeSession#open}) over {@code warehouse}. */
  public static Lakehouse open(LodeConfig config, Warehouse warehouse, String appName) {
    return new Lakehouse(LodeSession.open(config, warehouse, appName), warehouse, config);
  }

  public SparkSession spark() {
    return spark;
  }

  public Warehouse warehouse() {
    return warehouse;
  }

  public LodeConfig config() {
    return config;
  }

  /** The same warehouse and session under another configuration (e.g. a stage's own overrides). */
  public Lakehouse with(LodeConfig other) {
    return new Lakehouse(spark, warehouse, other);
  }

  /** A table to read (the latest version); writes go through a stage's run. */
  public Table table(TableDef def) {
    return new Table(spark, warehouse, def, null);
  }

  /**
   * Runs {@code stage} as one recorded run with id {@code runId} (shared by the stages of one {@code lode run}):
   * repair, pin, skip when nothing changed, run, record. A stage that throws is recorded as failed, with its error,
   * and the exception goes on.
   */
  public <R> StageOutcome<R> run(String runId, Stage<R> stage, String args) throws Exception {
    String key = stage.skipWhenUnchanged() ? inputsKey(stage) : null;
    StageRun run = new StageRun(this, runId, stage, args, key);
    try {
      stage.repair(run);
      run.pinReads(stage.reads());
      if (key != null) {
        String since = unchangedSince(stage, key, run.inputVersions());
        if (since != null) {
          LOG.info("{}: nothing it depends on changed since run {}; skipped", stage.name(), since);
          run.skipped(since);
          return new StageOutcome<>(runId, StageStatus.SKIPPED, null, since);
        }
      }
      R result = stage.run(run);
      return new StageOutcome<>(runId, run.status(), result, null);
    } catch (Exception | Error e) {
      run.failed(e);
      throw e;
    } finally {
      run.close();
    }
  }

  /**
   * The run whose results still stand when nothing {@code stage} depends on changed since it: the stage's last run
   * that did not fail was ok (or skipped), had the same inputs key, and left every table the stage reads at the
   * version it is at now (what it read, or what it wrote where it wrote what it reads). Null when something changed.
   */
  private String unchangedSince(Stage<?> stage, String key, Map<String, Long> now) {
    Table runs = table(Tables.OPS_RUNS);
    if (!runs.exists()) {
      return null;
    }
    List<Row> last = runs.read().where(functions.col("stage").equalTo(stage.name())
            .and(functions.col("status").isin("ok", "partial", "skipped")))
        .orderBy(functions.col("ended_at").desc()).limit(1).collectAsList();
    if (last.isEmpty()) {
      return null;
    }
    Row r = last.get(0);
    String status = r.getAs("status");
    if (status.equals("partial") || !key.equals(r.getAs("inputs_key"))) {
      return null;
    }
    Map<String, Long> inputs = r.getJavaMap(r.fieldIndex("input_versions"));
    Map<String, Long> outputs = r.getJavaMap(r.fieldIndex("output_versions"));
    for (Map.Entry<String, Long> e : now.entrySet()) {
      Long then = outputs.containsKey(e.getKey()) ? outputs.get(e.getKey()) : inputs.get(e.getKey());
      if (!e.getValue().equals(then)) {
        return null;
      }
    }
    String since = r.getAs("skipped_since");
    return since != null ? since : r.getAs("run_id");
  }

  private String inputsKey(Stage<?> stage) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (String section : stage.settings()) {
      sb.append(section).append('=').append(ConfigLoader.fingerprint(ConfigLoader.section(config, section)))
          .append('\n');
    }
    sb.append(stage.parameters()).append('\n').append(stage.externalInputs(this));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
  public Dataset<Row> overview() {
    List<Row> rows = new ArrayList<>();
    for (TableDef t : Tables.all()) {
      Table table = table(t);
      boolean exists = table.exists();
      rows.add(RowShape.of(OVERVIEW, "the table overview").row()
          .set("table", t.qualifiedName())
          .set("rows", exists ? table.read().count() : null)
          .set("version", exists ? table.version() : null)
          .set("path", table.path())
          .set("description", t.description())
          .build());
    }
    return spark.createDataFrame(rows, OVERVIEW);
  }
}
