package dev.lode.jobs.mine;

import static org.apache.spark.sql.functions.col;

import dev.lode.config.ConfigException;
import dev.lode.config.MineConfig;
import dev.lode.jobs.JobContext;
import dev.lode.jobs.StageStatus;
import dev.lode.lakehouse.DeltaTables;
import dev.lode.lakehouse.StageRun;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import dev.lode.mine.PathGlobs;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lode mine}: git repositories into bronze.repos, bronze.commits, bronze.file_changes and bronze.trees.
 *
 * <p>The driver resolves each source (cloning or fetching URLs into the clone cache), checks it, and lists the
 * commits to mine with a revision walk from the repository's watermark. The commits of every repository are cut
 * into slices of {@code mine.commits_per_task}; each slice is one Spark task, so many repositories spread over the
 * cluster and one large repository keeps every core busy. Tasks emit one row per commit ({@link MinedRows}), which
 * is cached once and projected into the three tables, each written with one insert-only MERGE on its natural key.
 * Only then is each repository's watermark advanced in bronze.repos: a run killed at any point leaves the old
 * watermark, and its rerun mines the same commits again, which the MERGEs skip.
 *
 * <p>A repository that cannot be mined is recorded as {@code failed} with its reason and the others go on; the run
 * is then {@code partial} (exit code 3), or failed if no repository could be mined.
 */
public final class MineJob {
  private static final Logger LOG = LoggerFactory.getLogger(MineJob.class);
  /** Error samples kept per task for bronze.repos.error; the count is always exact. */
  private static final int ERROR_SAMPLES = 3;

  /** Called after each table write: lets a test kill a run between two writes. */
  @FunctionalInterface
  interface AfterWrite {
    void after(TableDef table);
  }

  private MineJob() {}

  /** Mines {@code sources} and records the run in ops.runs; the status says whether some repository failed. */
  public static StageStatus run(JobContext ctx, List<RepoSource> sources, String args) throws Exception {
    return run(ctx, sources, args, t -> {});
  }

  static StageStatus run(JobContext ctx, List<RepoSource> sources, String args, AfterWrite afterWrite)
      throws Exception {
    SparkSession spark = ctx.spark();
    MineConfig config = ctx.config().mine();
    CloneCache cache = new CloneCache(cacheRoot(ctx));
    return StageRun.record(spark, ctx.warehouse(), ctx.config(), ctx.runId(), "mine", args, run -> {
      Map<String, RepoState> repos = new LinkedHashMap<>();
      Path cwd = Path.of("").toAbsolutePath();
      for (RepoSource s : sources) {
        RepoOrigin origin = RepoOrigin.of(s.origin(), cwd);
        repos.putIfAbsent(origin.repoId(), new RepoState(origin, s));
      }
      Map<String, Row> previous = previousRows(run.read(Tables.BRONZE_REPOS), repos.keySet());

      List<MineTask> tasks = new ArrayList<>();
      MineOptions options = MineOptions.from(config);
      for (RepoState r : repos.values()) {
        r.previous = previous.get(r.origin.repoId());
        plan(r, cache, config, options, tasks);
      }
      long total = repos.values().stream().mapToLong(r -> r.planned).sum();
      LOG.info("mine: {} repositories, {} commits to mine in {} tasks", repos.size(), total, tasks.size());

      if (!tasks.isEmpty()) {
        mine(ctx, run, tasks, repos, total, options, afterWrite);
      }
      markNowInMain(ctx, run, repos.values(), afterWrite);
      countCommits(ctx, repos.values());

      List<Row> rows = new ArrayList<>();
      Timestamp now = Timestamp.from(Instant.now());
      for (RepoState r : repos.values()) {
        rows.add(r.toRow(now));
        LOG.info("mine: {} {}: {} new commits{}", r.status(), r.origin.repoId(), r.minedOk(),
            r.error() == null ? "" : " (" + r.error() + ")");
      }
      run.wrote(Tables.BRONZE_REPOS, DeltaTables.upsert(spark, ctx.warehouse(), Tables.BRONZE_REPOS,
          spark.createDataFrame(rows, Tables.BRONZE_REPOS.schema())));
      afterWrite.after(Tables.BRONZE_REPOS);

      long failed = repos.values().stream().filter(r -> r.status().equals("failed")).count();
      long partial = repos.values().stream().filter(r -> r.status().equals("partial")).count();
      run.count("repos", repos.size());
      run.count("repos_failed", failed);
      run.count("repos_partial", partial);
      run.count("commits_planned", total);
      String problems = repos.values().stream().filter(r -> r.error() != null)
          .map(r -> r.origin.repoId() + ": " + r.error()).collect(Collectors.joining("; "));
      if (!repos.isEmpty() && failed == repos.size()) {
        throw new IllegalStateException("no repository could be mined: " + problems);
      }
      if (failed + partial > 0) {
        run.partial(problems);
        return StageStatus.PARTIAL;
      }
      return StageStatus.OK;
    });
  }

