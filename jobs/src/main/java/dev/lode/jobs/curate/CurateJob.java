package dev.lode.jobs.curate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import dev.lode.config.CurateConfig;
import dev.lode.curate.CurationRules;
import dev.lode.curate.Funnel;
import dev.lode.curate.Outcome;
import dev.lode.curate.rules.TestEvidenceRule;
import dev.lode.dedup.DuplicateClusters;
import dev.lode.jobs.dedup.NearDuplicates;
import dev.lode.lakehouse.RowShape;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.StageRun;
import dev.lode.lakehouse.Table;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lode curate}: bronze commits → silver.commit_scores, silver.examples, silver.dedup_clusters and
 * silver.funnel. Incremental: only commits not yet in silver.commit_scores are curated, and nothing is written when
 * there are none, so a rerun over unchanged bronze changes no row.
 *
 * <ol>
 *   <li>commit rules on every new commit ({@link CommitScoring}: metadata, file list, tree, license);</li>
 *   <li>the Spark-NLP {@link MessagePipeline} and the message rules on those that passed ({@link MessageScoring});</li>
 *   <li>contents from bronze.file_changes, the secrets rule and redaction on those that passed
 *       ({@link ExampleBuilder});</li>
 *   <li>exact and near-duplicate removal against everything curated before ({@link ChangeDedup});</li>
 *   <li>writes: examples and clusters first, commit_scores last (it marks a commit as curated), then the funnel,
 *       so that a run killed at any point and rerun loses nothing.</li>
 * </ol>
 *
 * <p>A run in which some rule could not judge some commit (it is rejected with the error as detail) is partial.
 */
public final class CurateJob implements Stage<CurateJob.Summary> {
  private static final Logger LOG = LoggerFactory.getLogger(CurateJob.class);
  private static final String[] KEY = {"repo_id", "sha"};
  private static final StructType DECISIONS = new StructType()
      .add("repo_id", DataTypes.StringType, false)
      .add("sha", DataTypes.StringType, false)
      .add("dedup_kept", DataTypes.BooleanType, false)
      .add("cluster_id", DataTypes.StringType, false)
      .add("dedup_rules", DataTypes.createArrayType(Tables.RULE_OUTCOME, false), false);

  /** What one curation run did. {@code rejected} counts this run's commits by the step that dropped them. */
  public record Summary(long commits, long kept, long errors, long displaced, Map<String, Long> rejected) {
    static Summary nothing() {
      return new Summary(0, 0, 0, 0, Map.of());
    }
  }

  @Override
  public String name() {
    return "curate";
  }

  @Override
  public List<TableDef> reads() {
    return List.of(Tables.BRONZE_COMMITS, Tables.BRONZE_FILE_CHANGES, Tables.BRONZE_TREES, Tables.BRONZE_REPOS,
        Tables.SILVER_COMMIT_SCORES);
  }

  @Override
  public List<TableDef> writes() {
    return List.of(Tables.SILVER_EXAMPLES, Tables.SILVER_DEDUP_CLUSTERS, Tables.SILVER_COMMIT_SCORES,
        Tables.SILVER_FUNNEL);
  }

  @Override
  public List<String> settings() {
    return List.of("curate");
  }

