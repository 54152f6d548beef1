package dev.lode.lakehouse;

import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One run of one {@link Stage}, recorded as one row of {@code ops.runs} when it closes: the Delta versions it read
 * (pinned when it started) and wrote, its counts and how it ended. A stage reaches its tables through
 * {@link #table}, which reads at the pinned version and records every write. Runs are started by
 * {@link Lakehouse#run} only.
 */
public final class StageRun {
  /** Environment variable carrying the run id shared by the stages of one {@code lode run}. */
  public static final String RUN_ID_ENV = "LODE_RUN_ID";

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Lakehouse lakehouse;
  private final String runId;
  private final String stage;
  private final String args;
  private final String inputsKey;
  private final Set<TableDef> reads;
  private final Set<TableDef> writes;
  private final Instant started = Instant.now();
  private final Map<String, Long> inputs = new LinkedHashMap<>();
  private final Map<String, Long> outputs = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private StageStatus status = StageStatus.OK;
  private boolean failed;
  private String error;
  private String skippedSince;

  StageRun(Lakehouse lakehouse, String runId, Stage<?> stage, String args, String inputsKey) {
    this.lakehouse = lakehouse;
    this.runId = runId;
    this.stage = stage.name();
    this.args = args;
    this.inputsKey = inputsKey;
    this.reads = new HashSet<>(stage.reads());
    this.writes = new HashSet<>(stage.writes());
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

  public Lakehouse lakehouse() {
    return lakehouse;
  }

  public SparkSession spark() {
    return lakehouse.spark();
  }

  public Warehouse warehouse() {
    return lakehouse.warehouse();
  }

  public LodeConfig config() {
    return lakehouse.config();
  }

  /** A table this stage declared, read at its pinned version; writes are recorded in this run. */
  public Table table(TableDef def) {
    if (!reads.contains(def) && !writes.contains(def)) {
      throw new IllegalStateException("stage " + stage + " uses " + def + " without declaring it in reads() or "
          + "writes()");
    }
    return new Table(spark(), warehouse(), def, this);
  }

  /**
   * The run records of ops.runs as they are now: bookkeeping (which gold round completed, which adapter trained),
   * never a data input, so it is not pinned and does not stop a rerun from being skipped.
   */
  public Dataset<Row> runs() {
    return lakehouse.table(Tables.OPS_RUNS).read();
  }

  /** Records a named count (e.g. {@code commits}, {@code repos_failed}). */
  public void count(String name, long value) {
    counts.put(name, value);
  }

  public Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  /** The run finished but part of its input failed (recorded where it failed); {@code error} says what. */
  public void partial(String error) {
    this.status = StageStatus.PARTIAL;
    this.error = error;
  }

  /** The versions pinned so far (table → version, -1 for a table that did not exist). */
  public Map<String, Long> inputVersions() {
    return Map.copyOf(inputs);
  }

  // ---------------------------------------------------------------- for Lakehouse and Table

  /** Pins the current version of every table the stage reads. */
  void pinReads(List<TableDef> tables) {
    for (TableDef t : tables) {
      inputs.put(t.qualifiedName(), new Table(spark(), warehouse(), t, null).version());
    }
  }

  long pinned(TableDef def) {
    Long v = inputs.get(def.qualifiedName());
    if (v == null) {
      throw new IllegalStateException("stage " + stage + " reads " + def + " without declaring it in reads()");
    }
    return v;
  }

  void checkDeclared(TableDef def, boolean readOrWrite) {
    if (writes.contains(def) || (readOrWrite && reads.contains(def))) {
      return;
    }
    throw new IllegalStateException("stage " + stage + (readOrWrite ? " uses " : " writes ") + def
        + " without declaring it in " + (readOrWrite ? "reads() or writes()" : "writes()"));
  }

  void wrote(TableDef table, Table.WriteResult result) {
    outputs.put(table.qualifiedName(), result.version());
    add(table.qualifiedName() + ".inserted", result.inserted());
    if (result.updated() > 0) {
      add(table.qualifiedName() + ".updated", result.updated());
    }
    if (result.deleted() > 0) {
      add(table.qualifiedName() + ".deleted", result.deleted());
    }
  }

  private void add(String name, long n) {
    counts.merge(name, n, Long::sum);
  }

  void skipped(String since) {
    status = StageStatus.SKIPPED;
    skippedSince = since;
  }

  void failed(Throwable t) {
    failed = true;
    error = t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  StageStatus status() {
    return status;
  }

  /** Appends this run's row to {@code ops.runs}. */
  void close() {
    String word = failed ? "failed" : status.word();
    Table runs = new Table(spark(), warehouse(), Tables.OPS_RUNS, null);
    runs.appendRows(runs.frame(List.of(Tables.OPS_RUNS.newRow()
        .set("run_id", runId)
        .set("stage", stage)
        .set("started_at", Timestamp.from(started))
        .set("ended_at", Timestamp.from(Instant.now()))
        .set("status", word)
        .set("input_versions", inputs)
        .set("output_versions", outputs)
        .set("row_counts", counts)
        .set("config_fingerprint", ConfigLoader.fingerprint(config()))
        .set("inputs_key", inputsKey)
        .set("skipped_since", skippedSince)
        .set("args", args)
        .set("error", error)
        .build())));
  }
}
