package dev.lode.curate;

/** One file a commit changes, as the cheap rules see it: path and counts, no contents. */
public record ChangedFile(String path, String changeType, String language, boolean binary, boolean test,
    int addedLines, int deletedLines) {

  public int changedLines() {
    return addedLines + deletedLines;
  }
}