  /** Curates every bronze commit not curated yet. */
  @Override
  public Summary run(StageRun run) {
    long started = System.nanoTime();
    SparkSession spark = run.spark();
    CurateConfig config = run.config().curate();
    CurationRules rules = new CurationRules(config);
    CurateConfig.Dedup d = config.dedup();
    NearDuplicates near = new NearDuplicates(d.threshold(), d.shingleSize(), d.bands(), d.rowsPerBand(), d.seed());
    if (!run.table(Tables.BRONZE_COMMITS).exists()) {
      throw new IllegalStateException("bronze.commits does not exist in " + run.warehouse().root()
          + ": mine repositories first (lode mine)");
    }

    Dataset<Row> commits = run.table(Tables.BRONZE_COMMITS).read();
    Dataset<Row> files = run.table(Tables.BRONZE_FILE_CHANGES).read();
    // Trees are only consulted for module test evidence; with `changed` evidence they are not read at all.
    boolean needTrees = "module".equals(config.tests().evidence())
        && !config.disabledRules().contains(TestEvidenceRule.NAME);
    Dataset<Row> trees = needTrees ? run.table(Tables.BRONZE_TREES).read().select(col("repo_id"), col("sha"),
        col("paths").as("tree_paths")) : null;
    Dataset<Row> repos = run.table(Tables.BRONZE_REPOS).read();
    boolean curatedBefore = run.table(Tables.SILVER_COMMIT_SCORES).exists();
    Dataset<Row> scored = run.table(Tables.SILVER_COMMIT_SCORES).read();

    // 1. Commit rules, on every commit not curated yet.
    Dataset<Row> fresh = commits.join(scored.select(col("repo_id"), col("sha")), seq(KEY), "left_anti");
    Dataset<Row> fileLists = files.groupBy(col("repo_id"), col("sha")).agg(collect_list(struct(col("path"),
        col("change_type"), col("language"), col("is_binary"), col("is_test"), col("added_lines"),
        col("deleted_lines"))).as("files"));
    Dataset<Row> withFiles = fresh
        .select("repo_id", "sha", "commit_time", "parents", "author_name", "author_email", "message", "subject")
        .join(fileLists, seq(KEY), "left");
    Dataset<Row> withTrees = trees != null ? withFiles.join(trees, seq(KEY), "left")
        : withFiles.withColumn("tree_paths", lit(null).cast(DataTypes.createArrayType(DataTypes.StringType)));
    Dataset<Row> facts = withTrees.join(repos.select("repo_id", "license", "domain"), seq("repo_id"), "left");
    Dataset<Row> byCommit = facts.mapPartitions(new CommitScoring(config), Encoders.row(CommitScoring.SCHEMA))
        .persist(StorageLevel.MEMORY_AND_DISK());
    List<Dataset<Row>> cached = new ArrayList<>(List.of(byCommit));
    LOG.info("curate: bronze read at pinned versions ({})", since(started));
    try {
      Row counts = byCommit.agg(functions.count(lit(1)), functions.sum(when(col("passed"), 1).otherwise(0)))
          .head();
      long total = counts.getLong(0);
      if (total == 0) {
        LOG.info("curate: no new commits in bronze; nothing written");
        run.count("commits", 0);
        return Summary.nothing();
      }
      Dataset<Row> passedCommitRules = byCommit.where(col("passed"));
      long passedCount = counts.getLong(1);
      LOG.info("curate: {} new commits, {} pass the commit rules ({})", total, passedCount, since(started));

      // 2. Message NLP and message rules, only on what survived the cheap rules.
      Dataset<Row> byMessage = passedCount == 0 ? empty(spark, MessageScoring.SCHEMA)
          : new MessagePipeline(config.message().keywords())
              .annotate(passedCommitRules.select("repo_id", "sha", "subject_clean", "instruction"))
              .mapPartitions(new MessageScoring(config), Encoders.row(MessageScoring.SCHEMA))
              .persist(StorageLevel.MEMORY_AND_DISK());
      cached.add(byMessage);
      long passedMessageCount = byMessage.where(col("message_passed")).count();
      LOG.info("curate: {} pass the message rules ({})", passedMessageCount, since(started));

      // 3. Contents, secrets and fingerprints, only for what passed the message rules.
      Dataset<Row> passedMessage = byMessage.where(col("message_passed"));
      Dataset<Row> fullFiles = files.join(broadcast(passedMessage.select("repo_id", "sha")), seq(KEY))
          .groupBy(col("repo_id"), col("sha")).agg(collect_list(struct(col("path"), col("change_type"),
              col("language"), col("is_binary"), col("is_test"), col("added_lines"), col("deleted_lines"),
              col("diff"), col("old_content"), col("new_content"), col("changed_methods"))).as("full_files"));
      Dataset<Row> byContent = passedMessage.select("repo_id", "sha", "message_score", "keywords")
          .join(byCommit.select("repo_id", "sha", "commit_time", "parent_sha", "license", "domain", "instruction",
              "rules", "test_evidence"), seq(KEY))
          .join(fullFiles, seq(KEY), "left")
          .mapPartitions(new ExampleBuilder(config, near), Encoders.row(ExampleBuilder.SCHEMA))
          .persist(StorageLevel.MEMORY_AND_DISK());
      cached.add(byContent);

      // 4. Deduplication against everything curated before.
      Dataset<Row> candidates = byContent.where(col("content_passed"))
          .select("repo_id", "sha", "commit_time", "change_hash", "minhash");
      List<Row> candidateRows = candidates.collectAsList();
      LOG.info("curate: {} pass the content rules ({})", candidateRows.size(), since(started));
      Dataset<Row> earlier = scored.where(col("change_hash").isNotNull())
          .select("repo_id", "sha", "commit_time", "change_hash", "minhash", "cluster_id", "kept");
      DuplicateClusters.Result dedup = ChangeDedup.run(candidates, candidateRows, earlier, curatedBefore, near);
      LOG.info("curate: {} clusters of duplicates ({})", dedup.clusters().size(), since(started));

      // 5. Writes.
      List<Row> decisionRows = new ArrayList<>();
      List<DuplicateClusters.Decision> changedEarlier = new ArrayList<>();
      for (DuplicateClusters.Decision dec : dedup.decisions()) {
        if (dec.member().clusterId() == null) {
          decisionRows.add(RowShape.of(DECISIONS, "dedup decisions").row().set("repo_id", dec.member().repoId())
              .set("sha", dec.member().sha()).set("dedup_kept", dec.kept()).set("cluster_id", dec.clusterId())
              .set("dedup_rules", Outcomes.toRows(dedupOutcomes(dec))).build());
        } else if (dec.changesExisting()) {
          changedEarlier.add(dec);
        }
      }
      Dataset<Row> decisions = spark.createDataFrame(decisionRows, DECISIONS);

      Dataset<Row> examples = byContent.where(col("content_passed"))
          .join(decisions.where(col("dedup_kept")).select("repo_id", "sha", "cluster_id"), seq(KEY));
      Table silverExamples = run.table(Tables.SILVER_EXAMPLES);
      silverExamples.insertNew(silverExamples.conform(examples));
      LOG.info("curate: examples written ({})", since(started));
      writeClusters(run, dedup.clusters());
      long displaced = applyToEarlier(run, changedEarlier, scored);

      Dataset<Row> rowsOut = byCommit.select(col("repo_id"), col("sha"), col("commit_time"), col("rules").as("r1"))
          .join(byMessage.select(col("repo_id"), col("sha"), col("message_rules").as("r2")), seq(KEY), "left")
          .join(byContent.select(col("repo_id"), col("sha"), col("content_rules").as("r3"), col("content_passed"),
              col("change_hash"), col("minhash")), seq(KEY), "left")
          .join(decisions.select(col("repo_id"), col("sha"), col("dedup_rules").as("r4"), col("cluster_id")),
              seq(KEY), "left")
          .select(col("repo_id"), col("sha"), col("commit_time"),
              concat(col("r1"), orEmpty("r2"), orEmpty("r3"), orEmpty("r4")).as("rules"),
              when(col("content_passed"), col("change_hash")).as("change_hash"),
              when(col("content_passed"), col("minhash")).as("minhash"), col("cluster_id"))
          .withColumn("reject_reason", expr("element_at(filter(rules, r -> NOT r.passed), 1).rule"))
          .withColumn("kept", col("reject_reason").isNull())
          .withColumn("run_id", lit(run.runId()))
          .persist(StorageLevel.MEMORY_AND_DISK());
      cached.add(rowsOut);
      run.table(Tables.SILVER_COMMIT_SCORES).insertNew(rowsOut);
      LOG.info("curate: commit scores written ({})", since(started));

      Summary summary = writeFunnel(run, rules, rowsOut, displaced);
      LOG.info("curate: written ({})", since(started));
      long errors = summary.errors();
      run.count("commits", summary.commits());
      run.count("kept", summary.kept());
      run.count("displaced", displaced);
      run.count("rule_errors", errors);
      if (errors > 0) {
        run.partial(errors + " rule evaluations failed with an error; their commits are rejected with the error "
            + "as detail in silver.commit_scores");
      }
      return new Summary(summary.commits(), summary.kept(), errors, displaced, summary.rejected());
    } finally {
      cached.forEach(Dataset::unpersist);
    }
  }

