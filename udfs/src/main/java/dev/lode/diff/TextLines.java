package dev.lode.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Text as lines, each keeping its terminator ({@code "\n"}), so that joining the lines gives the text back byte for
 * byte, a last line without a newline included. Diffs, windows and SEARCH/REPLACE blocks all work on these lines.
 */
public final class TextLines {
  private TextLines() {}

  /** The lines of {@code text}; empty for null or empty text. */
  public static List<String> split(String text) {
    List<String> lines = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return lines;
    }
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /** Lines {@code [from, to)} joined back into text. */
  public static String join(List<String> lines, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = Math.max(0, from); i < Math.min(to, lines.size()); i++) {
      sb.append(lines.get(i));
    }
    return sb.toString();
  }

  public static String join(List<String> lines) {
    return join(lines, 0, lines.size());
  }

  /** {@code text} ending with a newline, for display inside a fenced block. */
  public static String terminated(String text) {
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
  }
}
