package dev.lode.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.lode.config.GoldConfig;
import dev.lode.gold.Seeds;
import dev.lode.gold.generate.SyntheticQuota;
import dev.lode.lakehouse.GoldRounds;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lode gold}: one new round of gold.examples and gold.pairs from the curated commits no earlier round used.
 * Split by time, cap domains, make real examples and ×factor validated synthetic ones, replay earlier rounds,
 * decontaminate train, check the quality gates, and only then write. Every step's counts go to ops.runs.
 *
 * <p>Rounds accumulate (see {@link GoldRounds}): a round whose run died half-way is removed by the next run's
 * {@link #repair} and made again. A round that misses a quality gate is not written: the run fails naming the gate
 * and the previous gold version stays current.
 */
public final class GoldJob implements Stage<GoldJob.Summary> {
  private static final Logger LOG = LoggerFactory.getLogger(GoldJob.class);

  /** What a gold run did. {@code round} is 0 when there was nothing new to make a round of. */
  public record Summary(int round, Map<String, Long> counts, List<QualityGates.Gate> gates,
      ChronologicalSplit split) {}

  @Override
  public String name() {
    return "gold";
  }

  @Override
  public List<TableDef> reads() {
    return List.of(Tables.SILVER_EXAMPLES, Tables.BRONZE_TREES, Tables.GOLD_EXAMPLES);
  }

  @Override
  public List<TableDef> writes() {
    return List.of(Tables.GOLD_EXAMPLES, Tables.GOLD_PAIRS);
  }

  @Override
  public List<String> settings() {
    return List.of("gold");
  }

  /** Removes the rows of the latest round if no run completed it, so this run makes that round again. */
  @Override
  public void repair(StageRun run) {
    Table examples = run.table(Tables.GOLD_EXAMPLES);
    if (!examples.exists()) {
      return;
    }
    int latest = GoldRounds.highest(examples.current());
    if (latest == 0 || GoldRounds.completedRun(run.runs(), latest) != null) {
      return;
    }
    for (TableDef t : List.of(Tables.GOLD_EXAMPLES, Tables.GOLD_PAIRS)) {
      run.table(t).deleteWhere(col("round").equalTo(latest));
    }
    run.count("repaired_round", latest);
    LOG.warn("gold: round {} was left incomplete by an earlier run; its rows were removed and it is redone", latest);
  }

  @Override
  public Summary run(StageRun run) {
    return new Round(run).build();
  }

  private static final class Round {
    final StageRun run;
    final SparkSession spark;
    final GoldConfig config;
    final Map<String, Long> counts = new TreeMap<>();
    long last = System.nanoTime();

    /** Logs a finished step and how long it took: where a slow run spends its time. */
    private void step(String what) {
      long now = System.nanoTime();
      LOG.info("gold: {} ({} ms)", what, (now - last) / 1_000_000);
      last = now;
    }

    Round(StageRun run) {
      this.run = run;
      this.spark = run.spark();
      this.config = run.config().gold();
    }

    Summary build() {
      Dataset<Row> silver = run.table(Tables.SILVER_EXAMPLES).read();
      Dataset<Row> trees = run.table(Tables.BRONZE_TREES).read();
      Dataset<Row> gold = run.table(Tables.GOLD_EXAMPLES).read();
      int round = GoldRounds.highest(gold) + 1;

      Dataset<Row> used = gold.where(col("replay_of").isNull()).select("repo_id", "sha").distinct();
      Dataset<Row> commits = silver.join(used, silver.col("repo_id").equalTo(used.col("repo_id"))
          .and(silver.col("sha").equalTo(used.col("sha"))), "left_anti");
      long newCommits = commits.count();
      count("commits_new", newCommits);
      if (newCommits == 0) {
        LOG.info("gold: no curated commit is new since round {}; nothing to do", round - 1);
        return new Summary(0, counts, List.of(), null);
      }
      step(newCommits + " new curated commits");
      ChronologicalSplit split = ChronologicalSplit.of(commits, config.split());
      count("train_cutoff_ms", split.trainEnd().getTime());
      count("dev_cutoff_ms", split.devEnd().getTime());
      commits = split.assign(commits);

      Map<String, Long> domainDropped = new TreeMap<>();
      double[] effectiveCap = new double[1];
      commits = DomainCap.apply(commits, config.mix().domainCap(), config.seed(), domainDropped, effectiveCap);
      domainDropped.forEach((d, n) -> count("domain_cap_dropped_commits." + d, n));
      count("domain_cap_permille", Math.round(effectiveCap[0] * 1000));

      Dataset<Row> parentTrees = trees.select(col("repo_id").as("_t_repo"), col("sha").as("_t_sha"),
          col("paths").as("parent_paths"));
      commits = commits.join(parentTrees, col("repo_id").equalTo(col("_t_repo"))
          .and(col("parent_sha").equalTo(col("_t_sha"))), "left").drop("_t_repo", "_t_sha");

      step("split at " + split.trainEnd() + " / " + split.devEnd() + ", domain cap " + effectiveCap[0]);
      // Checkpointed, not cached: later plans start from these rows instead of repeating (and re-describing, on
      // every action) the whole lineage.
      Dataset<Row> generated = CommitGeneration.run(commits, config).localCheckpoint();
      step("generated examples of " + generated.count() + " commits");
      return finish(round, split, gold, generated);
    }

    private Summary finish(int round, ChronologicalSplit split, Dataset<Row> gold, Dataset<Row> generated) {
      // Refusals, as counted inside each commit's generation.
      for (Row r : generated.select(explode(col("rejections"))).groupBy("key").agg(expr("sum(value)"))
          .collectAsList()) {
        count("rejected." + r.getString(0), r.getLong(1));
      }
      step("refusals counted");
      Dataset<Row> real = examples(generated, "real");
      Dataset<Row> candidates = examples(generated, "synthetic");

      // A candidate that repeats a real row, or another candidate, is refused as a duplicate (real rows win).
      Dataset<Row> all = real.unionByName(candidates)
          .withColumn("_hash", sha2(concat(expr("to_json(prompt)"), lit("\u0000"), col("completion")), 256))
          .withColumn("_dup", row_number().over(Window.partitionBy("_hash")
              .orderBy(when(col("origin").equalTo("real"), 0).otherwise(1),
                  when(evalOnly(config.split()), 1).otherwise(0), // an eval-only copy never costs train a row
                  when(col("split").equalTo(ChronologicalSplit.TRAIN), 1).otherwise(0), // a repeat leaves train
                  col("commit_time"), col("example_id"))))
          .localCheckpoint();
      for (Row r : all.where(col("_dup").gt(1)).groupBy("generator").count().collectAsList()) {
        count("rejected." + r.getString(0) + ".duplicate", r.getLong(1));
      }
      step("duplicates refused");
      Dataset<Row> unique = all.where(col("_dup").equalTo(1)).drop("_dup", "_hash");
      real = unique.where(col("origin").equalTo("real"));
      candidates = unique.where(col("origin").equalTo("synthetic"))
          .withColumn("rank", row_number().over(Window.partitionBy("repo_id", "sha", "generator").orderBy("rank"))
              .minus(1));

      Dataset<Row> synthetic = select(real, candidates);
      Dataset<Row> rows = real.unionByName(synthetic).drop("rank", "key", "parent_key")
          .withColumn("eval_only", evalOnly(config.split()))
          .withColumn("round", lit(round)).withColumn("replay_of", lit(null).cast(DataTypes.StringType))
          .withColumn("caught_by_tests", lit(null).cast(DataTypes.BooleanType));
      long newTrain = rows.where(col("split").equalTo(ChronologicalSplit.TRAIN)).count();
      step("selected synthetic rows: " + newTrain + " train rows");

      Dataset<Row> replay = Replay.sample(gold, round, split, newTrain, config.mix().replayShare(), config.seed());
      Table goldExamples = run.table(Tables.GOLD_EXAMPLES);
      rows = goldExamples.conform(rows).unionByName(goldExamples.conform(replay)).localCheckpoint();
      count("replayed", replay.count());
      step("replayed " + counts.get("replayed") + " rows");

      if (config.decontamination().enabled()) {
        long[] removed = new long[3];
        rows = new Decontamination(config.decontamination().threshold(), config.seed()).apply(rows, removed)
            .localCheckpoint();
        count("decontaminated", removed[0]);
        count("decontaminated_children", removed[1]);
        count("decontaminated_eval_only", removed[2]);
        step("decontaminated " + removed[0] + " train rows");
      }
      for (Row r : rows.groupBy("split", "origin").count().collectAsList()) {
        count("rows." + r.getString(0) + "." + r.getString(1), r.getLong(2));
      }
      for (Row r : rows.where(col("origin").equalTo("synthetic").and(col("eval_only").equalTo(false)))
          .groupBy("generator").count().collectAsList()) {
        count("synthetic." + r.getString(0), r.getLong(1));
      }
      for (Row r : rows.where(col("eval_only")).groupBy("split").count().collectAsList()) {
        count("eval_only." + r.getString(0), r.getLong(1));
      }

      List<QualityGates.Gate> gates = QualityGates.check(rows, config.gates());
      step("gates checked");
      LOG.info("gold round {} gates:\n{}", round, QualityGates.report(gates));
      if (gates.stream().anyMatch(g -> !g.passed())) {
        counts.forEach(run::count);
        throw new QualityGates.GateFailure(gates);
      }

      Dataset<Row> pairs = pairs(generated, rows, round);
      goldExamples.insertNew(rows);
      run.table(Tables.GOLD_PAIRS).insertNew(pairs);
      count("round", round);
      counts.forEach(run::count);
      step("wrote round " + round);
      return new Summary(round, counts, gates, split);
    }

    /** One row per real example or synthetic candidate, with its example id and commit columns. */
    private Dataset<Row> examples(Dataset<Row> generated, String column) {
      Dataset<Row> e = generated.select(col("repo_id"), col("sha"), col("commit_time"), col("split"),
          col("domain"), col("quality"), explode(col(column)).as("e")).select(col("repo_id"), col("sha"),
          col("commit_time"), col("split"), col("domain"), col("quality"), col("e.*"));
      return e.withColumn("example_id", id(col("repo_id"), col("sha"), col("key")))
          .withColumn("parent_id", when(col("parent_key").isNull(), lit(null).cast(DataTypes.StringType))
              .otherwise(id(col("repo_id"), col("sha"), col("parent_key"))));
    }

    /** The synthetic candidates {@link SyntheticQuota} keeps, per repository and split. */
    private Dataset<Row> select(Dataset<Row> real, Dataset<Row> candidates) {
      Map<String, Map<String, SyntheticQuota.CommitSupply>> groups = new LinkedHashMap<>();
      Map<String, Integer> reals = new HashMap<>();
      for (Row r : real.groupBy("repo_id", "split", "sha").count().collectAsList()) {
        reals.put(r.getString(0) + "\u0000" + r.getString(2), (int) r.getLong(3));
      }
      Map<String, Map<String, Integer>> available = new HashMap<>();
      for (Row r : candidates.groupBy("repo_id", "sha", "generator").count().collectAsList()) {
        available.computeIfAbsent(r.getString(0) + "\u0000" + r.getString(1), k -> new HashMap<>())
            .put(r.getString(2), (int) r.getLong(3));
      }
      for (Row r : real.select("repo_id", "split", "sha").distinct().collectAsList()) {
        String commit = r.getString(0) + "\u0000" + r.getString(2);
        if (!ChronologicalSplit.TRAIN.equals(r.getString(1)) && !syntheticInDevAndTest(config.split())) {
          continue;
        }
        groups.computeIfAbsent(r.getString(0) + "\u0000" + r.getString(1), k -> new LinkedHashMap<>())
            .put(commit, new SyntheticQuota.CommitSupply(commit, reals.getOrDefault(commit, 0),
                available.getOrDefault(commit, Map.of())));
      }
      List<Row> taken = new ArrayList<>();
      for (Map<String, SyntheticQuota.CommitSupply> group : groups.values()) {
        Map<String, Map<String, Integer>> t = SyntheticQuota.allocate(new ArrayList<>(group.values()),
            config.synthetic().factor(), config.synthetic().generators(), config.synthetic().weights());
        t.forEach((commit, byGenerator) -> byGenerator.forEach((g, n) -> {
          String[] k = commit.split("\u0000");
          taken.add(RowFactory.create(k[0], k[1], g, n));
        }));
      }
      StructType schema = new StructType().add("_q_repo", "string").add("_q_sha", "string")
          .add("_q_generator", "string").add("_q_taken", "int");
      Dataset<Row> quota = spark.createDataFrame(taken, schema);
      return candidates.join(quota, col("repo_id").equalTo(col("_q_repo")).and(col("sha").equalTo(col("_q_sha")))
              .and(col("generator").equalTo(col("_q_generator"))))
          .where(col("rank").lt(col("_q_taken"))).drop("_q_repo", "_q_sha", "_q_generator", "_q_taken");
    }

    private Dataset<Row> pairs(Dataset<Row> generated, Dataset<Row> rows, int round) {
      Dataset<Row> p = generated.select(col("repo_id"), col("sha"), explode(col("pairs")).as("p"))
          .select(col("repo_id"), col("sha"), col("p.*"))
          .withColumn("example_id", id(col("repo_id"), col("sha"), col("example_key")));
      Dataset<Row> kept = rows.where(col("origin").equalTo("real").and(col("replay_of").isNull()))
          .select(col("example_id").as("_k_id"), col("split"));
      return p.join(kept, col("example_id").equalTo(col("_k_id")))
          .withColumn("pair_id", sha2(concat_ws("/", col("example_id"), col("source")), 256).substr(1, 24))
          .withColumn("round", lit(round))
          .select(Tables.GOLD_PAIRS.columns().stream().map(org.apache.spark.sql.functions::col)
              .toArray(org.apache.spark.sql.Column[]::new));
    }

    private void count(String name, long value) {
      counts.put(name, value);
    }
  }

  /** Whether dev and test commits get synthetic rows: as ordinary rows, or marked eval-only. */
  static boolean syntheticInDevAndTest(GoldConfig.Split split) {
    return split.syntheticInEval() || split.evalOnlySynthetic();
  }

  /**
   * {@code eval_only} of a new row: a synthetic row of a dev or test commit, unless synthetic rows are ordinary dev
   * and test rows ({@code gold.split.synthetic_in_eval}).
   */
  static org.apache.spark.sql.Column evalOnly(GoldConfig.Split split) {
    return lit(!split.syntheticInEval()).and(col("origin").equalTo("synthetic"))
        .and(col("split").notEqual(ChronologicalSplit.TRAIN));
  }

  /** The example id: {@link Seeds#id} of repository, commit and the example's key within the commit. */
  static org.apache.spark.sql.Column id(org.apache.spark.sql.Column repo, org.apache.spark.sql.Column sha,
      org.apache.spark.sql.Column key) {
    return udf((UDF3<String, String, String, String>) Seeds::id, DataTypes.StringType).apply(repo, sha, key);
  }
}