  /** The dedup steps' outcomes for one commit of this run; a dropped commit stops at the step that dropped it. */
  private static List<Outcome> dedupOutcomes(DuplicateClusters.Decision d) {
    String of = d.keptMember().key();
    if (d.kept()) {
      return List.of(new Outcome(CurationRules.DEDUP_EXACT, true, null, null),
          new Outcome(CurationRules.DEDUP_NEAR, true, null, null));
    }
    if (CurationRules.DEDUP_EXACT.equals(d.reason())) {
      return List.of(new Outcome(CurationRules.DEDUP_EXACT, false, 1.0, "same change as " + of));
    }
    return List.of(new Outcome(CurationRules.DEDUP_EXACT, true, null, null),
        new Outcome(CurationRules.DEDUP_NEAR, false, d.similarity(),
            String.format("near-duplicate of %s (estimated Jaccard %.2f)", of, d.similarity())));
  }

  private static void writeClusters(StageRun run, List<DuplicateClusters.Cluster> clusters) {
    Table table = run.table(Tables.SILVER_DEDUP_CLUSTERS);
    if (clusters.isEmpty()) {
      table.ensure(); // queryable, if empty
      return;
    }
    List<Row> rows = new ArrayList<>();
    List<Row> replaced = new ArrayList<>();
    for (DuplicateClusters.Cluster c : clusters) {
      List<Row> dropped = new ArrayList<>();
      for (DuplicateClusters.Decision d : c.dropped()) {
        dropped.add(DROPPED.row().set("repo_id", d.member().repoId()).set("sha", d.member().sha())
            .set("similarity", d.similarity()).build());
      }
      rows.add(table.newRow().set("cluster_id", c.clusterId()).set("kind", c.kind())
          .set("kept_repo_id", c.kept().repoId()).set("kept_sha", c.kept().sha()).set("dropped", dropped)
          .set("run_id", run.runId()).build());
      for (String id : c.replacedClusterIds()) {
        replaced.add(RowFactory.create(id));
      }
    }
    table.upsert(table.frame(rows));
    if (!replaced.isEmpty()) {
      Table.WriteResult merged = table.deleteKeys(run.spark().createDataFrame(replaced,
          new StructType().add("cluster_id", DataTypes.StringType)));
      run.count("silver.dedup_clusters.merged_away", merged.deleted());
    }
  }

