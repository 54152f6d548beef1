package dev.lode.jobs.mine;

/**
 * The text one commit may still keep ({@code mine.commit_text_max_bytes}): diffs and contents spend it in file order,
 * and a file past it keeps no text (marked truncated) while its counts stay exact, so that a commit touching
 * thousands of files cannot fill a task's memory.
 */
final class TextBudget {
  private long left;

  TextBudget(long max) {
    this.left = max;
  }

  /** What is left, never below zero. */
  long left() {
    return Math.max(0, left);
  }

  /** Whether {@code size} more fits. */
  boolean fits(long size) {
    return size <= left;
  }

  void spend(long size) {
    left -= size;
  }
}
