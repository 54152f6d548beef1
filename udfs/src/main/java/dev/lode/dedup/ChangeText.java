package dev.lode.dedup;

import dev.lode.code.ChangedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The text near-duplicate detection compares for a change: the added and removed lines of every file's diff, each
 * with its {@code +} or {@code -}, whitespace collapsed. Context lines, headers and paths are left out, so the same
 * edit cherry-picked onto another base, or vendored under another directory, reads the same.
 */
public final class ChangeText {
  private ChangeText() {}

  /** The changed lines of all files, files in a path-independent order (sorted by their own text). */
  public static String of(List<ChangedFile> files) {
    List<String> parts = new ArrayList<>();
    for (ChangedFile f : files) {
      String lines = changedLines(f.diff());
      if (!lines.isEmpty()) {
        parts.add(lines);
      }
    }
    parts.sort(null);
    return String.join("\n", parts);
  }

  /** The {@code +} and {@code -} lines of one unified diff (not the {@code +++}/{@code ---} headers). */
  public static String changedLines(String diff) {
    if (diff == null || diff.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    boolean inHunk = false;
    for (String line : diff.split("\n", -1)) {
      if (line.startsWith("@@")) {
        inHunk = true;
        continue;
      }
      if (!inHunk) {
        continue; // diff --git, index, ---/+++ headers
      }
      if (line.startsWith("+") || line.startsWith("-")) {
        String body = line.substring(1).strip().replaceAll("\\s+", " ");
        if (!body.isEmpty()) {
          sb.append(line.charAt(0)).append(body).append('\n');
        }
      }
    }
    return sb.toString();
  }
}
