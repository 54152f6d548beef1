package dev.lode.curate;

import dev.lode.code.ChangedFile;
import java.util.List;

/**
 * What the cheap rules look at: one commit's metadata, the files it changes and the paths of its tree. The author
 * e-mail is here only so that bot rules can read it; nothing derived from it is ever written out of bronze.
 *
 * @param treePaths every file path of the commit's tree, or null when bronze.trees has no row for it
 * @param license   the repository's SPDX license, or null when unknown
 */
public record CommitFacts(String repoId, String sha, String subject, String message, String authorName,
    String authorEmail, int parentCount, List<ChangedFile> files, List<String> treePaths, String license) {

  public CommitFacts {
    subject = subject == null ? "" : subject;
    message = message == null ? "" : message;
    files = files == null ? List.of() : List.copyOf(files);
    treePaths = treePaths == null ? null : List.copyOf(treePaths);
  }

  /** The message without its first line. */
  public String body() {
    int nl = message.indexOf('\n');
    return nl < 0 ? "" : message.substring(nl + 1);
  }
}
