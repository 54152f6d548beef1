package dev.lode.diff;

/**
 * Text split into lines, over its raw bytes: what a diff is rendered from. Line {@code i} (0-based) spans
 * {@code [start(i), end(i))}, its newline included when it has one.
 */
public interface LineText {
  byte[] bytes();

  int lineCount();

  int start(int line);

  int end(int line);

  /** True when the last line has no trailing newline (git prints "\ No newline at end of file"). */
  default boolean missingNewlineAtEnd() {
    int n = lineCount();
    return n > 0 && bytes()[end(n - 1) - 1] != '\n';
  }
}