  /** Where URL sources are cloned: {@code mine.cache_dir}, under the warehouse root when relative. */
  static Path cacheRoot(JobContext ctx) {
    Path dir = Path.of(ctx.config().mine().cacheDir());
    if (dir.isAbsolute()) {
      return dir;
    }
    if (!ctx.warehouse().isLocal()) {
      throw new ConfigException("mine.cache_dir", "must be an absolute path on storage every executor mounts "
          + "when the warehouse (" + ctx.warehouse().root() + ") is not a local directory");
    }
    return ctx.warehouse().localRoot().resolve(dir);
  }

  private static Map<String, Row> previousRows(Dataset<Row> repos, Set<String> ids) {
    Map<String, Row> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    for (Row r : repos.where(col("repo_id").isin(ids.toArray())).collectAsList()) {
      out.put(r.getString(r.fieldIndex("repo_id")), r);
    }
    return out;
  }

  /** Resolves, opens and plans one repository on the driver; a failure marks it failed and mines nothing. */
  private static void plan(RepoState r, CloneCache cache, MineConfig config, MineOptions options,
      List<MineTask> tasks) {
    try {
      PathGlobs globs = PathGlobs.of(r.source.include(), r.source.exclude());
      Path gitDir;
      if (r.origin.isRemote()) {
        CloneCache.Clone clone = cache.update(r.source.origin().trim(), r.origin.repoId());
        gitDir = clone.gitDir();
        if (clone.fetchError() != null) {
          r.problems.add(clone.fetchError());
        }
      } else {
        gitDir = LocalRepos.gitDir(Path.of(r.origin.normalized()));
      }
      try (Repository repo = LocalRepos.open(gitDir, options.packCacheMb())) {
        r.shallow = !repo.getObjectDatabase().getShallowCommits().isEmpty();
        String lastMined = r.previousString("last_mined_sha");
        List<String> minedHeads = r.previousList("mined_heads");
        CommitPlan plan = CommitPlan.of(repo, r.source.branch(), config.allBranches(), lastMined, minedHeads);
        r.plan = plan;
        r.planned = plan.size();
        if (plan.head() != null) {
          r.license = RepoFacts.license(repo, plan.head()).orElse(null);
        }
        List<MineTask> mine = MineTask.slices(r.origin.repoId(), gitDir.toString(), plan, config.commitsPerTask(),
            globs, options);
        r.slices = mine.size();
        tasks.addAll(mine);
      }
    } catch (RepoUnavailableException e) {
      r.fail(e.getMessage());
    } catch (Exception e) {
      r.fail("cannot read repository " + r.origin.normalized() + ": " + CommitMiner.describe(e));
    }
  }

  /** Runs the tasks and writes commits, file changes and trees, each with one MERGE. */
  private static void mine(JobContext ctx, StageRun run, List<MineTask> tasks, Map<String, RepoState> repos,
      long total, MineOptions options, AfterWrite afterWrite) {
    SparkSession spark = ctx.spark();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LongAccumulator commitsDone = spark.sparkContext().longAccumulator("lode.mine.commits");
    CollectionAccumulator<String> slicesDone = spark.sparkContext().collectionAccumulator("lode.mine.slices");
    CollectionAccumulator<String> problems = spark.sparkContext().collectionAccumulator("lode.mine.problems");

    JavaRDD<Row> rows = jsc.parallelize(tasks, tasks.size()).mapPartitions(it -> {
      List<Row> none = List.of();
      if (!it.hasNext()) {
        return none.iterator();
      }
      return new TaskRows(it.next(), commitsDone, slicesDone, problems);
    }, true);
    Dataset<Row> mined = spark.createDataFrame(rows, MinedRows.SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Integer> slicesPerRepo = new HashMap<>();
      for (MineTask t : tasks) {
        slicesPerRepo.merge(t.repoId(), 1, Integer::sum);
      }
      long reposWithoutWork = repos.size() - slicesPerRepo.size();
      try (MineProgress progress = MineProgress.start(repos.size(), total,
          () -> reposWithoutWork + reposFinished(slicesDone.value(), slicesPerRepo), commitsDone::value)) {
        write(ctx, run, Tables.BRONZE_COMMITS, MinedRows.commits(mined), afterWrite);
      }
      write(ctx, run, Tables.BRONZE_FILE_CHANGES, MinedRows.fileChanges(mined), afterWrite);
      if (options.trees()) {
        write(ctx, run, Tables.BRONZE_TREES, MinedRows.trees(mined), afterWrite);
      }
    } finally {
      mined.unpersist(false);
    }
    for (String p : new TreeSet<>(problems.value())) {
      String[] f = p.split("\t", 4);
      RepoState r = repos.get(f[0]);
      if (r != null) {
        r.addProblem(f[1], Long.parseLong(f[2]), f[3]);
      }
    }
  }