  private static final RowShape DROPPED = RowShape.of(Tables.DROPPED_DUPLICATE, "a dropped duplicate");

  /**
   * Applies this run's decisions to commits curated earlier: a kept example displaced by an earlier duplicate
   * mined now leaves silver.examples (its commit_scores row says why), and examples whose cluster merged into
   * another take the surviving cluster's id. Returns the number displaced.
   */
  private static long applyToEarlier(StageRun run, List<DuplicateClusters.Decision> changed, Dataset<Row> scored) {
    if (changed.isEmpty()) {
      return 0;
    }
    SparkSession spark = run.spark();
    Map<String, DuplicateClusters.Decision> byKey = new HashMap<>();
    for (DuplicateClusters.Decision d : changed) {
      byKey.put(d.member().key(), d);
    }
    Dataset<Row> keys = spark.createDataFrame(changed.stream()
        .map(d -> RowFactory.create(d.member().repoId(), d.member().sha())).toList(), keySchema());
    List<Row> updatedScores = new ArrayList<>();
    for (Row r : scored.join(keys, seq(KEY)).collectAsList()) {
      DuplicateClusters.Decision d = byKey.get(r.getString(r.fieldIndex("repo_id")) + "/" + r.getString(r.fieldIndex("sha")));
      List<Outcome> outcomes = new ArrayList<>();
      for (Outcome o : Outcomes.fromRows(r.getList(r.fieldIndex("rules")))) {
        if (!o.rule().equals(CurationRules.DEDUP_EXACT) && !o.rule().equals(CurationRules.DEDUP_NEAR)) {
          outcomes.add(o);
        }
      }
      outcomes.addAll(dedupOutcomes(d));
      Object[] values = new Object[r.length()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.get(i);
      }
      values[r.fieldIndex("rules")] = Outcomes.toRows(outcomes);
      values[r.fieldIndex("kept")] = d.kept();
      values[r.fieldIndex("reject_reason")] = d.kept() ? null : d.reason();
      values[r.fieldIndex("cluster_id")] = d.clusterId();
      updatedScores.add(RowFactory.create(values));
    }
    List<Row> displaced = new ArrayList<>();
    List<Row> recluster = new ArrayList<>();
    for (DuplicateClusters.Decision d : changed) {
      Row key = RowFactory.create(d.member().repoId(), d.member().sha(), d.clusterId());
      if (d.member().kept() && !d.kept()) {
        displaced.add(key);
      } else if (d.kept()) {
        recluster.add(key);
      }
    }
    StructType keyAndCluster = keySchema().add("new_cluster_id", DataTypes.StringType);
    Table examples = run.table(Tables.SILVER_EXAMPLES);
    if (!recluster.isEmpty()) {
      Dataset<Row> moved = examples.current()
          .join(spark.createDataFrame(recluster, keyAndCluster), seq(KEY))
          .withColumn("cluster_id", col("new_cluster_id"));
      examples.upsert(examples.conform(moved));
    }
    if (!displaced.isEmpty()) {
      long n = examples.deleteKeys(spark.createDataFrame(displaced, keyAndCluster)).deleted();
      run.count("silver.examples.displaced", n);
      LOG.info("curate: {} earlier examples displaced by earlier duplicates mined now", n);
    }
    Table scores = run.table(Tables.SILVER_COMMIT_SCORES);
    scores.upsert(scores.frame(updatedScores));
    return displaced.size();
  }

