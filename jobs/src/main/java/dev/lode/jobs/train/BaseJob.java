package dev.lode.jobs.train;

import static org.apache.spark.sql.functions.col;

import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import dev.lode.config.TrainConfig;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.StageRun;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import dev.lode.train.base.BaseModelInitializer;
import dev.lode.train.sft.DocumentSource;
import dev.lode.train.sft.Trainer;
import dev.lode.train.sft.TrainingJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lode train base}: when the user brings no base model, Lode makes one from the lakehouse: a byte-level BPE
 * tokenizer and the {@code train.base.preset} model pretrained (every weight) on the code of the commits before the
 * latest gold round's train cutoff ({@link LakehouseCode}), for {@code train.base.steps} steps. The model directory
 * is written once under the warehouse's artifacts and recorded in {@code ops.models} with the sha256 of its
 * weights; a round whose base already exists reuses it.
 */
public final class BaseJob implements Stage<BaseJob.Summary> {
  private static final Logger LOG = LoggerFactory.getLogger(BaseJob.class);

  /** What the stage made (or found): the model and what it learned from. */
  public record Summary(String modelId, Path path, boolean reused, long files, long chars, int steps,
      double finalLoss, double tokensPerSecond, Timestamp cutoff, int round) {}

  @Override
  public String name() {
    return "base";
  }

  @Override
  public List<TableDef> reads() {
    return List.of(Tables.GOLD_EXAMPLES, Tables.BRONZE_FILE_CHANGES, Tables.BRONZE_COMMITS);
  }

  @Override
  public List<TableDef> writes() {
    return List.of(Tables.OPS_MODELS, Tables.OPS_TRAIN_METRICS, Tables.OPS_TRAIN_SKIPS);
  }

  @Override
  public List<String> settings() {
    return List.of("train.base");
  }

  @Override
  public Summary run(StageRun run) throws Exception {
    Dataset<Row> examples = run.table(Tables.GOLD_EXAMPLES).read();
    int round = GoldExamples.round(examples, run.runs(), "latest");
    Timestamp cutoff = GoldExamples.cutoff(examples, round);
    LodeConfig config = run.config();
    TrainConfig.Base base = config.train().base();
    Row existing = existing(run, base.preset(), round, cutoff);
    if (existing != null) {
      LOG.info("base: round {} already has {}", round, existing.<String>getAs("model_id"));
      return new Summary(existing.getAs("model_id"), Path.of(existing.<String>getAs("path")), true,
          existing.getAs("files"), existing.getAs("chars"), existing.getAs("steps"), existing.getAs("final_loss"), 0,
          cutoff, round);
    }
    Dataset<Row> code = LakehouseCode.before(run.table(Tables.BRONZE_FILE_CHANGES).read(),
        run.table(Tables.BRONZE_COMMITS).read(), cutoff, base).select("repo_id", "sha", "path", "text").cache();
    long[] totals = totals(code, base.lakehouseMaxBytes());
    if (totals[0] == 0) {
      throw new IllegalArgumentException(Tables.BRONZE_FILE_CHANGES.qualifiedName() + " holds no text content of "
          + "commits before " + cutoff + " (gold round " + round + "'s train cutoff) to pretrain a base on");
    }
    Artifacts artifacts = new Artifacts(run.warehouse());
    Path staging = artifacts.staging("base");
    try {
      Path init = staging.resolve("init");
      DocumentSource docs = documents(code, base.lakehouseMaxBytes(),
          "code of " + totals[0] + " files before " + cutoff);
      BaseModelInitializer.create(docs, base, config.train().seed(), init);
      TrainConfig train = ConfigLoader.overlay(config, List.of("train.steps=" + base.steps(), "train.lr=" + base.lr(),
          "train.batch_size=" + base.batchSize(), "train.seq_len=" + base.seqLen(), "train.eval_every=0",
          "train.packing=causal")).train();
      Path trained = staging.resolve("model");
      String provisional = base.preset() + "-r" + round;
      TrainingRecorder recorder = new TrainingRecorder();
      Trainer.Result r = TrainingJob.base(init, docs, trained, train, false, System.err, recorder);
      String sha = Artifacts.sha256(trained.resolve(Artifacts.MODEL_WEIGHTS));
      String modelId = provisional + "-" + sha.substring(0, 12);
      Path dest = artifacts.model(modelId);
      Files.createDirectories(dest.getParent());
      Files.move(trained, dest, StandardCopyOption.ATOMIC_MOVE);
      deleteCheckpointsIn(dest);
      double finalLoss = r.losses().get(r.losses().size() - 1);
      var models = run.table(Tables.OPS_MODELS);
      models.insertNew(models.frame(List.of(Tables.OPS_MODELS.newRow().set("model_id", modelId)
          .set("preset", base.preset()).set("path", dest.toString()).set("sha256", sha).set("round", round)
          .set("cutoff", cutoff).set("source_version", run.inputVersions().get(
              Tables.BRONZE_FILE_CHANGES.qualifiedName()))
          .set("files", totals[0]).set("chars", totals[1]).set("steps", r.steps()).set("final_loss", finalLoss)
          .set("run_id", run.runId()).set("created_at", Timestamp.from(Instant.now())).build())));
      recorder.write(run, modelId, r.skips().byReason(), r.skips().firstIds());
      run.count("base_files", totals[0]);
      run.count("base_steps", r.steps());
      return new Summary(modelId, dest, false, totals[0], totals[1], r.steps(), finalLoss, r.tokensPerSecond(),
          cutoff, round);
    } finally {
      deleteTree(staging);
      code.unpersist();
    }
  }

