package dev.lode.diff;

import java.util.List;

/**
 * One region of a line diff: lines {@code [beginA, endA)} of the old text replaced by {@code [beginB, endB)} of the
 * new one (0-based; an empty range is an insertion or a deletion). The shape of JGit's {@code Edit}, without JGit.
 * Every diff in Lode, bronze's and gold's, is a list of these from {@link GitMyersDiff}.
 */
public record LineEdit(int beginA, int endA, int beginB, int endB) {
  public int deleted() {
    return endA - beginA;
  }

  public int added() {
    return endB - beginB;
  }

  /** Lines added by all of {@code edits}, as {@code git diff --numstat} counts them. */
  public static int added(List<LineEdit> edits) {
    int n = 0;
    for (LineEdit e : edits) {
      n += e.added();
    }
    return n;
  }

  /** Lines deleted by all of {@code edits}, as {@code git diff --numstat} counts them. */
  public static int deleted(List<LineEdit> edits) {
    int n = 0;
    for (LineEdit e : edits) {
      n += e.deleted();
    }
    return n;
  }
}
