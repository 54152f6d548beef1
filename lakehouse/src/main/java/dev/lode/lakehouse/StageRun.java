package dev.lode.lakehouse;

import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * One stage run, recorded as one row of {@code ops.runs} when it closes: the Delta versions it read and wrote, its
 * counts and how it ended. Read inputs through {@link #read} so the version read is both pinned and recorded.
 *
 * <pre>{@code
 * Summary s = StageRun.record(spark, warehouse, config, runId, "curate", args, run -> {
 *   Dataset<Row> commits = run.read(Tables.BRONZE_COMMITS);
 *   ...
 *   run.wrote(Tables.SILVER_EXAMPLES, DeltaTables.mergeNew(...));
 *   run.count("kept", kept);
 *   return summary;
 * }); // a body that throws is recorded as failed, with its error, and the exception goes on
 * }</pre>
 */
public final class StageRun implements AutoCloseable {
  /** Environment variable carrying the run id shared by the stages of one {@code lode run}. */
  public static final String RUN_ID_ENV = "LODE_RUN_ID";

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final String runId;
  private final String stage;
  private final String args;
  private final String fingerprint;
  private final Instant started = Instant.now();
  private final Map<String, Long> inputs = new LinkedHashMap<>();
  private final Map<String, Long> outputs = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private String status = null;
  private String error = null;

  private StageRun(SparkSession spark, Warehouse warehouse, LodeConfig config, String runId, String stage, String args) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.runId = runId;
    this.stage = stage;
    this.args = args;
    this.fingerprint = ConfigLoader.fingerprint(config);
  }

  /** Starts a run of {@code stage} with the given run id (see {@link #newRunId()}). */
  public static StageRun start(SparkSession spark, Warehouse warehouse, LodeConfig config, String runId, String stage,
      String args) {
    return new StageRun(spark, warehouse, config, runId, stage, args);
  }

  /** The work of one stage run. */
  @FunctionalInterface
  public interface Body<T> {
    T apply(StageRun run) throws Exception;
  }

  /** Runs {@code body} as one recorded stage run: ok, partial (if it says so) or failed (if it throws). */
  public static <T> T record(SparkSession spark, Warehouse warehouse, LodeConfig config, String runId, String stage,
      String args, Body<T> body) throws Exception {
    StageRun run = start(spark, warehouse, config, runId, stage, args);
    try {
      return body.apply(run);
    } catch (Exception | Error e) {
      run.failed(e);
      throw e;
    } finally {
      run.close();
    }
  }

  /** {@code LODE_RUN_ID} when set, else a new id like {@code 20261121-233922-4f1a}. */
  public static String newRunId() {
    String env = System.getenv(RUN_ID_ENV);
    if (env != null && !env.isBlank()) {
      return env;
    }
    return ID_TIME.format(Instant.now()) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  public String runId() {
    return runId;
  }

  public String stage() {
    return stage;
  }

  /** Reads {@code table} at its current version, pins that version for this run and records it as an input. */
  public Dataset<Row> read(TableDef table) {
    long version = DeltaTables.version(spark, warehouse, table);
    inputs.put(table.qualifiedName(), version);
    return DeltaTables.readAt(spark, warehouse, table, version);
  }

  /** Records that this run wrote {@code table}, leaving it at the result's version. */
  public void wrote(TableDef table, DeltaTables.WriteResult result) {
    outputs.put(table.qualifiedName(), result.version());
    counts.merge(table.qualifiedName() + ".inserted", result.inserted(), Long::sum);
    if (result.updated() > 0) {
      counts.merge(table.qualifiedName() + ".updated", result.updated(), Long::sum);
    }
  }

  /** Records a named count (e.g. {@code commits}, {@code repos_failed}). */
  public void count(String name, long value) {
    counts.put(name, value);
  }

  /** The run finished but part of its input failed (recorded where it failed); {@code error} says what. */
  public void partial(String error) {
    this.status = "partial";
    this.error = error;
  }

  /** The run failed; recorded when it closes. */
  public void failed(Throwable t) {
    this.status = "failed";
    this.error = t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  public Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  /** Appends this run's row to {@code ops.runs}. A run not marked partial or failed is ok. */
  @Override
  public void close() {
    Row row = RowFactory.create(runId, stage, Timestamp.from(started), Timestamp.from(Instant.now()),
        status == null ? "ok" : status, scalaMap(inputs), scalaMap(outputs), scalaMap(counts), fingerprint, args,
        error);
    DeltaTables.append(spark, warehouse, Tables.OPS_RUNS, spark.createDataFrame(List.of(row), Tables.OPS_RUNS.schema()));
  }

  private static scala.collection.Map<String, Long> scalaMap(Map<String, Long> m) {
    return JavaConverters.mapAsScalaMap(new LinkedHashMap<>(m));
  }
}
