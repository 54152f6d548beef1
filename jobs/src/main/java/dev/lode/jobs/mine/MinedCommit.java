package dev.lode.jobs.mine;

import dev.lode.code.ChangedFile;
import java.util.List;

/**
 * One mined commit: its bronze.commits facts, its file changes and its tree, or, when it could not be read at all,
 * only {@code repoId}, {@code sha} and {@code error}.
 */
public record MinedCommit(
    String repoId,
    String sha,
    List<String> parents,
    String authorName,
    String authorEmail,
    long authorTime,
    int authorTzOffsetMin,
    String committerName,
    String committerEmail,
    long commitTime,
    int commitTzOffsetMin,
    String message,
    String subject,
    boolean inMainBranch,
    List<ChangedFile> files,
    int pathCount,
    List<String> paths,
    boolean pathsTruncated,
    String error) {

  static MinedCommit failed(String repoId, String sha, String error) {
    return new MinedCommit(repoId, sha, List.of(), null, null, 0, 0, null, null, 0, 0, null, null, false, List.of(),
        0, null, false, error);
  }

  public boolean isMerge() {
    return parents.size() > 1;
  }

  public int insertions() {
    int n = 0;
    for (ChangedFile f : files) {
      n += f.addedLines();
    }
    return n;
  }

  public int deletions() {
    int n = 0;
    for (ChangedFile f : files) {
      n += f.deletedLines();
    }
    return n;
  }

  /** The first file-level error, for the repository's summary; null when every file was read. */
  public String firstFileError() {
    for (ChangedFile f : files) {
      if (f.error() != null) {
        return f.path() + ": " + f.error();
      }
    }
    return null;
  }
}
