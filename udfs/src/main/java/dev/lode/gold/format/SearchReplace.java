package dev.lode.gold.format;

import dev.lode.diff.GitMyersDiff;
import dev.lode.diff.LineEdit;
import dev.lode.diff.TextLines;
import java.util.ArrayList;
import java.util.List;

/**
 * SEARCH/REPLACE blocks, the edit format coding agents apply (aider, the seeds' {@code apply_patch}): the file path on
 * a line, then a fenced block
 *
 * <pre>
 * &lt;&lt;&lt;&lt;&lt;&lt;&lt; SEARCH
 * lines to find, exactly once in the file
 * =======
 * lines to put in their place
 * &gt;&gt;&gt;&gt;&gt;&gt;&gt; REPLACE
 * </pre>
 *
 * Each SEARCH is grown with context lines until it occurs exactly once in the whole file; an empty SEARCH creates a
 * file. {@link #apply} is the reader that checks blocks rebuild the after text.
 */
public final class SearchReplace {
  private SearchReplace() {}

  public static final String SEARCH = "<<<<<<< SEARCH\n";
  public static final String DIVIDER = "=======\n";
  public static final String REPLACE = ">>>>>>> REPLACE\n";

  /** One block: replace {@code search} (empty to create a file) by {@code replace}. */
  public record Block(String path, String search, String replace) {}

  /** The blocks that turn the file's before window into its after window. */
  public static List<Block> blocks(FileEdit e) {
    List<String> a = TextLines.split(e.before());
    List<String> b = TextLines.split(e.after());
    List<Block> out = new ArrayList<>();
    if (e.isAdd() || a.isEmpty()) {
      if (!b.isEmpty()) {
        out.add(new Block(e.path(), "", e.after()));
      }
      return out;
    }
    List<LineEdit> edits = GitMyersDiff.diff(a, b);
    // Each edit's before range, grown until its text is unique in the whole file.
    List<int[]> ranges = new ArrayList<>(); // {edit index from, edit index to, before start, before end}
    for (int i = 0; i < edits.size(); i++) {
      LineEdit ed = edits.get(i);
      int s = ed.beginA();
      int t = ed.endA();
      if (s == t) { // an insertion needs a line to anchor on
        if (s > 0) {
          s--;
        } else {
          t++;
        }
      }
      while (!unique(TextLines.join(a, s, t), e.fullBefore()) && (s > 0 || t < a.size())) {
        if (s > 0) {
          s--;
        }
        if (t < a.size()) {
          t++;
        }
      }
      ranges.add(new int[] {i, i, s, t});
    }
    List<int[]> merged = new ArrayList<>();
    for (int[] r : ranges) {
      int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r[2] <= last[3]) {
        last[1] = r[1];
        last[3] = Math.max(last[3], r[3]);
      } else {
        merged.add(r.clone());
      }
    }
    for (int[] r : merged) {
      LineEdit first = edits.get(r[0]);
      LineEdit last = edits.get(r[1]);
      int bs = first.beginB() - (first.beginA() - r[2]);
      int be = last.endB() + (r[3] - last.endA());
      out.add(new Block(e.path(), TextLines.join(a, r[2], r[3]), TextLines.join(b, bs, be)));
    }
    return out;
  }

  private static boolean unique(String needle, String haystack) {
    int first = haystack.indexOf(needle);
    return first >= 0 && haystack.indexOf(needle, first + 1) < 0;
  }

  /** The blocks of several files, as the assistant writes them. */
  public static String render(List<FileEdit> edits) {
    StringBuilder sb = new StringBuilder();
    for (FileEdit e : edits) {
      if (e.isDelete()) {
        sb.append(e.path()).append('\n').append(Fence.block(e.language(), SEARCH + TextLines.terminated(e.before())
            + DIVIDER + REPLACE));
        continue;
      }
      for (Block block : blocks(e)) {
        sb.append(render(block, e.language()));
      }
    }
    return sb.toString();
  }

  static String render(Block block, String language) {
    return block.path() + "\n" + Fence.block(language, SEARCH + TextLines.terminated(block.search()) + DIVIDER
        + TextLines.terminated(block.replace()) + REPLACE);
  }

  /**
   * Reads the blocks back out of an assistant's text: each {@code <<<<<<< SEARCH} line must follow its file's path
   * and an opening fence, and be closed by {@code >>>>>>> REPLACE}.
   *
   * @throws IllegalArgumentException when a block is not written so
   */
  public static List<Block> parse(String text) {
    List<Block> out = new ArrayList<>();
    List<String> lines = TextLines.split(text);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals(SEARCH)) {
        continue;
      }
      int fence = i - 1;
      String path = fence >= 1 ? lines.get(fence - 1).strip() : "";
      if (path.isEmpty() || !lines.get(fence).startsWith("```")) {
        throw new IllegalArgumentException("a SEARCH block must follow its file's path and an opening fence");
      }
      StringBuilder search = new StringBuilder();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).equals(DIVIDER)) {
        search.append(lines.get(j++));
      }
      StringBuilder replace = new StringBuilder();
      j++;
      while (j < lines.size() && !lines.get(j).equals(REPLACE)) {
        replace.append(lines.get(j++));
      }
      if (j >= lines.size()) {
        throw new IllegalArgumentException("SEARCH block for " + path + " is not closed by " + REPLACE.strip());
      }
      out.add(new Block(path, search.toString(), replace.toString()));
      i = j;
    }
    return out;
  }

  /**
   * Applies the blocks meant for {@code path} to {@code text}, each SEARCH found after the previous one.
   *
   * @throws IllegalArgumentException when a SEARCH is not found
   */
  public static String apply(String text, List<Block> blocks, String path) {
    String out = text;
    int from = 0;
    for (Block b : blocks) {
      if (!b.path().equals(path)) {
        continue;
      }
      if (b.search().isEmpty()) {
        out = b.replace();
        from = out.length();
        continue;
      }
      int at = out.indexOf(b.search(), from);
      String search = b.search();
      if (at < 0 && search.endsWith("\n") && out.endsWith(search.substring(0, search.length() - 1))
          && out.length() - search.length() + 1 >= from) {
        // the file's last line has no newline; blocks are whole lines, so SEARCH carries one
        search = search.substring(0, search.length() - 1);
        at = out.length() - search.length();
      }
      if (at < 0) {
        throw new IllegalArgumentException("SEARCH block not found in " + path + ": "
            + b.search().lines().findFirst().orElse("").strip());
      }
      out = out.substring(0, at) + b.replace() + out.substring(at + search.length());
      from = at + b.replace().length();
    }
    return out;
  }
}
