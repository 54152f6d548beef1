package dev.lode.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import dev.lode.gold.format.SearchReplace;
import dev.lode.jobs.TestLakehouse;
import dev.lode.jobs.export.ExportFormat;
import dev.lode.jobs.export.ExportJob;
import dev.lode.lakehouse.GoldRounds;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Tables;
import dev.lode.lakehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The gold stage on a lakehouse of curated commits built in code: one round, its report, its exports, round two. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GoldJobTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static Warehouse warehouse;
  static LodeConfig config;
  static GoldJob.Summary first;

  static final int COMMITS = 40;
  static final int REPOS = 6;

  static Lakehouse lakehouse;

  static Lakehouse with(LodeConfig c) {
    return lakehouse.with(c);
  }

  static GoldJob.Summary gold(LodeConfig c) throws Exception {
    return TestLakehouse.run(with(c), new GoldJob()).result();
  }

  static long version() {
    return lakehouse.table(Tables.GOLD_EXAMPLES).version();
  }

  static LodeConfig config(String... sets) {
    List<String> all = new ArrayList<>(List.of("spark.master=local[2]", "spark.shuffle_partitions=2",
        "gold.gates.min_train_rows=20", "gold.gates.min_dev_rows=3", "gold.gates.min_test_rows=3",
        "gold.token_budget=2048"));
    all.addAll(List.of(sets));
    return ConfigLoader.load(null, all);
  }

  @BeforeAll
  static void firstRound() throws Exception {
    config = config();
    warehouse = Warehouse.resolve(dir.resolve("wh").toString());
    lakehouse = Lakehouse.open(config, warehouse, "GoldJobTest");
    spark = lakehouse.spark();
    List<Row> commits = new ArrayList<>();
    List<Row> trees = new ArrayList<>();
    for (int i = 0; i < COMMITS; i++) {
      commits.add(SilverFixtures.commit(i, REPOS));
      trees.add(SilverFixtures.tree(i, REPOS));
    }
    TestLakehouse.insert(lakehouse, Tables.SILVER_EXAMPLES, SilverFixtures.examples(spark, commits));
    TestLakehouse.insert(lakehouse, Tables.BRONZE_TREES, SilverFixtures.trees(spark, trees));
    first = gold(config);
  }

  @AfterAll
  static void close() {
    spark.stop();
  }

  static Dataset<Row> round(int r) {
    return lakehouse.table(Tables.GOLD_EXAMPLES).read().where(col("round").equalTo(r));
  }

  @Test
  @Order(1)
  void syntheticTrainRowsAreFourTimesTheRealOnesInEveryRepository() {
    assertEquals(1, first.round());
    Dataset<Row> train = round(1).where(col("split").equalTo("train"));
    long real = train.where(col("origin").equalTo("real")).count();
    long synthetic = train.where(col("origin").equalTo("synthetic")).count();
    assertTrue(real > 0);
    assertEquals(4.0, (double) synthetic / real, 0.4, "synthetic " + synthetic + " real " + real);
    for (Row r : train.groupBy("repo_id").pivot("origin").count().collectAsList()) {
      double factor = (double) r.getLong(r.fieldIndex("synthetic")) / r.getLong(r.fieldIndex("real"));
      assertEquals(4.0, factor, 0.4, r.getString(0));
    }
    // every generator contributed
    List<String> generators = train.where(col("origin").equalTo("synthetic")).select("generator").distinct()
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertTrue(generators.containsAll(List.of("bug_fixer", "patch_variants", "test_writer", "localization")),
        generators.toString());
  }

  @Test
  @Order(2)
  void devAndTestHoldRealRowsOnlyAndSyntheticRowsTakeTheirParentsSplit() {
    Dataset<Row> rows = round(1);
    // every synthetic row of dev and test is eval-only, and every eval-only row is one: the rest are real rows only
    Dataset<Row> syntheticEval = rows.where(col("split").notEqual("train").and(col("origin").equalTo("synthetic")));
    assertEquals(0, syntheticEval.where(col("eval_only").equalTo(false)).count());
    assertEquals(syntheticEval.count(), rows.where(col("eval_only")).count());
    assertEquals(0, rows.where(col("eval_only").equalTo(false)).where(col("split").notEqual("train")
        .and(col("origin").equalTo("synthetic"))).count());
    Dataset<Row> parents = rows.select(col("example_id").as("pid"), col("split").as("psplit"));
    Dataset<Row> synthetic = rows.where(col("origin").equalTo("synthetic"));
    assertEquals(synthetic.count(), synthetic.join(parents, col("parent_id").equalTo(col("pid")))
        .where(col("split").equalTo(col("psplit"))).count());
    // chronological: every train commit precedes every dev commit, which precede every test commit
    Row t = rows.groupBy("split").agg(org.apache.spark.sql.functions.min("commit_time").as("first"),
        org.apache.spark.sql.functions.max("commit_time").as("last")).where(col("split").equalTo("train")).head();
    assertTrue(t.getTimestamp(2).before(first.split().trainEnd()));
    assertEquals(0, rows.where(col("split").equalTo("dev").and(col("commit_time").lt(first.split().trainEnd())))
        .count());
  }

  @Test
  @Order(3)
  void theSplitReportShowsEveryLeakageCheckAtZero() {
    SplitReport.Report r = SplitReport.of(lakehouse, 0);
    assertEquals(1, r.round());
    assertTrue(r.clean(), r.leakage().toString());
    assertEquals(4, r.leakage().size());
    assertEquals(0L, r.leakage().get(SplitReport.EVAL_ONLY_IN_TRAIN));
    assertTrue(r.rejected().containsKey("bug_fixer.original_unparseable"), "refusals by reason: " + r.rejected());
    assertTrue(r.rowsBySplit().count() >= 4);
  }

  @Test
  @Order(4)
  void everyExampleAppliesAndMutantsParse() {
    Dataset<Row> bug = round(1).where(col("generator").equalTo("bug_fixer"));
    assertTrue(bug.count() > 0);
    assertEquals(0, bug.where("NOT exists(validation, c -> c.check = 'parses' AND c.passed)").count());
    assertEquals(0, bug.where("NOT exists(validation, c -> c.check = 'differs_in_meaning' AND c.passed)").count());
    assertEquals(0, bug.where("caught_by_tests IS NOT NULL").count(), "the harness fills caught_by_tests later");
    // a search_replace bug fix applies to the mutated code shown in its prompt
    Row r = bug.where(col("edit_format").equalTo("search_replace")).head();
    List<SearchReplace.Block> blocks = SearchReplace.parse(r.getString(r.fieldIndex("completion")));
    assertFalse(blocks.isEmpty());
    String user = r.<Row>getList(r.fieldIndex("prompt")).get(1).getString(1);
    assertTrue(user.contains(blocks.get(0).search().strip()), "SEARCH text is in the prompt's code");
  }

  @Test
  @Order(5)
  void exportFilesParseBackFieldByField() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path out = dir.resolve("export");
    Dataset<Row> train = round(1).where(col("split").equalTo("train"));
    Map<String, Row> byId = new HashMap<>();
    for (Row r : train.collectAsList()) {
      byId.put(r.getString(r.fieldIndex("example_id")), r);
    }

    TestLakehouse.run(lakehouse, new ExportJob(ExportFormat.CHAT_JSONL, "train", out.toString(), 0));
    List<String> lines = Files.readAllLines(out.resolve("chat-jsonl-train.jsonl"));
    assertEquals(train.count(), lines.size());
    Dataset<Row> parquet = spark.read().parquet(out.resolve("chat-jsonl-train.parquet").toString());
    assertEquals(lines.size(), parquet.count());
    List<Row> meta = parquet.orderBy("example_id").select("example_id").collectAsList();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = json.readTree(lines.get(i));
      assertEquals(List.of("messages"), iterable(line.fieldNames()));
      Row gold = byId.get(meta.get(i).getString(0));
      List<Row> prompt = gold.getList(gold.fieldIndex("prompt"));
      JsonNode messages = line.get("messages");
      assertEquals(prompt.size() + 1, messages.size());
      for (int m = 0; m < prompt.size(); m++) {
        assertEquals(prompt.get(m).getString(0), messages.get(m).get("role").asText());
        assertEquals(prompt.get(m).getString(1), messages.get(m).get("content").asText());
      }
      assertEquals("assistant", messages.get(prompt.size()).get("role").asText());
      assertEquals(gold.getString(gold.fieldIndex("completion")), messages.get(prompt.size()).get("content").asText());
    }

    TestLakehouse.run(lakehouse, new ExportJob(ExportFormat.SHAREGPT, "train", out.toString(), 0));
    for (String l : Files.readAllLines(out.resolve("sharegpt-train.jsonl"))) {
      JsonNode conv = json.readTree(l).get("conversations");
      assertEquals("system", conv.get(0).get("from").asText());
      assertEquals("human", conv.get(1).get("from").asText());
      assertEquals("gpt", conv.get(conv.size() - 1).get("from").asText());
      assertFalse(conv.get(conv.size() - 1).get("value").asText().isEmpty());
    }

    TestLakehouse.run(lakehouse, new ExportJob(ExportFormat.COMMITPACKFT, "train", out.toString(), 0));
    List<String> packs = Files.readAllLines(out.resolve("commitpackft-train.jsonl"));
    assertFalse(packs.isEmpty());
    Dataset<Row> silver = lakehouse.table(Tables.SILVER_EXAMPLES).read();
    for (String l : packs) {
      JsonNode p = json.readTree(l);
      assertEquals(List.of("commit", "old_file", "new_file", "old_contents", "new_contents", "subject", "message",
          "lang", "license", "repos"), iterable(p.fieldNames()));
      Row s = silver.where(col("sha").equalTo(p.get("commit").asText())).head();
      Row f = s.<Row>getList(s.fieldIndex("files")).stream()
          .filter(x -> x.getString(0).equals(p.get("new_file").asText())).findFirst().orElseThrow();
      assertEquals(f.isNullAt(3) ? "" : f.getString(3), p.get("old_contents").asText());
      assertEquals(f.getString(4), p.get("new_contents").asText());
      assertEquals(s.getString(s.fieldIndex("instruction")), p.get("message").asText());
      assertEquals("mit", p.get("license").asText());
    }

    TestLakehouse.run(lakehouse, new ExportJob(ExportFormat.DPO, "train", out.toString(), 0));
    List<String> dpo = Files.readAllLines(out.resolve("dpo-train.jsonl"));
    Dataset<Row> pairs = lakehouse.table(Tables.GOLD_PAIRS).read().where(col("split").equalTo("train"));
    assertEquals(pairs.count(), dpo.size());
    assertFalse(dpo.isEmpty());
    for (String l : dpo) {
      JsonNode p = json.readTree(l);
      assertEquals(List.of("prompt", "chosen", "rejected"), iterable(p.fieldNames()));
      assertEquals("user", p.get("prompt").get(1).get("role").asText());
      assertEquals("assistant", p.get("chosen").get(0).get("role").asText());
      assertFalse(p.get("chosen").get(0).get("content").asText().equals(p.get("rejected").get(0).get("content")
          .asText()));
    }
    JsonNode info = json.readTree(out.resolve("dataset_info.json").toFile());
    assertTrue(info.get("lode_dpo_train").get("ranking").asBoolean());
    assertEquals("sharegpt-train.jsonl", info.get("lode_sharegpt_train").get("file_name").asText());
    for (String l : Files.readAllLines(out.resolve("dpo-train.sharegpt.jsonl"))) {
      JsonNode p = json.readTree(l);
      assertEquals("gpt", p.get("chosen").get("from").asText());
      assertEquals("gpt", p.get("rejected").get("from").asText());
    }
  }

  @Test
  @Order(6)
  void aFailedGateWritesNothingAndNamesTheGate() throws Exception {
    long version = version();
    // a new commit so that a round would be made, and a gate it cannot meet
    TestLakehouse.insert(lakehouse, Tables.SILVER_EXAMPLES, SilverFixtures.examples(spark,
        List.of(SilverFixtures.commit(COMMITS, REPOS))));
    QualityGates.GateFailure f = assertThrows(QualityGates.GateFailure.class,
        () -> gold(config("gold.gates.min_train_rows=100000")));
    assertTrue(f.getMessage().contains("min_rows_train"), f.getMessage());
    assertEquals(version, version());
    Row failed = lakehouse.table(Tables.OPS_RUNS).read().where(col("stage").equalTo("gold"))
        .orderBy(col("ended_at").desc()).head();
    assertEquals("failed", failed.getString(failed.fieldIndex("status")));
  }

  @Test
  @Order(7)
  void aSecondRoundAccumulatesAndReplaysEarlierTrainRows() throws Exception {
    long v1 = version();
    long round1 = round(1).count();
    List<Row> more = new ArrayList<>();
    for (int i = COMMITS + 1; i < COMMITS + 31; i++) {
      more.add(SilverFixtures.commit(i, REPOS));
    }
    TestLakehouse.insert(lakehouse, Tables.SILVER_EXAMPLES, SilverFixtures.examples(spark, more));
    GoldJob.Summary second = gold(config);
    assertEquals(2, second.round());
    assertEquals(round1, round(1).count(), "round 1 is kept as it was");
    assertEquals(round1, spark.read().format("delta").option("versionAsOf", v1)
        .load(warehouse.path(Tables.GOLD_EXAMPLES)).count(), "and stays readable at its version");
    Dataset<Row> train2 = round(2).where(col("split").equalTo("train"));
    long replayed = train2.where(col("replay_of").isNotNull()).count();
    double share = (double) replayed / train2.count();
    assertEquals(0.15, share, 0.03, "replayed " + replayed + " of " + train2.count());
    assertEquals(0, train2.where(col("replay_of").isNotNull()).join(round(1).select(col("example_id").as("src"),
        col("split").as("src_split")), col("replay_of").equalTo(col("src")))
        .where(col("src_split").notEqual("train")).count(), "only train rows are replayed");
    assertTrue(SplitReport.of(lakehouse, 2).clean());

    // a run that died after writing part of round 3: its rows are removed before the next run, nothing is left over
    TestLakehouse.append(lakehouse, Tables.GOLD_EXAMPLES, round(2).limit(1)
        .withColumn("example_id", org.apache.spark.sql.functions.lit("orphan"))
        .withColumn("round", org.apache.spark.sql.functions.lit(3)));
    assertEquals(3, GoldRounds.highest(lakehouse.table(Tables.GOLD_EXAMPLES).read()));
    assertEquals(0, gold(config).round(), "a rerun with nothing new makes no round");
    assertEquals(2, GoldRounds.highest(lakehouse.table(Tables.GOLD_EXAMPLES).read()));
  }

  @Test
  @Order(8)
  void devAndTestCommitsGetEvalOnlySyntheticRowsThatNeverReachTrainOrAnExport() throws Exception {
    Dataset<Row> rows = round(1);
    Dataset<Row> evalOnly = rows.where(col("eval_only"));
    for (String split : List.of("dev", "test")) {
      assertTrue(evalOnly.where(col("split").equalTo(split)).count() > 0, "eval-only rows in " + split);
    }
    assertEquals(0, rows.where(col("split").equalTo("train").and(col("eval_only"))).count(), "none in train");
    assertEquals(0, lakehouse.table(Tables.GOLD_EXAMPLES).read().where(col("split").equalTo("train")
        .and(col("eval_only"))).count(), "none in any round's train, replays included");
    assertEquals(0, rows.where(col("eval_only").equalTo(false).and(col("origin").equalTo("synthetic"))
        .and(col("split").notEqual("train"))).count());
    // the tasks only synthetic rows carry now have something to be evaluated on
    List<String> tasks = evalOnly.select("task").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertTrue(tasks.containsAll(List.of("bugfix", "localize", "apply_patch")), tasks.toString());
    // each derives from a real row of its own commit and split
    Dataset<Row> parents = rows.where(col("origin").equalTo("real")).select(col("example_id").as("pid"),
        col("split").as("psplit"), col("sha").as("psha"));
    assertEquals(evalOnly.count(), evalOnly.join(parents, col("parent_id").equalTo(col("pid")))
        .where(col("split").equalTo(col("psplit")).and(col("sha").equalTo(col("psha")))).count());

    Path out = dir.resolve("export-dev");
    TestLakehouse.run(lakehouse, new ExportJob(ExportFormat.CHAT_JSONL, "dev", out.toString(), 1));
    Dataset<Row> dev = rows.where(col("split").equalTo("dev"));
    assertEquals(dev.where(col("eval_only").equalTo(false)).count(),
        Files.readAllLines(out.resolve("chat-jsonl-dev.jsonl")).size());
    Dataset<Row> exported = spark.read().parquet(out.resolve("chat-jsonl-dev.parquet").toString());
    assertEquals(0, exported.join(evalOnly, "example_id").count(), "no eval-only row is exported");
  }

  @Test
  @Order(9)
  void withTheSettingOffDevAndTestHoldRealRowsOnly() throws Exception {
    List<Row> more = new ArrayList<>();
    for (int i = COMMITS + 31; i < COMMITS + 61; i++) {
      more.add(SilverFixtures.commit(i, REPOS));
    }
    TestLakehouse.insert(lakehouse, Tables.SILVER_EXAMPLES, SilverFixtures.examples(spark, more));
    GoldJob.Summary third = gold(config("gold.split.eval_only_synthetic=false"));
    assertEquals(3, third.round());
    Dataset<Row> rows = round(3);
    assertEquals(0, rows.where(col("eval_only")).count());
    assertEquals(0, rows.where(col("split").notEqual("train").and(col("origin").equalTo("synthetic"))).count());
    assertTrue(rows.where(col("split").notEqual("train")).count() > 0);
    assertTrue(SplitReport.of(lakehouse, 3).clean());
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
