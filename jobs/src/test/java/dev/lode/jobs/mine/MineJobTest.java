package dev.lode.jobs.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.cli.Lode;
import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.StageStatus;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import dev.lode.lakehouse.Warehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lode mine} end to end on local[2]: what lands in the bronze tables, that reruns add nothing, that a run
 * killed between any two writes is repaired by its rerun, and that bad repositories are recorded while the others
 * are mined. One Spark session and one warehouse for the class; each test mines its own repositories.
 */
class MineJobTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static Warehouse warehouse;
  static LodeConfig config;
  static Lakehouse lakehouse;

  static final String MIT = "MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted, free of "
      + "charge, to any person obtaining a copy\nof this software and associated documentation files (the "
      + "\"Software\"), to deal\nin the Software without restriction ...\n\nThe above copyright notice and this "
      + "permission notice shall be included in all\ncopies or substantial portions of the Software.\n";

  @BeforeAll
  static void open() {
    config = ConfigLoader.load(null, List.of("spark.master=local[2]", "spark.shuffle_partitions=2",
        "mine.commits_per_task=4"));
    warehouse = Warehouse.resolve(dir.resolve("wh").toString());
    lakehouse = Lakehouse.open(config, warehouse, "MineJobTest");
    spark = lakehouse.spark();
  }

  @AfterAll
  static void close() {
    spark.stop();
  }

  private static StageStatus mine(LodeConfig c, MineJob job) throws Exception {
    return lakehouse.with(c).run("run-" + System.nanoTime(), job, "test").status();
  }

  private static StageStatus mine(RepoSource... sources) throws Exception {
    return mine(config, new MineJob(List.of(sources)));
  }

  private static long count(String sql) {
    return spark.sql(sql).head().getLong(0);
  }

  private static Row repoRow(String origin) {
    String id = RepoOrigin.of(origin, Path.of("/")).repoId();
    List<Row> rows = spark.sql("select * from bronze.repos where repo_id = '" + id + "'").collectAsList();
    assertEquals(1, rows.size(), "one bronze.repos row for " + origin);
    return rows.get(0);
  }

  private static String idOf(Path repo) {
    return RepoOrigin.of(repo.toString(), Path.of("/")).repoId();
  }

  /** A small history: a license, edits, a rename, a branch merged back. */
  private static Path history(String name) throws Exception {
    Path p = dir.resolve(name);
    try (RepoBuilder b = RepoBuilder.create(p)) {
      b.write("LICENSE", MIT).write("src/app.py", "def main():\n    return 1\n").commit("Add app");
      b.write("src/app.py", "def main():\n    return 2\n").write("tests/test_app.py", "def test():\n    pass\n")
          .commit("Fix main and test it");
      b.branch("feature").write("src/extra.py", "X = 1\n").commit("Add extra");
      ObjectId feature = b.repo.resolve("refs/heads/feature");
      b.branch("main").rename("src/app.py", "src/main.py").commit("Rename app");
      b.write("src/extra.py", "X = 1\n").merge("Merge feature", feature);
      b.write("README.md", "hi\n").commit("Add readme");
    }
    return p;
  }

  @Test
  void minesTheDefaultBranchOnceAndRerunsAddOnlyNewCommits() throws Exception {
    Path repo = history("once.git");
    GitCli git = new GitCli(repo);
    String id = idOf(repo);
    assertEquals(StageStatus.OK, mine(RepoSource.of(repo.toString())));

    long expected = git.revList("--count", "HEAD").stream().mapToLong(Long::parseLong).sum();
    assertEquals(expected, count("select count(*) from bronze.commits where repo_id = '" + id + "'"));
    assertEquals(expected, count("select count(*) from bronze.trees where repo_id = '" + id + "'"));
    long files = count("select count(*) from bronze.file_changes where repo_id = '" + id + "'");
    assertEquals(count("select sum(files_changed) from bronze.commits where repo_id = '" + id + "'"), files);
    Row r = repoRow(repo.toString());
    assertEquals("ok", r.getAs("status"));
    assertEquals("main", r.getAs("default_branch"));
    assertEquals("MIT", r.getAs("license"));
    assertEquals(git.text("rev-parse", "HEAD").strip(), r.getAs("last_mined_sha"));
    assertEquals(expected, (long) r.<Long>getAs("commits_mined"));
    assertEquals(1, count("select count(*) from bronze.commits where repo_id = '" + id + "' and is_merge"));
    assertEquals(1, count("select count(*) from bronze.file_changes where repo_id = '" + id
        + "' and is_test and path = 'tests/test_app.py'"));
    assertEquals(List.of("main"), spark.sql("select changed_methods from bronze.file_changes where repo_id = '" + id
        + "' and path = 'src/app.py' and change_type = 'MODIFY'").head().getList(0));

    long versionBefore = lakehouse.table(Tables.BRONZE_COMMITS).version();
    assertEquals(StageStatus.SKIPPED, mine(RepoSource.of(repo.toString())), "no branch head moved");
    assertEquals(expected, count("select count(*) from bronze.commits where repo_id = '" + id + "'"));
    assertEquals(files, count("select count(*) from bronze.file_changes where repo_id = '" + id + "'"));
    assertEquals(versionBefore, lakehouse.table(Tables.BRONZE_COMMITS).version(),
        "a rerun with nothing new does not even write");

    try (RepoBuilder b = RepoBuilder.reopen(repo)) {
      b.write("a.txt", "3\n").commit("Three");
      b.write("b.txt", "4\n").commit("Four");
    }
    assertEquals(StageStatus.OK, mine(RepoSource.of(repo.toString())));
    assertEquals(expected + 2, count("select count(*) from bronze.commits where repo_id = '" + id + "'"));
    assertEquals(2, count("select row_counts['commits_planned'] from ops.runs where stage = 'mine' "
        + "order by ended_at desc limit 1"), "only the two new commits were mined");
    assertEquals(git.text("rev-parse", "HEAD").strip(), repoRow(repo.toString()).getAs("last_mined_sha"));
  }

  @Test
  void aRunKilledBetweenAnyTwoWritesIsRepairedByItsRerun() throws Exception {
    Path repo = history("killed.git");
    String id = idOf(repo);
    // Each rerun is killed one write later than the one before, then a last run completes.
    for (TableDef killAfter : List.of(Tables.BRONZE_COMMITS, Tables.BRONZE_FILE_CHANGES, Tables.BRONZE_TREES,
        Tables.BRONZE_REPOS)) {
      RuntimeException killed = assertThrows(RuntimeException.class, () -> mine(config,
          new MineJob(List.of(RepoSource.of(repo.toString())), t -> {
            if (t.equals(killAfter)) {
              throw new RuntimeException("killed after " + t);
            }
          })));
      assertTrue(killed.getMessage().contains("killed"));
    }
    assertEquals(StageStatus.OK, mine(RepoSource.of(repo.toString())));
    long commits = new GitCli(repo).revList("HEAD").size();
    for (String table : List.of("commits", "trees")) {
      assertEquals(commits, count("select count(*) from bronze." + table + " where repo_id = '" + id + "'"),
          "every commit in " + table);
      assertEquals(commits, count("select count(distinct sha) from bronze." + table + " where repo_id = '" + id
          + "'"), "no duplicate in " + table);
    }
    long files = count("select count(*) from bronze.file_changes where repo_id = '" + id + "'");
    assertEquals(count("select sum(files_changed) from bronze.commits where repo_id = '" + id + "'"), files);
    assertEquals(files, count("select count(distinct sha, path) from bronze.file_changes where repo_id = '" + id
        + "'"), "no duplicate file change");
    assertEquals("ok", repoRow(repo.toString()).getAs("status"));
    assertEquals(4, count("select count(*) from ops.runs where status = 'failed' and error like '%killed after%'"));
  }

  @Test
  void badRepositoriesAreRecordedWhileTheOthersAreMined() throws Exception {
    Path good = history("good.git");
    Path missing = dir.resolve("does-not-exist");
    Path notGit = Files.createDirectories(dir.resolve("plain-dir"));
    Files.writeString(notGit.resolve("file.txt"), "not a repository");
    Path empty = dir.resolve("empty.git");
    RepoBuilder.create(empty).close();
    Path corrupt = history("corrupt.git");
    try (Git g = Git.open(corrupt.toFile())) {
      g.gc().setAggressive(false).call(); // everything into one pack
    }
    Path pack;
    try (Stream<Path> s = Files.list(corrupt.resolve("objects/pack"))) {
      pack = s.filter(p -> p.toString().endsWith(".pack")).findFirst().orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
      f.seek(12); // just past the header: the first objects are the commits
      f.write(new byte[256]);
    }

    Path missingBlob = dir.resolve("missing-blob.git");
    ObjectId blob;
    try (RepoBuilder b = RepoBuilder.create(missingBlob)) {
      b.write("a.txt", "a\n").write("gone.txt", "gone\n").commit("One");
      b.write("a.txt", "b\n").commit("Two");
      blob = b.repo.resolve("HEAD:gone.txt");
    }
    Files.delete(missingBlob.resolve("objects/" + blob.name().substring(0, 2) + "/" + blob.name().substring(2)));
    Path shallow = dir.resolve("shallow.git");
    Git.cloneRepository().setURI(good.toUri().toString()).setBare(true).setDirectory(shallow.toFile()).setDepth(2)
        .call().close();

    List<String> args = new ArrayList<>(List.of("mine", "--warehouse", warehouse.root()));
    for (Path p : List.of(good, missing, notGit, empty, corrupt, missingBlob, shallow)) {
      args.add("--repo");
      args.add(p.toString());
    }
    assertEquals(3, Lode.execute(args.toArray(String[]::new)), "exit code 3: some repositories failed");

    assertEquals("ok", repoRow(good.toString()).getAs("status"));
    Row m = repoRow(missing.toString());
    assertEquals("failed", m.getAs("status"));
    assertTrue(m.<String>getAs("error").contains("no such path"), m.<String>getAs("error"));
    Row n = repoRow(notGit.toString());
    assertEquals("failed", n.getAs("status"));
    assertTrue(n.<String>getAs("error").contains("not a git repository"), n.<String>getAs("error"));
    Row e = repoRow(empty.toString());
    assertEquals("ok", e.getAs("status"), "an empty repository has nothing to mine, which is not an error");
    assertNull(e.getAs("head_sha"));
    assertEquals(0L, (long) e.<Long>getAs("commits_mined"));
    Row c = repoRow(corrupt.toString());
    assertFalse(c.<String>getAs("status").equals("ok"));
    assertNotNull(c.getAs("error"));
    assertEquals("partial", spark.sql("select status from ops.runs where stage = 'mine' order by ended_at desc "
        + "limit 1").head().getString(0));

    Row mb = repoRow(missingBlob.toString());
    assertEquals("partial", mb.getAs("status"), "a missing blob fails its file, not its commit");
    assertTrue(mb.<String>getAs("error").contains(blob.name()), mb.<String>getAs("error"));
    assertEquals(2, count("select count(*) from bronze.commits where repo_id = '" + idOf(missingBlob) + "'"));
    assertEquals(1, count("select count(*) from bronze.file_changes where repo_id = '" + idOf(missingBlob)
        + "' and error is not null"));

    Row sh = repoRow(shallow.toString());
    assertEquals("ok", sh.getAs("status"));
    assertTrue(sh.<Boolean>getAs("shallow"));
    assertEquals(new GitCli(shallow).revList("HEAD").size(),
        count("select count(*) from bronze.commits where repo_id = '" + idOf(shallow) + "'"));

    assertEquals(1, Lode.execute("mine", "--warehouse", warehouse.root(), "--repo", missing.toString()),
        "exit code 1 when no repository could be mined");
  }

  @Test
  void allBranchesMinesEachCommitOnceAndFlagsThoseOnTheDefaultBranch() throws Exception {
    Path repo = dir.resolve("branches.git");
    ObjectId feature;
    try (RepoBuilder b = RepoBuilder.create(repo)) {
      b.write("a.txt", "1\n").commit("Base");
      b.branch("feature").write("f.txt", "f\n").commit("Feature one");
      b.write("f.txt", "ff\n").commit("Feature two");
      feature = b.repo.resolve("refs/heads/feature");
      b.branch("main").write("a.txt", "2\n").commit("Main two");
    }
    LodeConfig all = ConfigLoader.load(null, List.of("spark.master=local[2]", "mine.all_branches=true"));
    String id = idOf(repo);
    mine(all, new MineJob(List.of(RepoSource.of(repo.toString()))));
    assertEquals(4, count("select count(*) from bronze.commits where repo_id = '" + id + "'"));
    assertEquals(2, count("select count(*) from bronze.commits where repo_id = '" + id + "' and in_main_branch"));

    try (RepoBuilder b = RepoBuilder.reopen(repo)) {
      b.write("f.txt", "ff\n").merge("Merge feature", feature);
    }
    mine(all, new MineJob(List.of(RepoSource.of(repo.toString()))));
    assertEquals(5, count("select count(*) from bronze.commits where repo_id = '" + id + "'"));
    assertEquals(5, count("select count(*) from bronze.commits where repo_id = '" + id + "' and in_main_branch"),
        "the merged feature commits now say they are on the default branch");
  }

  @Test
  void aUrlIsClonedIntoTheCacheAndFetchedIncrementallyNextTime() throws Exception {
    Path origin = dir.resolve("origin.git");
    try (RepoBuilder b = RepoBuilder.create(origin)) {
      b.write("a.txt", "1\n").commit("One");
    }
    String url = origin.toUri().toString();
    assertEquals(StageStatus.OK, mine(RepoSource.of(url)));
    String id = RepoOrigin.of(url, Path.of("/")).repoId();
    assertTrue(Files.isDirectory(warehouse.localRoot().resolve("_cache/repos/" + id + ".git")));
    try (RepoBuilder b = RepoBuilder.reopen(origin)) {
      b.write("a.txt", "2\n").commit("Two");
    }
    assertEquals(StageStatus.OK, mine(RepoSource.of(url)));
    assertEquals(2, count("select count(*) from bronze.commits where repo_id = '" + id + "'"));
    assertEquals("file://" + origin.toString().replaceAll("\\.git$", ""), repoRow(url).getAs("origin"),
        "the origin is recorded normalized, without .git");
  }

  @Test
  void aReposFileCarriesDomainsAndPathGlobsAndLodeSqlCountsWhatWasMined() throws Exception {
    Path repo = history("listed.git");
    Path file = dir.resolve("repos.yaml");
    Files.writeString(file, "repos:\n  - origin: listed.git\n    domain: web\n    include: [\"src/\"]\n");
    assertEquals(0, Lode.execute("mine", "--warehouse", warehouse.root(), "--repos-file", file.toString()));
    Row r = repoRow(repo.toString());
    assertEquals("web", r.getAs("domain"));
    assertEquals(0, count("select count(*) from bronze.file_changes where repo_id = '" + idOf(repo)
        + "' and not path like 'src/%'"));

    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Lode.execute("sql", "--warehouse", warehouse.root(), "--format", "json",
          "select count(*) as n from bronze.commits where repo_id = '" + idOf(repo) + "'"));
    } finally {
      System.setOut(saved);
    }
    String expected = new GitCli(repo).text("rev-list", "--count", "HEAD").strip();
    assertEquals("{\"n\":" + expected + "}", out.toString(StandardCharsets.UTF_8).strip(),
        "lode sql gives the default branch's commit count");

    Files.writeString(file, "repos:\n  - origin: listed.git\n    colour: blue\n");
    assertEquals(2, Lode.execute("mine", "--warehouse", warehouse.root(), "--repos-file", file.toString()),
        "an unknown key is refused before anything is touched");
  }

}
