package dev.lode.gold.format;

import dev.lode.diff.TextLines;
import java.util.List;

/** Markdown code fences long enough never to be closed by the code they hold. */
public final class Fence {
  private Fence() {}

  /** A fenced block read back: its language tag (empty when none), its text, and the line after its closing fence. */
  public record Block(String language, String text, int next) {}

  /** {@code text} in a fenced block tagged with {@code language} (may be null). */
  public static String block(String language, String text) {
    String body = TextLines.terminated(text);
    String fence = "```";
    while (body.contains(fence)) {
      fence += "`";
    }
    return fence + (language == null ? "" : language) + "\n" + body + fence + "\n";
  }

  /**
   * The block {@link #block} wrote starting at line {@code at} of {@code lines} (lines as {@link TextLines#split}
   * gives them), or null when no fence opens there or it is never closed. The text is as shown: terminated.
   */
  public static Block read(List<String> lines, int at) {
    if (at < 0 || at >= lines.size()) {
      return null;
    }
    String open = lines.get(at).endsWith("\n") ? lines.get(at).substring(0, lines.get(at).length() - 1)
        : lines.get(at);
    int ticks = 0;
    while (ticks < open.length() && open.charAt(ticks) == '`') {
      ticks++;
    }
    if (ticks < 3 || open.indexOf('`', ticks) >= 0) {
      return null;
    }
    String fence = open.substring(0, ticks);
    StringBuilder text = new StringBuilder();
    for (int i = at + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.equals(fence + "\n") || line.equals(fence)) {
        return new Block(open.substring(ticks).strip(), text.toString(), i + 1);
      }
      text.append(line);
    }
    return null;
  }
}
