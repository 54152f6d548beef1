package dev.lode.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.ConfigLoader;
import dev.lode.config.GoldConfig;
import dev.lode.config.LodeConfig;
import dev.lode.lakehouse.LodeSession;
import dev.lode.lakehouse.Tables;
import dev.lode.lakehouse.Warehouse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each quality gate failing when its rule is broken, the domain cap, and decontamination on rows that try to leak. */
class GatesAndMixTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static GoldConfig.Gates gates;

  @BeforeAll
  static void open() {
    LodeConfig config = ConfigLoader.load(null, List.of("spark.master=local[2]", "spark.shuffle_partitions=2",
        "gold.gates.min_train_rows=5", "gold.gates.min_dev_rows=1", "gold.gates.min_test_rows=1"));
    spark = LodeSession.open(config, Warehouse.resolve(dir.resolve("wh").toString()), "GatesAndMixTest");
    gates = config.gold().gates();
  }

  @AfterAll
  static void close() {
    spark.stop();
  }

  /** A gold.examples row built from the catalogue schema; {@code i} makes its text unique. */
  static Object[] row(int i, String split, String origin) {
    boolean real = origin.equals("real");
    List<Row> prompt = List.of(RowFactory.create("system", "You are a coding agent."),
        RowFactory.create("user", "Task number " + i + ": make function f" + i + " return " + i * 31));
    List<Row> checks = List.of(RowFactory.create(real ? "applies" : "parses", true, "ok"),
        RowFactory.create("differs_in_meaning", true, "ok"));
    return new Object[] {"id" + i, real ? null : "id" + (i - i % 5), origin, real ? "edit" : "bugfix",
        real ? "real" : "bug_fixer", "search_replace", "python", "web", "repo", "sha" + i,
        Timestamp.valueOf("2024-01-01 00:00:00"), split, SilverFixtures.seq(prompt),
        "def f" + i + "():\n    return " + i * 31 + "\n", 40, 0.8, SilverFixtures.seq(checks), null, 1, null, false};
  }

  /** 5 real and 20 synthetic train rows, 2 dev and 2 test rows: every gate passes. */
  static List<Object[]> good() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      rows.add(row(i, "train", i % 5 == 0 ? "real" : "synthetic"));
    }
    for (int i = 100; i < 104; i++) {
      rows.add(row(i, i < 102 ? "dev" : "test", "real"));
    }
    return rows;
  }

  static Dataset<Row> frame(List<Object[]> rows) {
    List<Row> out = new ArrayList<>();
    for (Object[] r : rows) {
      out.add(RowFactory.create(r));
    }
    return spark.createDataFrame(out, Tables.GOLD_EXAMPLES.schema());
  }

  static Map<String, Boolean> verdicts(List<Object[]> rows) {
    Map<String, Boolean> out = new HashMap<>();
    for (QualityGates.Gate g : QualityGates.check(frame(rows), gates)) {
      out.put(g.name(), g.passed());
    }
    return out;
  }

  static List<Object[]> with(UnaryOperator<List<Object[]>> change) {
    return change.apply(good());
  }

  @Test
  void aGoodRoundPassesEveryGate() {
    assertFalse(verdicts(good()).containsValue(false), verdicts(good()).toString());
  }

  @Test
  void duplicatePairsFailTheirGate() {
    Map<String, Boolean> v = verdicts(with(rows -> {
      Object[] copy = rows.get(3).clone();
      copy[0] = "copy";
      rows.add(copy);
      return rows;
    }));
    assertFalse(v.get("duplicate_pairs"));
  }

  @Test
  void aRowBreakingTheSchemaFailsItsGate() {
    assertFalse(verdicts(with(rows -> {
      rows.get(2)[12] = SilverFixtures.seq(List.of(RowFactory.create("user", "no system message")));
      return rows;
    })).get("schema_valid"));
    assertFalse(verdicts(with(rows -> {
      rows.get(4)[2] = "invented";
      return rows;
    })).get("schema_valid"));
    assertFalse(verdicts(with(rows -> {
      rows.get(0)[1] = "a-parent"; // a real row with a parent
      return rows;
    })).get("schema_valid"));
  }

  @Test
  void tooFewOrTooManySyntheticRowsFailTheShareGate() {
    assertFalse(verdicts(with(rows -> {
      rows.removeIf(r -> r[2].equals("synthetic") && ((String) r[0]).compareTo("id2") > 0);
      return rows;
    })).get("synthetic_share"));
    assertFalse(verdicts(with(rows -> {
      rows.removeIf(r -> r[2].equals("real") && r[11].equals("train") && !r[0].equals("id0"));
      return rows;
    })).get("synthetic_share"));
  }

  @Test
  void anEmptySplitFailsItsMinimumRowsGate() {
    Map<String, Boolean> v = verdicts(with(rows -> {
      rows.removeIf(r -> r[11].equals("test"));
      return rows;
    }));
    assertFalse(v.get("min_rows_test"));
    assertTrue(v.get("min_rows_dev"));
  }

  /** The index of {@code eval_only} in a row of {@link #row}. */
  static final int EVAL_ONLY = Tables.GOLD_EXAMPLES.columns().indexOf("eval_only");

  @Test
  void anEvalOnlyRowIsASyntheticDevOrTestRowOrTheSchemaGateFails() {
    assertTrue(verdicts(with(rows -> {
      rows.add(evalOnly(200, "dev"));
      rows.add(evalOnly(201, "test"));
      return rows;
    })).get("schema_valid"));
    assertFalse(verdicts(with(rows -> {
      rows.add(evalOnly(200, "train"));
      return rows;
    })).get("schema_valid"), "an eval-only row in train");
    assertFalse(verdicts(with(rows -> {
      rows.get(rows.size() - 1)[EVAL_ONLY] = true; // a real test row
      return rows;
    })).get("schema_valid"), "a real eval-only row");
  }

  @Test
  void evalOnlyRowsNeitherFillASplitsMinimumNorCountInTheSyntheticShare() {
    Map<String, Boolean> v = verdicts(with(rows -> {
      rows.removeIf(r -> r[11].equals("test"));
      for (int i = 0; i < 40; i++) {
        rows.add(evalOnly(300 + i, "test"));
      }
      return rows;
    }));
    assertFalse(v.get("min_rows_test"));
    assertTrue(v.get("synthetic_share"));
  }

  /** A synthetic row of a dev or test commit, made for evaluation only. */
  static Object[] evalOnly(int i, String split) {
    Object[] r = row(i, split, "synthetic");
    r[EVAL_ONLY] = true;
    return r;
  }

  @Test
  void aMutantThatDidNotParseFailsTheParseGate() {
    assertFalse(verdicts(with(rows -> {
      rows.get(1)[16] = SilverFixtures.seq(List.of(RowFactory.create("parse_error", false, "error node")));
      return rows;
    })).get("mutants_parse"));
  }

  @Test
  void theDomainCapDownsamplesTheLargestDomains() {
    DomainCap.Plan plan = DomainCap.plan(Map.of("web", 600L, "data", 100L, "cli", 100L, "ml", 100L,
        "infra", 100L, "games", 50L), 0.2);
    long total = plan.allowed().values().stream().mapToLong(Long::longValue).sum();
    for (long n : plan.allowed().values()) {
      assertTrue(n <= 0.2 * total + 1e-9, plan.toString());
    }
    assertEquals(100, plan.allowed().get("data"), "domains under the cap keep everything");
    assertTrue(plan.allowed().get("web") < 600);
    DomainCap.Plan few = DomainCap.plan(Map.of("web", 90L, "data", 10L), 0.2);
    assertEquals(0.5, few.effectiveCap(), 1e-9);
    assertEquals(10, few.allowed().get("web"), "two domains: equal shares");

    List<Row> commits = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String domain = i < 40 ? "web" : i < 45 ? "data" : i < 50 ? "cli" : i < 55 ? "ml" : i < 58 ? "infra" : null;
      commits.add(RowFactory.create("r", "s" + i, domain, "train"));
    }
    commits.add(RowFactory.create("r", "dev1", "web", "dev"));
    Dataset<Row> frame = spark.createDataFrame(commits, new org.apache.spark.sql.types.StructType()
        .add("repo_id", "string").add("sha", "string").add("domain", "string").add("split", "string"));
    Map<String, Long> dropped = new HashMap<>();
    double[] cap = new double[1];
    Dataset<Row> capped = DomainCap.apply(frame, 0.2, 7, dropped, cap);
    long train = capped.where(col("split").equalTo("train")).count();
    long web = capped.where(col("split").equalTo("train").and(col("domain").equalTo("web"))).count();
    assertTrue(web <= 0.2 * train + 1e-9, web + " of " + train);
    assertEquals(1, capped.where(col("split").equalTo("dev")).count(), "dev and test are never capped");
    assertEquals(40 - web, dropped.get("web"));
  }

  @Test
  void decontaminationRemovesTrainRowsThatNearlyRepeatATestRowAndTheirChildren() {
    List<Object[]> rows = good();
    Object[] leak = row(999, "test", "real");
    String code = "def parse(text):\n" + "    words = text.split()\n".repeat(3)
        + "    return [w.strip().lower() for w in words if w and not w.startswith('#')]\n";
    String prompt = "Normalize the parser so it lowercases every word and skips comment words entirely please";
    leak[12] = SilverFixtures.seq(List.of(RowFactory.create("system", "x"), RowFactory.create("user", prompt)));
    leak[13] = code;
    rows.add(leak);
    Object[] trainCopy = rows.get(0); // a real train row, parent of id1..id4
    trainCopy[12] = leak[12];
    trainCopy[13] = code.replace("lower()", "casefold()");
    long[] removed = new long[3];
    Decontamination d = new Decontamination(0.8, 1);
    Dataset<Row> kept = d.apply(frame(rows), removed);
    assertEquals(1, removed[0]);
    assertEquals(4, removed[1], "its synthetic children go with it");
    assertEquals(0, kept.where(col("example_id").equalTo("id0")).count());
    assertEquals(1, kept.where(col("example_id").equalTo("id999")).count(), "the test row stays");
    assertEquals(0, d.leaks(kept).count());
  }

  @Test
  void aTrainRowThatNearlyRepeatsAnEvalOnlyRowStaysAndTheEvalOnlyRowGoes() {
    List<Object[]> rows = good();
    Object[] leak = evalOnly(998, "dev");
    String code = "def parse(text):\n" + "    words = text.split()\n".repeat(3)
        + "    return [w.strip().lower() for w in words if w and not w.startswith('#')]\n";
    String prompt = "Normalize the parser so it lowercases every word and skips comment words entirely please";
    leak[12] = SilverFixtures.seq(List.of(RowFactory.create("system", "x"), RowFactory.create("user", prompt)));
    leak[13] = code;
    rows.add(leak);
    Object[] trainCopy = rows.get(0);
    trainCopy[12] = leak[12];
    trainCopy[13] = code.replace("lower()", "casefold()");
    long[] removed = new long[3];
    Decontamination d = new Decontamination(0.8, 1);
    Dataset<Row> kept = d.apply(frame(rows), removed);
    assertEquals(0, removed[0]);
    assertEquals(0, removed[1]);
    assertEquals(1, removed[2]);
    assertEquals(1, kept.where(col("example_id").equalTo("id0")).count(), "the train row stays");
    assertEquals(0, kept.where(col("example_id").equalTo("id998")).count());
    assertEquals(0, d.leaks(kept).count());
  }
}
