package dev.lode.jobs.train;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.cli.Lode;
import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import dev.lode.jobs.Flow;
import dev.lode.jobs.TestLakehouse;
import dev.lode.jobs.gold.GoldJob;
import dev.lode.jobs.gold.SilverFixtures;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.StageStatus;
import dev.lode.lakehouse.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model half of the flow on a lakehouse built in code: a real gold round over curated fixture commits, a base
 * pretrained on their code before the round's cutoff, adapters trained straight from gold.examples, evaluated,
 * promoted through the gates, rolled back, traced to their commits, and the whole model flow run twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainStageTest {
  @TempDir static Path dir;
  static Lakehouse lakehouse;
  static Path warehouseDir;
  static final int COMMITS = 40;
  static final List<String> SETS = List.of("spark.master=local[2]", "spark.shuffle_partitions=2",
      "gold.gates.min_train_rows=20", "gold.gates.min_dev_rows=3", "gold.gates.min_test_rows=3",
      "gold.token_budget=2048", "train.steps=4", "train.batch_size=1", "train.seq_len=2048", "train.eval_every=2",
      "train.eval_rows=3", "train.checkpoint_every=0", "train.lr=0.003", "train.warmup_steps=0",
      "train.base.steps=3", "train.base.batch_size=2", "train.base.seq_len=128", "train.base.lakehouse_max_files=60",
      "eval.max_rows=3", "eval.generate=2", "eval.max_new_tokens=6", "gates.sft.embedded.beats_base=false",
      "gates.sft.embedded.dev_loss_decreasing=false");

  static LodeConfig config(String... more) {
    List<String> all = new ArrayList<>(SETS);
    all.addAll(List.of(more));
    return ConfigLoader.load(null, all);
  }

  @BeforeAll
  static void goldRound() throws Exception {
    warehouseDir = dir.resolve("wh");
    lakehouse = TestLakehouse.open(warehouseDir, "TrainStageTest", config());
    List<Row> silver = new ArrayList<>();
    List<Row> trees = new ArrayList<>();
    for (int i = 0; i < COMMITS; i++) {
      silver.add(SilverFixtures.commit(i, 6));
      trees.add(SilverFixtures.tree(i, 6));
    }
    List<Row> commits = new ArrayList<>();
    List<Row> files = new ArrayList<>();
    for (Row s : SilverFixtures.examples(lakehouse.spark(), silver).collectAsList()) { // rows with their schema
      commits.add(TrainFixtures.commit(s));
      files.addAll(TrainFixtures.fileChanges(s));
    }
    var spark = lakehouse.spark();
    TestLakehouse.insert(lakehouse, Tables.SILVER_EXAMPLES, SilverFixtures.examples(spark, silver));
    TestLakehouse.insert(lakehouse, Tables.BRONZE_TREES, SilverFixtures.trees(spark, trees));
    TestLakehouse.insert(lakehouse, Tables.BRONZE_COMMITS,
        spark.createDataFrame(commits, Tables.BRONZE_COMMITS.schema()));
    TestLakehouse.insert(lakehouse, Tables.BRONZE_FILE_CHANGES,
        spark.createDataFrame(files, Tables.BRONZE_FILE_CHANGES.schema()));
    assertEquals(1, TestLakehouse.run(lakehouse, new GoldJob()).result().round());
  }

  @AfterAll
  static void close() {
    lakehouse.spark().stop();
  }

  static Dataset<Row> gold() {
    return lakehouse.table(Tables.GOLD_EXAMPLES).current();
  }

  static Row adapter(String id) {
    return new AdapterRegistry(lakehouse).require(AdapterRef.parse(id));
  }

  @Test
  @Order(1)
  void theBaseLearnsOnlyFromCodeOfCommitsBeforeTheRoundsTrainCutoff() throws Exception {
    Timestamp cutoff = GoldExamples.cutoff(gold(), 1);
    Set<String> devOrTest = new HashSet<>();
    for (Row r : gold().where(col("split").isin("dev", "test")).select("sha").distinct().collectAsList()) {
      devOrTest.add(r.getString(0));
    }
    assertFalse(devOrTest.isEmpty());
    Dataset<Row> code = LakehouseCode.before(lakehouse.table(Tables.BRONZE_FILE_CHANGES).current(),
        lakehouse.table(Tables.BRONZE_COMMITS).current(), cutoff, lakehouse.config().train().base());
    List<Row> read = code.collectAsList();
    assertFalse(read.isEmpty());
    for (Row r : read) {
      assertTrue(r.<Timestamp>getAs("commit_time").before(cutoff), r.toString());
      assertFalse(devOrTest.contains(r.<String>getAs("sha")), "a dev/test commit's code reached the base: " + r);
    }
    // every file of an earlier commit is there: the cutoff, not chance, decides
    long earlier = lakehouse.table(Tables.BRONZE_FILE_CHANGES).current().join(
        lakehouse.table(Tables.BRONZE_COMMITS).current().where(col("commit_time").lt(cutoff)).select("repo_id", "sha"),
        SilverFixtures.seqOf("repo_id", "sha")).count();
    assertEquals(earlier, read.size());

    BaseJob.Summary base = TestLakehouse.run(lakehouse, new BaseJob()).result();
    assertFalse(base.reused());
    Row model = lakehouse.table(Tables.OPS_MODELS).current().head();
    assertEquals(base.modelId(), model.getAs("model_id"));
    assertEquals(Artifacts.sha256(base.path().resolve(Artifacts.MODEL_WEIGHTS)), model.getAs("sha256"));
    assertEquals(cutoff, model.getAs("cutoff"));
    assertEquals(read.size(), model.<Long>getAs("files"));
    assertEquals(3L, lakehouse.table(Tables.OPS_TRAIN_METRICS).current()
        .where(col("target").equalTo(base.modelId())).count());
  }

  @Test
  @Order(2)
  void anAdapterTrainsStraightFromGoldAndItsRegistryRowNamesThePinnedVersion() throws Exception {
    long goldVersion = lakehouse.table(Tables.GOLD_EXAMPLES).version();
    TrainJob.Summary s = TestLakehouse.run(lakehouse,
        new TrainJob(new TrainJob.Request("t", null, "latest", null, TrainJob.Per.ALL))).result();
    assertEquals(1, s.adapters().size());
    Row a = adapter("t@1");
    assertEquals(AdapterRegistry.TRAINED, a.getAs("status"));
    assertEquals(goldVersion, a.<Long>getAs("source_version"));
    assertEquals("gold.examples", a.getAs("source_table"));
    long trainRows = gold().where("round = 1 AND split = 'train' AND NOT eval_only").count();
    assertEquals(trainRows, a.<Long>getAs("row_count"));
    assertEquals(gold().where("round = 1 AND split = 'train' AND replay_of IS NOT NULL").count(),
        a.<Long>getAs("replay_rows"));
    Path dirOf = Path.of(a.<String>getAs("path"));
    assertTrue(Files.isRegularFile(dirOf.resolve("adapter_config.json")));
    assertEquals(Artifacts.sha256(dirOf.resolve(Artifacts.ADAPTER_WEIGHTS)), a.getAs("adapter_sha256"));
    List<Row> steps = lakehouse.table(Tables.OPS_TRAIN_METRICS).current().where(col("target").equalTo("t@1"))
        .orderBy("step").collectAsList();
    assertEquals(4, steps.size());
    assertEquals(List.of(2, 4), steps.stream().filter(r -> !r.isNullAt(r.fieldIndex("dev_loss")))
        .map(r -> r.<Integer>getAs("step")).toList());
  }

  @Test
  @Order(3)
  void perLanguageTrainsOneAdapterForEachLanguageWithEnoughRows() throws Exception {
    Lakehouse two = lakehouse.with(config("train.steps=1", "train.eval_every=0", "train.min_rows=5"));
    TrainJob.Summary s = TestLakehouse.run(two, new TrainJob(new TrainJob.Request("lang",
        "language IN ('python', 'java')", "latest", null, TrainJob.Per.LANGUAGE))).result();
    assertEquals(List.of("lang-java@1", "lang-python@1"),
        s.adapters().stream().map(TrainJob.Trained::adapterId).sorted().toList());
    for (String language : List.of("java", "python")) {
      Row a = adapter("lang-" + language + "@1");
      assertEquals("language=" + language, a.getAs("scope"));
      assertEquals(gold().where("round = 1 AND split = 'train' AND NOT eval_only AND language = '" + language + "'")
          .count(), a.<Long>getAs("row_count"));
    }
  }

  @Test
  @Order(4)
  void badRequestsAreOneLineErrorsWithExitCodeTwoAndWriteNothing() throws Exception {
    long runs = lakehouse.table(Tables.OPS_RUNS).current().count();
    long adapters = lakehouse.table(Tables.OPS_ADAPTERS).current().count();
    String wh = warehouseDir.toString();
    String[] sets = SETS.stream().flatMap(s -> java.util.stream.Stream.of("--set", s)).toArray(String[]::new);
    for (String[] args : List.of(
        new String[] {"train", "sft", "--warehouse", wh, "--where", "language = ("},
        new String[] {"train", "sft", "--warehouse", wh, "--where", "no_such_column = 1"},
        new String[] {"train", "sft", "--warehouse", wh, "--where", "language = 'cobol'"},
        new String[] {"train", "sft", "--warehouse", wh, "--base", dir.resolve("nowhere").toString()},
        new String[] {"train", "sft", "--warehouse", wh, "--round", "7"},
        new String[] {"eval", "--warehouse", wh, "nosuch@1"})) {
      String[] full = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(sets))
          .toArray(String[]::new);
      assertEquals(2, Lode.execute(full), String.join(" ", args));
    }
    assertThrows(IllegalArgumentException.class, () -> TrainJob.plan(lakehouse, gold(), 0,
        lakehouse.table(Tables.OPS_RUNS).current(), new TrainJob.Request("x", "language = 'cobol'", null, null,
            null)));
    assertEquals(runs, lakehouse.table(Tables.OPS_RUNS).current().count());
    assertEquals(adapters, lakehouse.table(Tables.OPS_ADAPTERS).current().count());
  }

  @Test
  @Order(5)
  void evalMeasuresBaseAndAdapterOnTheSameRowsOfTheAdaptersGoldVersion() throws Exception {
    EvalJob.Summary s = TestLakehouse.run(lakehouse,
        new EvalJob(new EvalJob.Request(List.of(AdapterRef.parse("t@1")), null))).result();
    EvalJob.Result r = s.results().get(0);
    assertEquals(adapter("t@1").<Long>getAs("source_version"), r.goldVersion());
    for (String split : List.of("dev", "test")) {
      assertEquals(r.base().get(split).rows(), r.adapter().get(split).rows());
      assertEquals(r.base().get(split).tokens(), r.adapter().get(split).tokens());
      assertTrue(r.adapter().get(split).loss() > 0);
      assertEquals(Math.exp(r.adapter().get(split).loss()), r.adapter().get(split).perplexity(), 1e-6);
    }
    Dataset<Row> evals = lakehouse.table(Tables.OPS_EVALS).current();
    assertEquals(Set.of("base", "adapter"), new HashSet<>(evals.select("kind").distinct().as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList()));
    assertTrue(evals.where("metric = 'exact_match' AND kind = 'adapter'").count() > 0);
    assertEquals(AdapterRegistry.EVALUATING, adapter("t@1").getAs("status"));
    assertNotNull(AdapterRegistry.metrics(adapter("t@1")).get("test_loss"));
  }

  @Test
  @Order(6)
  void promotionPassesTheGatesOrIsRefusedNamingOneAndRollbackRestoresThePreviousVersion() throws Exception {
    TestLakehouse.run(lakehouse, new AdaptersJob.Promote(AdapterRef.parse("t@1")));
    assertEquals(AdapterRegistry.PRODUCTION, adapter("t@1").getAs("status"));

    TestLakehouse.run(lakehouse, new TrainJob(new TrainJob.Request("t", null, "latest", null, TrainJob.Per.ALL)));
    TestLakehouse.run(lakehouse, new EvalJob(new EvalJob.Request(List.of(AdapterRef.parse("t@2")), null)));
    assertEquals(1, adapter("t@2").<Integer>getAs("parent_version"));
    // a gate the tiny model cannot meet refuses, naming it, and changes nothing
    Lakehouse strict = lakehouse.with(config("gates.sft.embedded.min_format_accuracy=1.0"));
    AdaptersJob.Refused refused = assertThrows(AdaptersJob.Refused.class,
        () -> TestLakehouse.run(strict, new AdaptersJob.Promote(AdapterRef.parse("t@2"))));
    assertTrue(refused.getMessage().contains("min_format_accuracy"), refused.getMessage());
    assertEquals(AdapterRegistry.PRODUCTION, adapter("t@1").getAs("status"));
    assertEquals(AdapterRegistry.EVALUATING, adapter("t@2").getAs("status"));

    Lakehouse lenient = lakehouse.with(config("gates.sft.embedded.no_worse_than_production=false"));
    TestLakehouse.run(lenient, new AdaptersJob.Promote(AdapterRef.parse("t@2")));
    assertEquals(AdapterRegistry.PRODUCTION, adapter("t@2").getAs("status"));
    assertEquals(AdapterRegistry.RETIRED, adapter("t@1").getAs("status"));
    assertEquals(1, adapter("t@2").<Integer>getAs("replaced_version"));

    TestLakehouse.run(lakehouse, new AdaptersJob.Rollback(AdapterRef.parse("t")));
    assertEquals(AdapterRegistry.PRODUCTION, adapter("t@1").getAs("status"));
    assertEquals(AdapterRegistry.RETIRED, adapter("t@2").getAs("status"));
    assertTrue(Files.isDirectory(Path.of(adapter("t@2").<String>getAs("path"))), "a version is never deleted");
  }

  @Test
  @Order(7)
  void lineageReturnsTheCommitsTheAdapterLearnedFromAtItsPinnedVersion() {
    Row a = adapter("t@1");
    Set<String> expected = new HashSet<>();
    for (Row r : lakehouse.table(Tables.GOLD_EXAMPLES).at(a.getAs("source_version"))
        .where("round = 1 AND split = 'train' AND NOT eval_only").select("repo_id", "sha").distinct()
        .collectAsList()) {
      expected.add(r.getString(0) + "/" + r.getString(1));
    }
    List<Row> commits = Lineage.commits(lakehouse, a).collectAsList();
    Set<String> got = new HashSet<>();
    for (Row r : commits) {
      got.add(r.<String>getAs("repo_id") + "/" + r.<String>getAs("sha"));
      assertTrue(r.<String>getAs("subject").startsWith("Fix clamp of v"), r.toString());
    }
    assertEquals(expected, got);
    assertEquals(a.<Long>getAs("row_count"), Lineage.rows(lakehouse, a).count());
  }

  @Test
  @Order(8)
  void aTamperedAdapterOrAMissingBaseIsRefusedOnLoad() throws Exception {
    Row a = adapter("t@2");
    Path weights = Path.of(a.<String>getAs("path")).resolve(Artifacts.ADAPTER_WEIGHTS);
    byte[] original = Files.readAllBytes(weights);
    byte[] changed = original.clone();
    changed[changed.length - 1] ^= 1;
    Files.write(weights, changed);
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Artifacts.verify("adapter t@2",
          weights.getParent(), Artifacts.ADAPTER_WEIGHTS, a.getAs("adapter_sha256")));
      assertTrue(e.getMessage().contains("no longer match"), e.getMessage());
    } finally {
      Files.write(weights, original);
    }
    IllegalArgumentException gone = assertThrows(IllegalArgumentException.class, () -> Artifacts.verify("base",
        dir.resolve("gone"), Artifacts.MODEL_WEIGHTS, "00"));
    assertTrue(gone.getMessage().contains("is gone"), gone.getMessage());
  }

  @Test
  @Order(9)
  void theModelFlowRunTwiceSkipsEveryStageTheSecondTime() throws Exception {
    Flow.Result first = Flow.run(lakehouse, "flow-1", "test", List.of());
    assertTrue(first.statuses().contains(StageStatus.OK), first.stageLines().toString());
    Flow.Result second = Flow.run(lakehouse, "flow-2", "test", List.of());
    assertEquals(List.of("base", "train", "eval", "promote"), second.stageLines().stream()
        .map(l -> l.split(" ")[0]).toList());
    assertTrue(second.statuses().stream().allMatch(s -> s == StageStatus.SKIPPED), second.stageLines().toString());
  }
}
