package dev.lode.jobs.curate;

import dev.lode.code.Languages;
import dev.lode.code.TestFiles;
import dev.lode.jobs.TestLakehouse;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Bronze rows built in code from the catalogue schemas: repositories whose commits change real-looking files, with
 * unified diffs and line counts computed by JGit's histogram diff, the way the miner records them. Each repository
 * keeps its working tree, so a commit's bronze.trees row lists every file at that commit.
 */
final class BronzeFixture {
  private final List<Row> repos = new ArrayList<>();
  private final List<Row> commits = new ArrayList<>();
  private final List<Row> files = new ArrayList<>();
  private final List<Row> trees = new ArrayList<>();

  Repo repo(String repoId, String license) {
    repos.add(Tables.BRONZE_REPOS.newRow().set("repo_id", repoId).set("name", repoId).set("origin", "/src/" + repoId)
        .set("domain", "libraries").set("default_branch", "main").set("license", license)
        .set("mined_at", Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"))).set("status", "ok")
        .set("shallow", false).build());
    return new Repo(repoId);
  }

  /** Writes everything built so far into the warehouse's bronze tables and forgets it. */
  void writeTo(Lakehouse lakehouse) throws Exception {
    var spark = lakehouse.spark();
    TestLakehouse.append(lakehouse, Tables.BRONZE_REPOS, spark.createDataFrame(repos, Tables.BRONZE_REPOS.schema()));
    TestLakehouse.append(lakehouse, Tables.BRONZE_COMMITS, spark.createDataFrame(commits,
        Tables.BRONZE_COMMITS.schema()));
    TestLakehouse.append(lakehouse, Tables.BRONZE_FILE_CHANGES, spark.createDataFrame(files,
        Tables.BRONZE_FILE_CHANGES.schema()));
    TestLakehouse.append(lakehouse, Tables.BRONZE_TREES, spark.createDataFrame(trees, Tables.BRONZE_TREES.schema()));
    repos.clear();
    commits.clear();
    files.clear();
    trees.clear();
  }

  final class Repo {
    final String id;
    final Map<String, String> tree = new TreeMap<>();
    String head;

    Repo(String id) {
      this.id = id;
    }

    Commit commit(String subject) {
      return new Commit(this, subject);
    }
  }

  final class Commit {
    private final Repo repo;
    private final String subject;
    private String body = "";
    private String author = "Hynek Schlawack";
    private String email = "hs@example.org";
    private Instant time = Instant.parse("2024-03-01T10:00:00Z");
    private final List<String> extraParents = new ArrayList<>();
    private final Map<String, String> changes = new LinkedHashMap<>();
    private String sha;

    Commit(Repo repo, String subject) {
      this.repo = repo;
      this.subject = subject;
    }

    Commit body(String text) {
      this.body = text;
      return this;
    }

    Commit author(String name, String mail) {
      this.author = name;
      this.email = mail;
      return this;
    }

    Commit at(String instant) {
      this.time = Instant.parse(instant);
      return this;
    }

    /** Sets a file's new content; null deletes it. */
    Commit write(String path, String content) {
      changes.put(path, content);
      return this;
    }

    Commit mergeOf(String otherSha) {
      extraParents.add(otherSha);
      return this;
    }

    /** Uses this sha instead of one derived from the content (the same commit mined under two names). */
    Commit sha(String fixed) {
      this.sha = fixed;
      return this;
    }

    /** Records the commit in bronze and returns its sha. */
    String add() {
      String message = body.isEmpty() ? subject + "\n" : subject + "\n\n" + body + "\n";
      if (sha == null) {
        sha = sha1(repo.id + "\n" + repo.head + "\n" + message + changes + time);
      }
      List<String> parents = new ArrayList<>();
      if (repo.head != null) {
        parents.add(repo.head);
      }
      parents.addAll(extraParents);
      int insertions = 0;
      int deletions = 0;
      if (extraParents.isEmpty()) {
        for (Map.Entry<String, String> c : changes.entrySet()) {
          String path = c.getKey();
          String before = repo.tree.get(path);
          String after = c.getValue();
          String type = before == null ? "ADD" : after == null ? "DELETE" : "MODIFY";
          int[] counts = new int[2];
          String diff = diff(path, before == null ? "" : before, after == null ? "" : after, counts);
          insertions += counts[0];
          deletions += counts[1];
          files.add(Tables.BRONZE_FILE_CHANGES.newRow().set("repo_id", repo.id).set("sha", sha).set("path", path)
              .set("change_type", type).set("old_path", before == null ? null : path)
              .set("new_path", after == null ? null : path).set("language", Languages.of(path))
              .set("is_binary", false).set("is_test", TestFiles.isTest(path)).set("added_lines", counts[0])
              .set("deleted_lines", counts[1]).set("diff", diff).set("old_content", before)
              .set("new_content", after).set("truncated", false).set("changed_methods", List.of()).build());
          if (after == null) {
            repo.tree.remove(path);
          } else {
            repo.tree.put(path, after);
          }
        }
      }
      Timestamp ts = Timestamp.from(time);
      commits.add(Tables.BRONZE_COMMITS.newRow().set("repo_id", repo.id).set("sha", sha).set("parents", parents)
          .set("is_merge", parents.size() > 1).set("author_name", author).set("author_email", email)
          .set("author_time", ts).set("author_tz_offset_min", 0).set("committer_name", author)
          .set("committer_email", email).set("commit_time", ts).set("commit_tz_offset_min", 0)
          .set("message", message).set("subject", subject)
          .set("files_changed", extraParents.isEmpty() ? changes.size() : 0).set("insertions", insertions)
          .set("deletions", deletions).set("in_main_branch", true).build());
      trees.add(Tables.BRONZE_TREES.newRow().set("repo_id", repo.id).set("sha", sha)
          .set("path_count", repo.tree.size()).set("paths", new ArrayList<>(repo.tree.keySet())).set("truncated", false)
          .build());
      repo.head = sha;
      return sha;
    }
  }

  /** A unified diff as git writes it, with JGit's histogram algorithm; counts[0] added, counts[1] deleted lines. */
  static String diff(String path, String before, String after, int[] counts) {
    RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
    RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
    EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
        .diff(RawTextComparator.DEFAULT, a, b);
    for (Edit e : edits) {
      counts[0] += e.getLengthB();
      counts[1] += e.getLengthA();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DiffFormatter f = new DiffFormatter(out)) {
      f.format(edits, a, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "diff --git a/" + path + " b/" + path + "\n--- a/" + path + "\n+++ b/" + path + "\n"
        + out.toString(StandardCharsets.UTF_8);
  }

  static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
