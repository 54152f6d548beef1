package dev.lode.jobs.train;

import static org.apache.spark.sql.functions.col;

import dev.lode.config.ConfigLoader;
import dev.lode.config.TrainConfig;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.StageRun;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import dev.lode.train.registry.PromotionGates.DevPoint;
import dev.lode.train.sft.ExampleSource;
import dev.lode.train.sft.Trainer;
import dev.lode.train.sft.TrainingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lode train sft}: LoRA adapters trained straight from gold.examples. The stage pins the Delta version of
 * gold.examples it reads, takes the train split of one gold round (replayed rows of earlier rounds included, as gold
 * mixed them; eval-only rows never), narrowed by a SQL predicate, and streams it to the trainer; with
 * {@code --per language|task} it trains one adapter per language (task) holding at least {@code train.min_rows}
 * rows. Each adapter is registered in ops.adapters as a new version with its lineage (table, Delta version,
 * predicate, round, rows), base (path and sha256), settings and training metrics; every step lands in
 * ops.train_metrics and every skipped record, counted by reason, in ops.train_skips.
 */
public final class TrainJob implements Stage<TrainJob.Summary> {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  /** One adapter, or one per language, or one per task. */
  public enum Per { ALL, LANGUAGE, TASK }

  /** What to train: adapter name, predicate (may be null), round (latest or N), a user's base (may be null). */
  public record Request(String adapter, String where, String round, Path baseDir, Per per) {
    public Request {
      new AdapterRef(adapter, null); // checks the name
      where = where == null || where.isBlank() ? null : where.strip();
      round = round == null ? "latest" : round;
      per = per == null ? Per.ALL : per;
    }
  }

  /** One adapter to train: its name, scope (null for all rows) and the rows it will read. */
  public record Target(String name, String scope, long rows) {}

  /** What a request resolves to at one gold version: checked before anything is written. */
  public record Plan(int round, long goldVersion, BaseModel base, List<Target> targets) {}

  /** One adapter trained. */
  public record Trained(String adapterId, String scope, Path path, long rows, long replayRows, int steps,
      double trainLoss, List<DevPoint> devLosses, Map<String, Long> skips, double tokensPerSecond) {}

  public record Summary(Plan plan, List<Trained> adapters) {}

  private final Request request;

  public TrainJob(Request request) {
    this.request = request;
  }

  @Override
  public String name() {
    return "train";
  }

  @Override
  public List<TableDef> reads() {
    return List.of(Tables.GOLD_EXAMPLES, Tables.OPS_MODELS);
  }

  @Override
  public List<TableDef> writes() {
    return List.of(Tables.OPS_ADAPTERS, Tables.OPS_TRAIN_METRICS, Tables.OPS_TRAIN_SKIPS);
  }

  @Override
  public List<String> settings() {
    return List.of("train");
  }

  @Override
  public String parameters() {
    return request.toString();
  }

  @Override
  public String externalInputs(Lakehouse lakehouse) throws Exception {
    return request.baseDir() == null ? "" : BaseModel.user(request.baseDir()).sha256();
  }

