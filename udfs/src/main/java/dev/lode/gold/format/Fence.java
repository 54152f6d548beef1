package dev.lode.gold.format;

import dev.lode.diff.TextLines;

/** Markdown code fences long enough never to be closed by the code they hold. */
public final class Fence {
  private Fence() {}

  /** {@code text} in a fenced block tagged with {@code language} (may be null). */
  public static String block(String language, String text) {
    String body = TextLines.terminated(text);
    String fence = "```";
    while (body.contains(fence)) {
      fence += "`";
    }
    return fence + (language == null ? "" : language) + "\n" + body + fence + "\n";
  }
}
