package dev.lode.jobs.mine;

import dev.lode.lakehouse.Tables;
import dev.lode.mine.PathGlobs;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Everything the driver knows about one repository during a run, and its bronze.repos row. */
final class RepoState {
  final RepoOrigin origin;
  final RepoSource source;
  Row previous;
  CommitPlan plan;
  Path gitDir;
  PathGlobs globs;
  long planned;
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
    Long commitsMined = commitsInBronze;
    if (commitsMined == null && previous != null && !previous.isNullAt(previous.fieldIndex("commits_mined"))) {
      commitsMined = previous.getLong(previous.fieldIndex("commits_mined"));
    }
    if (commitsMined == null && plan != null) {
      commitsMined = 0L;
    }
    String licenseNow = plan != null ? license : previousString("license");
    String domain = source.domain() != null ? source.domain() : previousString("domain");
    return Tables.BRONZE_REPOS.newRow()
        .set("repo_id", origin.repoId())
        .set("name", origin.name())
        .set("origin", origin.normalized())
        .set("domain", domain)
        .set("default_branch", defaultBranch)
        .set("head_sha", head)
        .set("license", licenseNow)
        .set("last_mined_sha", lastMined)
        .set("commits_mined", commitsMined)
        .set("mined_at", now)
        .set("status", status())
        .set("error", error())
        .set("shallow", shallow)
        .set("mined_heads", minedHeads.isEmpty() ? null : minedHeads)
        .build();
  }
}
