package dev.lode.gold.format;

import dev.lode.diff.TextLines;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole-file edit format: each changed file's path on a line, then its new content (of the shown lines, for a
 * windowed file) in a fenced block, or {@code (delete this file)}. {@link #parse} reads an answer back.
 */
public final class WholeFile {
  private WholeFile() {}

  public static final String DELETE = "(delete this file)";

  /** One file of an answer: its path and its new text, null for a file to delete. */
  public record File(String path, String text) {
    public boolean isDelete() {
      return text == null;
    }
  }

  /** The answer for these edits. */
  public static String render(List<FileEdit> edits) {
    StringBuilder sb = new StringBuilder();
    for (FileEdit e : edits) {
      sb.append(e.path()).append('\n');
      if (e.isDelete()) {
        sb.append(DELETE).append('\n');
      } else {
        sb.append(Fence.block(e.language(), e.after()));
      }
    }
    return sb.toString();
  }

  /**
   * The files of an answer written as {@link #render} writes them; blank lines between files are allowed.
   *
   * @throws IllegalArgumentException when the text is not in this format or names no file
   */
  public static List<File> parse(String text) {
    List<String> lines = TextLines.split(text);
    List<File> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String path = lines.get(i).strip();
      if (path.isEmpty()) {
        i++;
        continue;
      }
      if (i + 1 < lines.size() && lines.get(i + 1).strip().equals(DELETE)) {
        out.add(new File(path, null));
        i += 2;
        continue;
      }
      Fence.Block block = Fence.read(lines, i + 1);
      if (block == null) {
        throw new IllegalArgumentException("expected a fenced block or " + DELETE + " after the path " + path);
      }
      out.add(new File(path, block.text()));
      i = block.next();
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("the answer names no file");
    }
    return out;
  }
}
