package dev.lode.jobs.mine;

import static org.apache.spark.sql.functions.col;

import dev.lode.config.ConfigException;
import dev.lode.config.MineConfig;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.RowShape;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.StageRun;
import dev.lode.lakehouse.Table;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import dev.lode.lakehouse.Warehouse;
import dev.lode.mine.PathGlobs;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
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
 * is then {@code partial} (exit code 3), or failed if no repository could be mined. A rerun in which no mined
 * branch head moved is skipped without opening a task ({@link #externalInputs}).
 */
public final class MineJob implements Stage<MineJob.Summary> {
  private static final Logger LOG = LoggerFactory.getLogger(MineJob.class);
  private static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";

  /** Called after each table write: lets a test kill a run between two writes. */
  @FunctionalInterface
  interface AfterWrite {
    void after(TableDef table);
  }

  /** What a mine run did: repositories by status, and the commits it planned. */
  public record Summary(int repos, long failed, long partial, long commitsPlanned) {}

  private final List<RepoSource> sources;
  private final AfterWrite afterWrite;

  /** Mines {@code sources}. */
  public MineJob(List<RepoSource> sources) {
    this(sources, t -> {});
  }

  MineJob(List<RepoSource> sources, AfterWrite afterWrite) {
    this.sources = List.copyOf(sources);
    this.afterWrite = afterWrite;
  }

  /** The stage {@code lode run} runs: the repository Lode is run in, with the configured defaults. */
  public static MineJob here() throws RepoUnavailableException {
    return new MineJob(List.of(RepoSources.here(Path.of("").toAbsolutePath())));
  }

  @Override
  public String name() {
    return "mine";
  }

  @Override
  public List<TableDef> reads() {
    return List.of(Tables.BRONZE_REPOS);
  }

  @Override
  public List<TableDef> writes() {
    return List.of(Tables.BRONZE_COMMITS, Tables.BRONZE_FILE_CHANGES, Tables.BRONZE_TREES, Tables.BRONZE_REPOS);
  }

  @Override
  public List<String> settings() {
    return List.of("mine");
  }

  @Override
  public String parameters() {
    return sources.toString();
  }

  /**
   * Every ref of every source (URLs fetched into the clone cache first), so that a new commit on any branch, or a
   * branch moved, makes the next run mine. A source that cannot be read gives a value that never repeats: the run
   * then goes ahead and records why it failed.
   */
  @Override
  public String externalInputs(Lakehouse lakehouse) {
    CloneCache cache = null;
    StringBuilder sb = new StringBuilder();
    Path cwd = Path.of("").toAbsolutePath();
    for (RepoSource s : sources) {
      RepoOrigin origin = RepoOrigin.of(s.origin(), cwd);
      sb.append(origin.repoId()).append('\n');
      try {
        Path gitDir;
        if (origin.isRemote()) {
          cache = cache != null ? cache : new CloneCache(cacheRoot(lakehouse.config().mine(), lakehouse.warehouse()));
          gitDir = cache.update(s.origin().trim(), origin.repoId()).gitDir();
        } else {
          gitDir = LocalRepos.gitDir(Path.of(origin.normalized()));
        }
        try (Repository repo = LocalRepos.open(gitDir, lakehouse.config().mine().packCacheMb())) {
          for (Ref ref : repo.getRefDatabase().getRefs()) {
            ObjectId id = ref.getObjectId();
            sb.append(ref.getName()).append('=').append(id == null ? "?" : id.name()).append('\n');
          }
          Ref head = repo.exactRef("HEAD");
          sb.append("HEAD->").append(head == null || head.getTarget() == null ? "?" : head.getTarget().getName())
              .append('\n');
          for (ObjectId shallow : repo.getObjectDatabase().getShallowCommits()) {
            sb.append("shallow ").append(shallow.name()).append('\n');
          }
        }
      } catch (Exception e) {
        sb.append("unreadable ").append(System.nanoTime()).append('\n');
      }
    }
    return sb.toString();
  }

  @Override
  public Summary run(StageRun run) throws Exception {
    SparkSession spark = run.spark();
    // Mining's queries are few and small (the work is in the tasks' Java); compiling whole-stage code for them
    // costs more CPU than it saves. Restored afterwards for the stages that follow in `lode run`.
    String wholeStage = spark.conf().get(WHOLE_STAGE, "true");
    spark.conf().set(WHOLE_STAGE, "false");
    try {
      return mine(run);
    } finally {
      spark.conf().set(WHOLE_STAGE, wholeStage);
    }
  }

  private Summary mine(StageRun run) throws Exception {
    SparkSession spark = run.spark();
    MineConfig config = run.config().mine();
    CloneCache cache = new CloneCache(cacheRoot(config, run.warehouse()));
    Map<String, RepoState> repos = new LinkedHashMap<>();
    Path cwd = Path.of("").toAbsolutePath();
    for (RepoSource s : sources) {
      RepoOrigin origin = RepoOrigin.of(s.origin(), cwd);
      repos.putIfAbsent(origin.repoId(), new RepoState(origin, s));
    }
    Map<String, Row> previous = previousRows(run.table(Tables.BRONZE_REPOS).read(), repos.keySet());

    for (RepoState r : repos.values()) {
      r.previous = previous.get(r.origin.repoId());
      plan(r, cache, config);
    }
    long total = repos.values().stream().mapToLong(r -> r.planned).sum();
    int perTask = MineTask.sliceSize(total, spark.sparkContext().defaultParallelism(), config.commitsPerTask());
    List<MineTask> tasks = new ArrayList<>();
    for (RepoState r : repos.values()) {
      if (r.plan != null && r.failure == null) {
        tasks.addAll(MineTask.slices(r.origin.repoId(), r.gitDir.toString(), r.plan, perTask, r.globs, config));
      }
    }
    LOG.info("mine: {} repositories, {} commits to mine in {} tasks", repos.size(), total, tasks.size());

    if (!tasks.isEmpty()) {
      runTasks(run, tasks, repos, total);
    }
    markNowInMain(run, repos.values());
    countCommits(run, repos.values());

    List<Row> rows = new ArrayList<>();
    Timestamp now = Timestamp.from(Instant.now());
    for (RepoState r : repos.values()) {
      rows.add(r.toRow(now));
      LOG.info("mine: {} {}: {} new commits{}", r.status(), r.origin.repoId(), r.minedOk(),
          r.error() == null ? "" : " (" + r.error() + ")");
    }
    Table bronzeRepos = run.table(Tables.BRONZE_REPOS);
    bronzeRepos.upsert(bronzeRepos.frame(rows));
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
    }
    return new Summary(repos.size(), failed, partial, total);
  }

  /** Where URL sources are cloned: {@code mine.cache_dir}, under the warehouse root when relative. */
  static Path cacheRoot(MineConfig config, Warehouse warehouse) {
    Path dir = Path.of(config.cacheDir());
    if (dir.isAbsolute()) {
      return dir;
    }
    if (!warehouse.isLocal()) {
      throw new ConfigException("mine.cache_dir", "must be an absolute path on storage every executor mounts "
          + "when the warehouse (" + warehouse.root() + ") is not a local directory");
    }
    return warehouse.localRoot().resolve(dir);
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
  private static void plan(RepoState r, CloneCache cache, MineConfig config) {
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
      try (Repository repo = LocalRepos.open(gitDir, config.packCacheMb())) {
        r.shallow = !repo.getObjectDatabase().getShallowCommits().isEmpty();
        String lastMined = r.previousString("last_mined_sha");
        List<String> minedHeads = r.previousList("mined_heads");
        CommitPlan plan = CommitPlan.of(repo, r.source.branch(), config.allBranches(), lastMined, minedHeads);
        r.plan = plan;
        r.planned = plan.size();
        if (plan.head() != null) {
          r.license = RepoFacts.license(repo, plan.head()).orElse(null);
        }
        r.gitDir = gitDir;
        r.globs = globs;
      }
    } catch (RepoUnavailableException e) {
      r.fail(e.getMessage());
    } catch (Exception e) {
      r.fail("cannot read repository " + r.origin.normalized() + ": " + CommitMiner.describe(e));
    }
  }

  /** Runs the tasks and writes commits, file changes and trees, each with one MERGE. */
  private void runTasks(StageRun run, List<MineTask> tasks, Map<String, RepoState> repos, long total) {
    SparkSession spark = run.spark();
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
        write(run, Tables.BRONZE_COMMITS, MinedRows.commits(mined));
      }
      write(run, Tables.BRONZE_FILE_CHANGES, MinedRows.fileChanges(mined));
      write(run, Tables.BRONZE_TREES, MinedRows.trees(mined));
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

  private void write(StageRun run, TableDef table, Dataset<Row> rows) {
    long t0 = System.nanoTime();
    Table.WriteResult result = run.table(table).insertNew(rows);
    LOG.info("mine: {} +{} rows (version {}) in {} s", table, result.inserted(), result.version(),
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    afterWrite.after(table);
  }

  /** With all branches: commits mined off the default branch that it has since reached now say so. */
  private void markNowInMain(StageRun run, Iterable<RepoState> repos) {
    List<Row> keys = new ArrayList<>();
    for (RepoState r : repos) {
      if (r.plan != null) {
        for (ObjectId id : r.plan.nowInMain()) {
          keys.add(KEY.row().set("repo_id", r.origin.repoId()).set("sha", id.name()).build());
        }
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    run.table(Tables.BRONZE_COMMITS).updateKeys(run.spark().createDataFrame(keys, KEY.schema()),
        "NOT t.in_main_branch", Map.of("in_main_branch", "true"));
    afterWrite.after(Tables.BRONZE_COMMITS);
  }

  private static final RowShape KEY = RowShape.of(new StructType().add("repo_id", "string", false)
      .add("sha", "string", false), "commit keys");

  /** bronze.repos.commits_mined: what bronze.commits holds for each repository now (one narrow scan). */
  private static void countCommits(StageRun run, Iterable<RepoState> repos) {
    List<String> ids = new ArrayList<>();
    for (RepoState r : repos) {
      ids.add(r.origin.repoId());
    }
    Table commits = run.table(Tables.BRONZE_COMMITS);
    if (ids.isEmpty() || !commits.exists()) {
      return;
    }
    Map<String, Long> counts = new HashMap<>();
    for (Row row : commits.current().where(col("repo_id").isin(ids.toArray())).groupBy("repo_id").count()
        .collectAsList()) {
      counts.put(row.getString(0), row.getLong(1));
    }
    for (RepoState r : repos) {
      r.commitsInBronze = counts.get(r.origin.repoId());
    }
  }
}