  /**
   * Resolves {@code request} against gold.examples {@code examples} (at version {@code goldVersion}): the round,
   * the base, the adapters and their rows. Every refusal is an {@link IllegalArgumentException} naming the input: no
   * complete round, a predicate that does not parse or selects nothing, no language with enough rows, a missing or
   * tampered base.
   */
  public static Plan plan(Lakehouse lakehouse, Dataset<Row> examples, long goldVersion, Dataset<Row> runs,
      Request request) throws Exception {
    int round = GoldExamples.round(examples, runs, request.round());
    Dataset<Row> train = GoldExamples.select(examples, round, "train", null, request.where());
    String what = "the train split of gold round " + round + " (gold.examples version " + goldVersion + ")"
        + (request.where() == null ? "" : " with --where \"" + request.where() + "\"");
    List<Target> targets = new ArrayList<>();
    if (request.per() == Per.ALL) {
      long n = train.count();
      if (n == 0) {
        throw new IllegalArgumentException(what + " selects no rows");
      }
      targets.add(new Target(request.adapter(), null, n));
    } else {
      String column = request.per() == Per.LANGUAGE ? "language" : "task";
      int min = lakehouse.config().train().minRows();
      Map<String, Long> counts = new LinkedHashMap<>();
      for (Row r : train.where(col(column).isNotNull()).groupBy(column).count().orderBy(column).collectAsList()) {
        counts.put(r.getString(0), r.getLong(1));
      }
      counts.forEach((value, n) -> {
        if (n >= min) {
          targets.add(new Target(request.adapter() + "-" + value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+",
              "-"), column + "=" + value, n));
        }
      });
      if (targets.isEmpty()) {
        throw new IllegalArgumentException(what + " has no " + column + " with at least train.min_rows = " + min
            + " rows (counts: " + counts + ")");
      }
    }
    BaseModel base = request.baseDir() != null ? BaseModel.user(request.baseDir())
        : BaseModel.embedded(lakehouse, round);
    return new Plan(round, goldVersion, base, targets);
  }

  @Override
  public Summary run(StageRun run) throws Exception {
    var gold = run.table(Tables.GOLD_EXAMPLES);
    Dataset<Row> examples = gold.read();
    long goldVersion = run.inputVersions().get(Tables.GOLD_EXAMPLES.qualifiedName());
    Plan plan = plan(run.lakehouse(), examples, goldVersion, run.runs(), request);
    TrainConfig train = run.config().train();
    Artifacts artifacts = new Artifacts(run.warehouse());
    AdapterRegistry registry = new AdapterRegistry(run.lakehouse());
    List<Trained> done = new ArrayList<>();
    for (Target t : plan.targets()) {
      String scopeSql = t.scope() == null ? null : EvalResults.scopeSql(t.scope());
      Dataset<Row> rows = GoldExamples.select(examples, plan.round(), "train", scopeSql, request.where());
      Dataset<Row> dev = GoldExamples.select(examples, plan.round(), "dev", scopeSql, request.where());
      int version = registry.nextVersion(t.name());
      String id = AdapterRef.id(t.name(), version);
      long replay = rows.where(col("replay_of").isNotNull()).count();
      LOG.info("train {}: {} rows of gold round {} (version {}), {} replayed; base {}", id, t.rows(), plan.round(),
          goldVersion, replay, plan.base().id());
      ExampleSource source = GoldExamples.source(rows, "gold.examples@" + goldVersion + " round " + plan.round()
          + " train" + (t.scope() == null ? "" : " " + t.scope()));
      Dataset<Row> devSample = dev.orderBy("example_id").limit(train.evalRows());
      ExampleSource devSource = devSample.isEmpty() ? null : GoldExamples.source(devSample,
          "gold.examples@" + goldVersion + " round " + plan.round() + " dev");
      Path staging = artifacts.staging("adapter");
      try {
        TrainingRecorder recorder = new TrainingRecorder();
        Trainer.Result r = TrainingJob.sft(plan.base().path(), source, devSource, staging, train, false, System.err,
            recorder);
        Path dest = artifacts.adapter(t.name(), version);
        Files.createDirectories(dest.getParent());
        Files.move(staging, dest, StandardCopyOption.ATOMIC_MOVE);
        BaseJob.deleteCheckpointsIn(dest);
        String sha = Artifacts.sha256(dest.resolve(Artifacts.ADAPTER_WEIGHTS));
        double trainLoss = r.losses().get(r.losses().size() - 1);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", trainLoss);
        List<DevPoint> devLosses = recorder.devLosses();
        if (!devLosses.isEmpty()) {
          metrics.put("dev_loss_first", devLosses.get(0).loss());
          metrics.put("dev_loss_last", devLosses.get(devLosses.size() - 1).loss());
        }
        metrics.put("tokens_per_s", r.tokensPerSecond());
        Integer parent = registry.production(t.name()).map(p -> p.<Integer>getAs("version")).orElse(null);
        var adapters = run.table(Tables.OPS_ADAPTERS);
        adapters.insertNew(adapters.frame(List.of(Tables.OPS_ADAPTERS.newRow().set("adapter_id", id)
            .set("name", t.name()).set("version", version).set("status", AdapterRegistry.TRAINED)
            .set("scope", t.scope()).set("base_path", plan.base().path().toString())
            .set("base_sha256", plan.base().sha256()).set("base_kind", plan.base().kind())
            .set("source_table", Tables.GOLD_EXAMPLES.qualifiedName()).set("source_version", goldVersion)
            .set("predicate", request.where()).set("round", plan.round()).set("row_count", t.rows())
            .set("replay_rows", replay)
            .set("hyperparameters", ConfigLoader.toJson(train))
            .set("metrics", metrics).set("path", dest.toString()).set("adapter_sha256", sha)
            .set("parent_version", parent).set("run_id", run.runId())
            .set("created_at", Timestamp.from(Instant.now())).build())));
        recorder.write(run, id, r.skips().byReason(), r.skips().firstIds());
        run.count(id + ".rows", t.rows());
        done.add(new Trained(id, t.scope(), dest, t.rows(), replay, r.steps(), trainLoss, devLosses,
            r.skips().byReason(),
            r.tokensPerSecond()));
      } finally {
        BaseJob.deleteTree(staging);
      }
    }
    return new Summary(plan, done);
  }
}