  private static Summary writeFunnel(StageRun run, CurationRules rules, Dataset<Row> rowsOut, long displaced) {
    Map<String, Map<String, Long>> rejected = new TreeMap<>();
    Map<String, Long> totals = new TreeMap<>();
    long errors = 0;
    for (Row r : rowsOut.groupBy("repo_id", "reject_reason").agg(functions.count(lit(1)),
        functions.sum(expr("size(filter(rules, o -> o.detail LIKE '" + Outcome.ERROR_PREFIX + "%'))")))
        .collectAsList()) {
      String repo = r.getString(0);
      long n = r.getLong(2);
      errors += r.isNullAt(3) ? 0 : r.getLong(3);
      totals.merge(repo, n, Long::sum);
      if (!r.isNullAt(1)) {
        rejected.computeIfAbsent(repo, k -> new HashMap<>()).put(r.getString(1), n);
      }
    }
    List<Row> rows = new ArrayList<>();
    Map<String, Long> overall = new LinkedHashMap<>();
    long commits = 0;
    long kept = 0;
    for (Map.Entry<String, Long> e : totals.entrySet()) {
      List<Funnel.Step> steps = Funnel.of(rules.steps(), e.getValue(), rejected.getOrDefault(e.getKey(), Map.of()));
      for (Funnel.Step s : steps) {
        rows.add(Tables.SILVER_FUNNEL.newRow().set("run_id", run.runId()).set("repo_id", e.getKey())
            .set("step", s.step()).set("rule", s.rule()).set("rows_in", s.rowsIn()).set("rows_out", s.rowsOut())
            .build());
        overall.merge(s.rule(), s.rowsIn() - s.rowsOut(), Long::sum);
      }
      commits += e.getValue();
      kept += steps.get(steps.size() - 1).rowsOut();
    }
    Table funnel = run.table(Tables.SILVER_FUNNEL);
    funnel.append(funnel.frame(rows));
    LOG.info("curate: kept {} of {} commits ({} earlier examples displaced)", kept, commits, displaced);
    return new Summary(commits, kept, errors, displaced, overall);
  }

  private static String since(long startNanos) {
    return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }

  private static Column orEmpty(String column) {
    return coalesce(col(column), array().cast(DataTypes.createArrayType(Tables.RULE_OUTCOME, false)));
  }

  private static StructType keySchema() {
    return new StructType().add("repo_id", DataTypes.StringType, false).add("sha", DataTypes.StringType, false);
  }

  private static Dataset<Row> empty(SparkSession spark, StructType schema) {
    return spark.createDataFrame(List.of(), schema);
  }

  private static scala.collection.Seq<String> seq(String... columns) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(columns)).toSeq();
  }
}
