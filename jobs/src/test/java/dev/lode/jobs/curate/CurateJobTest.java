package dev.lode.jobs.curate;

import static dev.lode.jobs.curate.PythonSources.CONVERTERS;
import static dev.lode.jobs.curate.PythonSources.LAZY_DEFAULT;
import static dev.lode.jobs.curate.PythonSources.OLD_DEFAULT_IF_NONE;
import static dev.lode.jobs.curate.PythonSources.SLOTS;
import static dev.lode.jobs.curate.PythonSources.SLOTS_FROZEN;
import static dev.lode.jobs.curate.PythonSources.TEST_CONVERTERS;
import static dev.lode.jobs.curate.PythonSources.TEST_UPLOADER;
import static dev.lode.jobs.curate.PythonSources.TEST_VALIDATORS;
import static dev.lode.jobs.curate.PythonSources.TEST_VALIDATORS_WITH_NE;
import static dev.lode.jobs.curate.PythonSources.UPLOADER;
import static dev.lode.jobs.curate.PythonSources.VALIDATORS;
import static dev.lode.jobs.curate.PythonSources.VALIDATORS_WITH_NE;
import static dev.lode.jobs.curate.PythonSources.VENDORED_CONVERTERS;
import static dev.lode.jobs.curate.PythonSources.convertersWithFactory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.StageOutcome;
import dev.lode.lakehouse.StageStatus;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import dev.lode.lakehouse.Warehouse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Curation end to end on bronze built in code: one scenario over several runs, each test a statement about it.
 * Run 1 curates an attrs-like repository mined under two names; run 2 adds a vendoring application and another
 * library (exact and near duplicates across repositories and time, and a near miss); run 3 has nothing new; run 4
 * mines an upstream whose older commit displaces an example kept earlier.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CurateJobTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static LodeConfig config;
  static Warehouse warehouse;
  static Lakehouse lakehouse;
  static final BronzeFixture bronze = new BronzeFixture();
  static final Map<String, String> sha = new HashMap<>();
  static final Map<String, String> runs = new TreeMap<>();

  @BeforeAll
  static void open() throws Exception {
    config = ConfigLoader.load(null, List.of("spark.master=local[2]", "spark.shuffle_partitions=2",
        "spark.conf.spark.databricks.delta.snapshotPartitions=2",
        // The scenario keeps commits whose module has tests, so that both kinds of test evidence are exercised.
        "curate.tests.evidence=module"));
    warehouse = Warehouse.resolve(dir.resolve("wh").toString());
    lakehouse = Lakehouse.open(config, warehouse, "CurateJobTest");
    spark = lakehouse.spark();
    BronzeFixture.Repo attrs = bronze.repo("attrs", "MIT");
    BronzeFixture.Repo copy = bronze.repo("attrs-copy", "MIT");
    attrsHistory(attrs, "");
    attrsHistory(copy, "copy:");
    bronze.writeTo(lakehouse);
    runs.put("1", curate());
  }

  @AfterAll
  static void close() {
    spark.stop();
  }

  /** The same history under two names: the copy reuses every sha of the original. */
  static void attrsHistory(BronzeFixture.Repo r, String prefix) {
    add(prefix, "initial", r.commit("Initial import").at("2021-01-04T09:00:00Z")
        .write("src/attr/validators.py", VALIDATORS).write("src/attr/converters.py", CONVERTERS)
        .write("src/attr/_make.py", SLOTS).write("tests/test_validators.py", TEST_VALIDATORS)
        .write("tests/test_converters.py", TEST_CONVERTERS).write("tests/test_make.py", "def test_slots():\n    pass\n")
        .write("README.md", "# attrs\n")
        .write("CHANGELOG.md", "# Changelog\n"));
    add(prefix, "ne", r.commit("Add ne validator (#1571)").at("2021-02-01T10:00:00Z")
        .body("It raises ValueError if the initializer is called with a value equal to the bound.\n\n"
            + "Fixes #1570\n\nCo-authored-by: Jane Doe <jane@corp-mail.io>")
        .write("src/attr/validators.py", VALIDATORS_WITH_NE).write("tests/test_validators.py", TEST_VALIDATORS_WITH_NE)
        .write("changelog.d/1571.change.md", "Added `attrs.validators.ne()`.\n"));
    add(prefix, "merge", r.commit("Merge pull request #1571 from jane/ne").at("2021-02-01T11:00:00Z")
        .mergeOf(BronzeFixture.sha1(prefix + "side-branch")));
    add(prefix, "bot", r.commit("[pre-commit.ci] pre-commit autoupdate").at("2021-02-02T00:00:00Z")
        .author("pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com")
        .write(".pre-commit-config.yaml", "repos:\n  - repo: https://github.com/psf/black\n    rev: 23.1.0\n"));
    add(prefix, "past", r.commit("Added a pipe of converters to optional").at("2021-02-03T10:00:00Z")
        .write("src/attr/converters.py", CONVERTERS.replace("    def optional_converter(val):",
            "    if isinstance(converter, list):\n        converter = pipe(*converter)\n\n    def optional_converter(val):"))
        .write("tests/test_converters.py", TEST_CONVERTERS + "\n    def test_list(self):\n"
            + "        assert optional([int, str])(\"1\") == \"1\"\n"));
    String withPipe = CONVERTERS.replace("    def optional_converter(val):",
        "    if isinstance(converter, list):\n        converter = pipe(*converter)\n\n    def optional_converter(val):");
    add(prefix, "tiny", r.commit("Fix typo").at("2021-02-04T10:00:00Z")
        .write("src/attr/converters.py", withPipe.replace("Commonly useful", "Commonly used")));
    String typoFixed = withPipe.replace("Commonly useful", "Commonly used");
    add(prefix, "factory", r.commit("Handle factories in default_if_none").at("2021-03-01T10:00:00Z")
        .body("default_if_none now takes a factory, like attr.ib.")
        .write("src/attr/converters.py", convertersWithFactory(typoFixed)));
    add(prefix, "secret", r.commit("Add an S3 uploader for release artifacts").at("2021-03-02T10:00:00Z")
        .body("Reported by ops@corp-mail.io.")
        .write("src/attr/upload.py", UPLOADER).write("tests/test_upload.py", TEST_UPLOADER));
    add(prefix, "release", r.commit("Release 21.1.0").at("2021-03-03T10:00:00Z")
        .write("CHANGELOG.md", "# Changelog\n\n## 21.1.0\n\n- ne validator\n- default_if_none factories\n")
        .write("src/attr/__init__.py", "__version__ = \"21.1.0\"\n"));
    add(prefix, "german", r.commit("Handle unset values in the optional converter").at("2021-03-04T10:00:00Z")
        .body("Dieser Fehler tritt auf, wenn der Wert nicht gesetzt ist und die Klasse keine Voreinstellung hat. "
            + "Wir prüfen jetzt, ob der Wert fehlt.")
        .write("src/attr/converters.py", convertersWithFactory(typoFixed).replace("        if val is None:\n"
            + "            return None\n", "        if val is None or val is NOTHING:\n"
            + "            # An unset value converts like None: there is nothing to convert.\n"
            + "            return None\n")));
    add(prefix, "readme", r.commit("Update README.md").at("2021-03-05T10:00:00Z")
        .write("README.md", "# attrs\n\nClasses without boilerplate.\n"));
    add(prefix, "slots", r.commit("Make frozen slotted classes set __weakref__").at("2021-03-06T10:00:00Z")
        .write("src/attr/_make.py", SLOTS_FROZEN));
  }

  static void add(String prefix, String name, BronzeFixture.Commit c) {
    String fixed = sha.get(name);
    if (!prefix.isEmpty() && fixed != null) {
      c.sha(fixed);
    }
    String s = c.add();
    sha.put(prefix + name, s);
  }

  static String curate() throws Exception {
    return curate(StageStatus.OK);
  }

  /** Runs curation once, expecting it to end {@code expected}; returns its run id. */
  static String curate(StageStatus expected) throws Exception {
    StageOutcome<CurateJob.Summary> outcome = lakehouse.run("test-" + (runs.size() + 1), new CurateJob(), "test");
    assertEquals(expected, outcome.status());
    return outcome.runId();
  }

  static Map<String, Row> scores() {
    return spark.table("silver.commit_scores").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("repo_id")) + "/" + r.getString(r.fieldIndex("sha")),
            r -> r));
  }

  static String reason(String repo, String name) {
    Row r = scores().get(repo + "/" + sha.get(name));
    return r.isNullAt(r.fieldIndex("reject_reason")) ? "kept" : r.getString(r.fieldIndex("reject_reason"));
  }

  static Set<String> examples() {
    return spark.table("silver.examples").collectAsList().stream()
        .map(r -> r.getString(r.fieldIndex("repo_id")) + "/" + r.getString(r.fieldIndex("sha")))
        .collect(Collectors.toSet());
  }

  @Test
  @Order(1)
  void everyCommitIsScoredOnceWithTheFirstRuleItFailed() {
    assertEquals(spark.table("bronze.commits").count(), spark.table("silver.commit_scores").count());
    assertEquals(Map.of(
        "initial", "imperative_subject",
        "ne", "kept",
        "merge", "merge",
        "bot", "bot_author",
        "past", "imperative_subject",
        "tiny", "diff_size",
        "factory", "kept",
        "secret", "kept"), Map.of(
        "initial", reason("attrs", "initial"),
        "ne", reason("attrs", "ne"),
        "merge", reason("attrs", "merge"),
        "bot", reason("attrs", "bot"),
        "past", reason("attrs", "past"),
        "tiny", reason("attrs", "tiny"),
        "factory", reason("attrs", "factory"),
        "secret", reason("attrs", "secret")));
    assertEquals("release", reason("attrs", "release"));
    assertEquals("english_message", reason("attrs", "german"));
    assertEquals("language", reason("attrs", "readme"));
    assertEquals("kept", reason("attrs", "slots"));
  }

  @Test
  @Order(2)
  void theSameRepositoryMinedUnderTwoNamesKeepsNoMoreThanOneCopy() {
    assertEquals(Set.of("attrs/" + sha.get("ne"), "attrs/" + sha.get("factory"), "attrs/" + sha.get("secret"),
        "attrs/" + sha.get("slots")), examples());
    assertEquals("dedup_exact", reason("attrs-copy", "ne"));
    assertEquals("dedup_exact", reason("attrs-copy", "slots"));
    assertEquals("imperative_subject", reason("attrs-copy", "past"), "rules run on the copy as on the original");
    Row cluster = spark.sql("select * from silver.dedup_clusters where kept_sha = '" + sha.get("ne") + "'").head();
    assertEquals("exact", cluster.getString(cluster.fieldIndex("kind")));
    assertEquals("attrs", cluster.getString(cluster.fieldIndex("kept_repo_id")));
    List<Row> dropped = cluster.getList(cluster.fieldIndex("dropped"));
    assertEquals("attrs-copy", dropped.get(0).getString(0));
    assertEquals(1.0, dropped.get(0).getDouble(2));
  }

  @Test
  @Order(3)
  void rejectedCommitsKeepEachRulesOutcomeAndTheReasonInTheirDetail() {
    Row tiny = scores().get("attrs/" + sha.get("tiny"));
    List<Row> rules = tiny.getList(tiny.fieldIndex("rules"));
    List<String> names = rules.stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of("merge", "revert", "bot_author", "work_in_progress", "version_bump", "release",
        "changelog_only", "generated_only", "language", "diff_size", "test_evidence", "license"), names,
        "every commit rule runs; message rules only after all of them pass");
    Row diffSize = rules.get(names.indexOf("diff_size"));
    assertFalse(diffSize.getBoolean(1));
    assertEquals("2 lines, 1 source files: fewer than 3 lines", diffSize.getString(3));
    assertFalse(tiny.getBoolean(tiny.fieldIndex("kept")));
    assertNull(tiny.get(tiny.fieldIndex("change_hash")));

    Row german = scores().get("attrs/" + sha.get("german"));
    List<String> germanRules = german.<Row>getList(german.fieldIndex("rules")).stream().map(r -> r.getString(0)).toList();
    assertTrue(germanRules.containsAll(List.of("imperative_subject", "descriptive_subject", "english_message")));
    assertFalse(germanRules.contains("secrets"), "a commit stops at its first failed message rule's stage");

    Row bot = scores().get("attrs/" + sha.get("bot"));
    String detail = bot.<Row>getList(bot.fieldIndex("rules")).get(2).getString(3);
    assertFalse(detail.contains("noreply"), "author e-mails never leave bronze: " + detail);
  }

  @Test
  @Order(4)
  void examplesCarryTheCleanedInstructionFilesAndTestEvidence() {
    Row ne = spark.sql("select * from silver.examples where sha = '" + sha.get("ne") + "'").head();
    assertEquals("Add ne validator\n\nIt raises ValueError if the initializer is called with a value equal to the bound.",
        ne.getString(ne.fieldIndex("instruction")));
    assertEquals("python", ne.getString(ne.fieldIndex("language")));
    assertEquals("MIT", ne.getString(ne.fieldIndex("license")));
    assertEquals("libraries", ne.getString(ne.fieldIndex("domain")));
    assertEquals(sha.get("initial"), ne.getString(ne.fieldIndex("parent_sha")));
    assertEquals(List.of("tests/test_validators.py"), ne.getList(ne.fieldIndex("test_files")));
    assertEquals(List.of("src/attr/validators.py"), ne.getList(ne.fieldIndex("source_files")));
    assertEquals("changed", ne.getString(ne.fieldIndex("test_evidence")));
    List<Row> files = ne.getList(ne.fieldIndex("files"));
    assertEquals(3, files.size());
    Row validators = files.stream().filter(f -> f.getString(0).equals("src/attr/validators.py")).findFirst().get();
    assertEquals(VALIDATORS, validators.getString(3));
    assertEquals(VALIDATORS_WITH_NE, validators.getString(4));
    assertTrue(validators.getString(5).contains("+class _NeValidator:"));
    assertFalse(ne.<String>getList(ne.fieldIndex("keywords")).isEmpty());
    double quality = ne.getDouble(ne.fieldIndex("quality"));
    assertTrue(quality > 0.5 && quality <= 1.0, "quality " + quality);

    Row factory = spark.sql("select * from silver.examples where sha = '" + sha.get("factory") + "'").head();
    assertEquals("module", factory.getString(factory.fieldIndex("test_evidence")));
    assertEquals(List.of(), factory.getList(factory.fieldIndex("test_files")));
  }

  @Test
  @Order(5)
  void secretsAndEmailsAreRedactedConsistentlyAndNoEmailLeavesBronze() {
    Row secret = spark.sql("select * from silver.examples where sha = '" + sha.get("secret") + "'").head();
    String text = secret.toString();
    assertFalse(text.contains("AKIA" + "IOSFODNN7EXAMPLQ"), "the key is redacted");
    assertFalse(text.contains("corp-mail.io"), "e-mail addresses are redacted");
    assertTrue(secret.getString(secret.fieldIndex("instruction")).contains("[REDACTED:email]"));
    Row upload = secret.<Row>getList(secret.fieldIndex("files")).stream()
        .filter(f -> f.getString(0).equals("src/attr/upload.py")).findFirst().get();
    assertTrue(upload.getString(4).contains("ACCESS_KEY = \"[REDACTED:aws_access_key]\""));
    assertTrue(upload.getString(5).contains("+ACCESS_KEY = \"[REDACTED:aws_access_key]\""));
    for (TableDef t : List.of(Tables.SILVER_COMMIT_SCORES, Tables.SILVER_EXAMPLES, Tables.SILVER_DEDUP_CLUSTERS,
        Tables.SILVER_FUNNEL)) {
      long leaks = spark.table(t.qualifiedName()).toJSON().filter((org.apache.spark.api.java.function.FilterFunction<String>)
          s -> s.contains("hs@example.org") || s.contains("noreply") || s.contains("corp-mail.io")).count();
      assertEquals(0, leaks, t + " holds an e-mail address");
    }
  }

  @Test
  @Order(6)
  void funnelStepsChainAndTheLastRuleKeepsTheExamplesBeforeDedup() {
    for (String run : runs.values()) {
      Map<String, List<Row>> byRepo = spark.sql("select * from silver.funnel where run_id = '" + run + "' order by step")
          .collectAsList().stream().collect(Collectors.groupingBy(r -> r.getString(r.fieldIndex("repo_id"))));
      for (Map.Entry<String, List<Row>> e : byRepo.entrySet()) {
        List<Row> steps = e.getValue();
        String repo = e.getKey();
        long curated = spark.sql("select count(*) from silver.commit_scores where run_id = '" + run
            + "' and repo_id = '" + repo + "'").head().getLong(0);
        assertEquals(curated, steps.get(0).getLong(steps.get(0).fieldIndex("rows_in")));
        for (int i = 1; i < steps.size(); i++) {
          assertEquals(steps.get(i - 1).getLong(5), steps.get(i).getLong(4), repo + " step " + (i + 1));
        }
        Row lastRule = steps.stream().filter(r -> r.getString(3).equals("secrets")).findFirst().get();
        long beforeDedup = spark.sql("select count(*) from silver.commit_scores where run_id = '" + run
            + "' and repo_id = '" + repo + "' and (kept or reject_reason like 'dedup_%')").head().getLong(0);
        assertEquals(beforeDedup, lastRule.getLong(5), "last rule's rows_out is the examples before dedup");
        long keptNow = spark.sql("select count(*) from silver.commit_scores where run_id = '" + run
            + "' and repo_id = '" + repo + "' and kept").head().getLong(0);
        assertEquals(keptNow, steps.get(steps.size() - 1).getLong(5));
      }
    }
    Row copyNe = spark.sql("select rows_in, rows_out from silver.funnel where repo_id = 'attrs-copy' "
        + "and rule = 'dedup_exact' and run_id = '" + runs.get("1") + "'").head();
    assertEquals(4, copyNe.getLong(0));
    assertEquals(0, copyNe.getLong(1));
  }

  static final String FLAGS = """
      import os

      TRUE = ("1", "true", "yes", "on")


      def flag(name, default=False):
          \"\"\"The environment variable *name* read as a boolean.\"\"\"
          value = os.environ.get(name)
          if value is None:
              return default
          return value.strip().lower() in TRUE
      """;

  static final String TEST_FLAGS = """
      from flags import flag


      def test_flag_reads_yes(monkeypatch):
          monkeypatch.setenv("X", "yes")
          assert flag("X") is True
      """;

  @Test
  @Order(7)
  void aSecondRunDeduplicatesNewRepositoriesAgainstEverythingCuratedBefore() throws Exception {
    BronzeFixture.Repo vendor = bronze.repo("vendor-app", "MIT");
    add("", "v0", vendor.commit("Initial import").at("2022-05-01T10:00:00Z")
        .write("src/app/compat/converters.py", VENDORED_CONVERTERS)
        .write("src/app/compat/validators.py", VALIDATORS)
        .write("tests/test_converters.py", TEST_CONVERTERS).write("tests/test_validators.py", TEST_VALIDATORS));
    // The attrs factory change cherry-picked onto the vendored copy, one message reworded: a near duplicate.
    add("", "v1", vendor.commit("Handle factories in the vendored default_if_none").at("2023-01-10T10:00:00Z")
        .write("src/app/compat/converters.py", VENDORED_CONVERTERS.replace(OLD_DEFAULT_IF_NONE,
            PythonSources.FACTORY_DEFAULT.replace("Must pass either `default` or `factory` but not both.",
                "Pass `default` or `factory`, never both."))));
    // The attrs ne change made again two years later under other paths: an exact duplicate.
    add("", "v2", vendor.commit("Add ne validator to the vendored validators").at("2023-02-01T10:00:00Z")
        .write("src/app/compat/validators.py", VALIDATORS_WITH_NE)
        .write("tests/test_validators.py", TEST_VALIDATORS_WITH_NE)
        .write("docs/changes/ne.md", "Added `attrs.validators.ne()`.\n"));
    add("", "v3", vendor.commit("Add a flag reader for environment variables").at("2023-03-01T10:00:00Z")
        .write("src/app/flags.py", FLAGS).write("tests/test_flags.py", TEST_FLAGS));
    BronzeFixture.Repo other = bronze.repo("other-lib", "Apache-2.0");
    add("", "o0", other.commit("Initial import").at("2022-01-01T10:00:00Z")
        .write("src/other/converters.py", CONVERTERS).write("tests/test_converters.py", TEST_CONVERTERS));
    // Another take on the same function: a near miss that must survive.
    add("", "o1", other.commit("Handle lazy defaults in default_if_none").at("2022-06-01T10:00:00Z")
        .write("src/other/converters.py", CONVERTERS.replace(OLD_DEFAULT_IF_NONE, LAZY_DEFAULT)));
    bronze.writeTo(lakehouse);
    runs.put("2", curate());

    assertEquals("dedup_near", reason("vendor-app", "v1"));
    assertEquals("dedup_exact", reason("vendor-app", "v2"));
    assertEquals("kept", reason("vendor-app", "v3"));
    assertEquals("kept", reason("other-lib", "o1"));
    Row near = spark.sql("select * from silver.dedup_clusters where kept_sha = '" + sha.get("factory") + "'").head();
    Row dropped = near.<Row>getList(near.fieldIndex("dropped")).stream()
        .filter(r -> r.getString(0).equals("vendor-app")).findFirst().get();
    assertTrue(dropped.getDouble(2) >= 0.8 && dropped.getDouble(2) < 1.0, "similarity " + dropped.getDouble(2));
    assertEquals("near", near.getString(near.fieldIndex("kind")));
    Row first = scores().get("attrs/" + sha.get("ne"));
    assertEquals(runs.get("1"), first.getString(first.fieldIndex("run_id")), "earlier rows are not recomputed");
    assertEquals(6, examples().size());
  }

  @Test
  @Order(8)
  void aRerunOverUnchangedBronzeChangesNoRow() throws Exception {
    Map<String, Long> before = silverVersions();
    curate(StageStatus.SKIPPED);
    assertEquals(before, silverVersions());
  }

  @Test
  @Order(9)
  void anEarlierDuplicateMinedLaterDisplacesTheExampleKeptBefore() throws Exception {
    String cluster = scores().get("vendor-app/" + sha.get("v3")).getString(scores().get("vendor-app/" + sha.get("v3"))
        .fieldIndex("cluster_id"));
    BronzeFixture.Repo upstream = bronze.repo("upstream-lib", "BSD-3-Clause");
    add("", "u0", upstream.commit("Initial import").at("2019-12-01T10:00:00Z").write("README.rst", "flags\n"));
    add("", "u1", upstream.commit("Add a flag reader for environment variables").at("2020-01-15T10:00:00Z")
        .write("flags.py", FLAGS).write("tests/test_flags.py", TEST_FLAGS));
    bronze.writeTo(lakehouse);
    runs.put("4", curate());

    Set<String> now = examples();
    assertTrue(now.contains("upstream-lib/" + sha.get("u1")));
    assertFalse(now.contains("vendor-app/" + sha.get("v3")));
    Row displaced = scores().get("vendor-app/" + sha.get("v3"));
    assertFalse(displaced.getBoolean(displaced.fieldIndex("kept")));
    assertEquals("dedup_exact", displaced.getString(displaced.fieldIndex("reject_reason")));
    assertEquals(cluster, displaced.getString(displaced.fieldIndex("cluster_id")), "the cluster keeps its id");
    Row c = spark.sql("select * from silver.dedup_clusters where cluster_id = '" + cluster + "'").head();
    assertEquals("upstream-lib", c.getString(c.fieldIndex("kept_repo_id")));
    assertEquals(List.of("vendor-app"), c.<Row>getList(c.fieldIndex("dropped")).stream().map(r -> r.getString(0)).toList());
    Row example = spark.sql("select cluster_id from silver.examples where sha = '" + sha.get("u1") + "'").head();
    assertEquals(cluster, example.getString(0));
  }

  static Map<String, Long> silverVersions() {
    Map<String, Long> v = new TreeMap<>();
    for (TableDef t : List.of(Tables.SILVER_COMMIT_SCORES, Tables.SILVER_EXAMPLES, Tables.SILVER_DEDUP_CLUSTERS,
        Tables.SILVER_FUNNEL)) {
      v.put(t.qualifiedName(), lakehouse.table(t).version());
    }
    return v;
  }

  @Test
  @Order(10)
  void reportFunnelPrintsEachRepositoryThenAllOfThem() throws Exception {
    String table = runCli("report", "funnel", "--warehouse", warehouse.root());
    assertTrue(table.contains("attrs: 12 commits, 4 kept (33.3%)"), table);
    assertTrue(table.contains("all repositories: "), table);
    assertTrue(table.contains("| 17   | dedup_exact"), table);
    String json = runCli("report", "funnel", "--warehouse", warehouse.root(), "--format", "json");
    String lastLine = json.strip().substring(json.strip().lastIndexOf('\n') + 1);
    assertTrue(lastLine.startsWith("{\"repo_id\":\"*\",\"step\":18,\"rule\":\"dedup_near\""), lastLine);
  }

  @Test
  @Order(11)
  void curatingAWarehouseWithoutBronzeIsAUsageError() throws Exception {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    int code;
    try {
      code = dev.lode.cli.Lode.execute("curate", "--warehouse", dir.resolve("empty").toString());
    } finally {
      System.setErr(saved);
    }
    assertEquals(2, code);
    assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains("no bronze.commits in warehouse"), err.toString());
  }

  static String runCli(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertEquals(0, dev.lode.cli.Lode.execute(args));
    } finally {
      System.setOut(saved);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
