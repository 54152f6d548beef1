package dev.lode.gold;

import dev.lode.code.ChangedFile;
import java.util.List;

/**
 * A curated commit as gold reads it (one row of silver.examples, with the file tree of its parent from bronze.trees):
 * everything the real and synthetic examples of the commit are made from.
 */
public record Commit(String repoId, String sha, String parentSha, String language, String instruction,
    List<ChangedFile> files, List<String> testFiles, List<String> sourceFiles, double quality,
    List<String> parentTree) {

  public Commit {
    files = List.copyOf(files);
    testFiles = testFiles == null ? List.of() : List.copyOf(testFiles);
    sourceFiles = sourceFiles == null ? List.of() : List.copyOf(sourceFiles);
  }

  /** The changed files that are tests. */
  public List<ChangedFile> tests() {
    return files.stream().filter(f -> testFiles.contains(f.path())).toList();
  }

  /** The changed files that are not tests. */
  public List<ChangedFile> sources() {
    return files.stream().filter(f -> !testFiles.contains(f.path())).toList();
  }
}