  /** The ops.models row of a base already made for this preset, round and cutoff, whose files are intact. */
  private static Row existing(StageRun run, String preset, int round, Timestamp cutoff) throws IOException {
    var models = run.lakehouse().table(Tables.OPS_MODELS);
    if (!models.exists()) {
      return null;
    }
    List<Row> rows = models.current().where(col("preset").equalTo(preset).and(col("round").equalTo(round))
        .and(col("cutoff").equalTo(cutoff))).orderBy(col("created_at").desc()).collectAsList();
    for (Row r : rows) {
      Path p = Path.of(r.<String>getAs("path"));
      if (Files.isRegularFile(p.resolve(Artifacts.MODEL_WEIGHTS))) {
        Artifacts.verify("base " + r.getAs("model_id"), p, Artifacts.MODEL_WEIGHTS, r.getAs("sha256"));
        return r;
      }
    }
    return null;
  }

  /** Files and characters within the byte budget (0: none), counted once before training. */
  private static long[] totals(Dataset<Row> code, long maxBytes) {
    long files = 0;
    long chars = 0;
    Iterator<Row> it = code.select("text").toLocalIterator();
    while (it.hasNext() && (maxBytes == 0 || chars < maxBytes)) {
      chars += it.next().getString(0).length();
      files++;
    }
    return new long[] {files, chars};
  }

  /** The code as documents, streamed (re-opened per epoch), stopping at the byte budget. */
  public static DocumentSource documents(Dataset<Row> code, long maxBytes, String describe) {
    return DocumentSource.of(describe, () -> {
      Iterator<Row> it = code.toLocalIterator();
      return new Iterator<DocumentSource.Document>() {
        long chars;

        @Override
        public boolean hasNext() {
          return it.hasNext() && (maxBytes == 0 || chars < maxBytes);
        }

        @Override
        public DocumentSource.Document next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row r = it.next();
          String text = r.getAs("text");
          chars += text.length();
          return new DocumentSource.Document(r.getAs("repo_id") + ":" + r.getAs("sha") + ":" + r.getAs("path"),
              text);
        }
      };
    });
  }

  static void deleteCheckpointsIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("checkpoint-")).toList()) {
        deleteTree(p);
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