  private static long reposFinished(List<String> slicesDone, Map<String, Integer> slicesPerRepo) {
    Map<String, Set<String>> done = new HashMap<>();
    for (String s : slicesDone) {
      int tab = s.indexOf('\t');
      done.computeIfAbsent(s.substring(0, tab), k -> new TreeSet<>()).add(s.substring(tab + 1));
    }
    return slicesPerRepo.entrySet().stream()
        .filter(e -> done.getOrDefault(e.getKey(), Set.of()).size() >= e.getValue()).count();
  }

  private static void write(JobContext ctx, StageRun run, TableDef table, Dataset<Row> rows, AfterWrite afterWrite) {
    run.wrote(table, DeltaTables.mergeNew(ctx.spark(), ctx.warehouse(), table, rows));
    afterWrite.after(table);
  }

  /** With all branches: commits mined off the default branch that it has since reached now say so. */
  private static void markNowInMain(JobContext ctx, StageRun run, Iterable<RepoState> repos,
      AfterWrite afterWrite) {
    List<Row> keys = new ArrayList<>();
    for (RepoState r : repos) {
      if (r.plan != null) {
        for (ObjectId id : r.plan.nowInMain()) {
          keys.add(RowFactory.create(r.origin.repoId(), id.name()));
        }
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    SparkSession spark = ctx.spark();
    StructType schema = new StructType().add("repo_id", DataTypes.StringType).add("sha", DataTypes.StringType);
    String view = "lode_now_in_main_" + UUID.randomUUID().toString().replace("-", "");
    spark.createDataFrame(keys, schema).createOrReplaceTempView(view);
    try {
      spark.sql("MERGE INTO " + Tables.BRONZE_COMMITS.qualifiedName() + " t USING " + view + " s "
          + "ON t.repo_id = s.repo_id AND t.sha = s.sha "
          + "WHEN MATCHED AND NOT t.in_main_branch THEN UPDATE SET in_main_branch = true");
    } finally {
      spark.catalog().dropTempView(view);
    }
    run.wrote(Tables.BRONZE_COMMITS, new DeltaTables.WriteResult(
        DeltaTables.version(spark, ctx.warehouse(), Tables.BRONZE_COMMITS), 0, keys.size()));
    afterWrite.after(Tables.BRONZE_COMMITS);
  }

  /** bronze.repos.commits_mined: what bronze.commits holds for each repository now (one narrow scan). */
  private static void countCommits(JobContext ctx, Iterable<RepoState> repos) {
    List<String> ids = new ArrayList<>();
    for (RepoState r : repos) {
      ids.add(r.origin.repoId());
    }
    if (ids.isEmpty() || !DeltaTables.exists(ctx.spark(), ctx.warehouse(), Tables.BRONZE_COMMITS)) {
      return;
    }
    Map<String, Long> counts = new HashMap<>();
    for (Row row : DeltaTables.read(ctx.spark(), ctx.warehouse(), Tables.BRONZE_COMMITS)
        .where(col("repo_id").isin(ids.toArray())).groupBy("repo_id").count().collectAsList()) {
      counts.put(row.getString(0), row.getLong(1));
    }
    for (RepoState r : repos) {
      r.commitsInBronze = counts.get(r.origin.repoId());
    }
  }

  /** One task's rows: mines its slice lazily and reports progress and problems through accumulators. */
  private static final class TaskRows implements Iterator<Row> {
    private final MineTask task;
    private final SliceMiner miner;
    private final LongAccumulator commitsDone;
    private final CollectionAccumulator<String> slicesDone;
    private final CollectionAccumulator<String> problems;
    private final Map<String, Long> problemCounts = new LinkedHashMap<>();
    private final Map<String, List<String>> samples = new HashMap<>();
    private boolean finished;

    TaskRows(MineTask task, LongAccumulator commitsDone, CollectionAccumulator<String> slicesDone,
        CollectionAccumulator<String> problems) {
      this.task = task;
      this.miner = new SliceMiner(task);
      this.commitsDone = commitsDone;
      this.slicesDone = slicesDone;
      this.problems = problems;
    }

    @Override
    public boolean hasNext() {
      boolean more = miner.hasNext();
      if (!more && !finished) {
        finished = true;
        slicesDone.add(task.repoId() + "\t" + task.slice());
        for (Map.Entry<String, Long> e : problemCounts.entrySet()) {
          String kind = e.getKey();
          problems.add(task.repoId() + "\t" + kind + "\t" + e.getValue() + "\t"
              + String.join(" | ", samples.getOrDefault(kind, List.of())));
        }
      }
      return more;
    }

    @Override
    public Row next() {
      MinedCommit c = miner.next();
      commitsDone.add(1);
      if (c.error() != null) {
        problem("commit", c.sha().substring(0, 12) + ": " + c.error());
      } else {
        String fileError = c.firstFileError();
        if (fileError != null) {
          problem("file", c.sha().substring(0, 12) + " " + fileError);
        }
      }
      return MinedRows.toRow(c);
    }

    private void problem(String kind, String sample) {
      problemCounts.merge(kind, 1L, Long::sum);
      List<String> s = samples.computeIfAbsent(kind, k -> new ArrayList<>());
      if (s.size() < ERROR_SAMPLES) {
        s.add(sample);
      }
    }
  }

  /** Everything the driver knows about one repository during a run, and its bronze.repos row. */
  private static final class RepoState {
    final RepoOrigin origin;
    final RepoSource source;
    Row previous;
    CommitPlan plan;
    long planned;
    int slices;
    boolean shallow;
    String license;
    String failure;
    long failedCommits;
    long filesUnreadable;
    Long commitsInBronze;
    final List<String> problems = new ArrayList<>();

    RepoState(RepoOrigin origin, RepoSource source) {
      this.origin = origin;
      this.source = source;
    }

    void fail(String reason) {
      failure = reason;
    }

    void addProblem(String kind, long count, String samples) {
      if (kind.equals("commit")) {
        failedCommits += count;
      } else {
        filesUnreadable += count;
      }
      problems.add(count + " " + (kind.equals("commit") ? "commit(s) could not be read" : "file(s) could not be read")
          + ", e.g. " + samples);
    }

    long minedOk() {
      return Math.max(0, planned - failedCommits);
    }

    String status() {
      if (failure != null) {
        return "failed";
      }
      return problems.isEmpty() ? "ok" : "partial";
    }

    String error() {
      if (failure != null) {
        return failure;
      }
      return problems.isEmpty() ? null : String.join("; ", problems);
    }

    String previousString(String column) {
      return previous == null || previous.isNullAt(previous.fieldIndex(column)) ? null
          : previous.getString(previous.fieldIndex(column));
    }

    List<String> previousList(String column) {
      return previous == null || previous.isNullAt(previous.fieldIndex(column)) ? List.of()
          : previous.getList(previous.fieldIndex(column));
    }

    Row toRow(Timestamp now) {
      // The watermark moves only when every planned commit is in bronze; otherwise the rerun mines them again.
      boolean advance = failure == null && plan != null && failedCommits == 0;
      String defaultBranch = plan != null ? plan.defaultBranch() : previousString("default_branch");
      String head = plan != null && plan.head() != null ? plan.head().name() : previousString("head_sha");
      String lastMined = advance && plan.head() != null ? plan.head().name() : previousString("last_mined_sha");
      List<String> minedHeads = advance && !plan.heads().isEmpty() ? plan.heads() : previousList("mined_heads");
      Long commitsMined = commitsInBronze != null ? commitsInBronze
          : previous == null || previous.isNullAt(previous.fieldIndex("commits_mined")) ? (plan != null ? 0L : null)
          : previous.getLong(previous.fieldIndex("commits_mined"));
      String licenseNow = plan != null ? license : previousString("license");
      String domain = source.domain() != null ? source.domain() : previousString("domain");
      return RowFactory.create(origin.repoId(), origin.name(), origin.normalized(), domain, defaultBranch,
          head, licenseNow, lastMined, commitsMined, now, status(), error(), shallow,
          minedHeads.isEmpty() ? null : minedHeads);
    }
  }
}
