package dev.lode.gold.format;

import dev.lode.diff.TextLines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The ways an assistant can write a change: the files after it in full, a unified diff, or SEARCH/REPLACE blocks.
 * Each renders the same {@link FileEdit}s and checks that what it wrote, applied to the shown code, gives the code
 * after the change.
 */
public enum EditFormat {
  WHOLE_FILE("Reply with the complete new content of each changed file: its path on one line, then the content in a "
      + "fenced code block. For a file to delete, write its path and then `(delete this file)`. Where only some "
      + "lines of a file are shown, reply with those lines as they should be."),
  UNIFIED_DIFF("Reply with a unified diff in git's format (`--- a/path`, `+++ b/path`, hunks with the line numbers "
      + "of the full files) that makes the change."),
  SEARCH_REPLACE("Reply with SEARCH/REPLACE blocks: the file path on one line, then a fenced block holding "
      + "`<<<<<<< SEARCH`, the exact lines to find, `=======`, the lines to put in their place, and "
      + "`>>>>>>> REPLACE`. Each SEARCH must match the file exactly once; to create a file, leave SEARCH empty.");

  private final String instructions;

  EditFormat(String instructions) {
    this.instructions = instructions;
  }

  /** The name used in configuration and in {@code gold.examples.edit_format}: {@code search_replace}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EditFormat of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  /** How the system prompt tells the assistant to write its answer. */
  public String instructions() {
    return instructions;
  }

  /** The assistant's answer for these edits. */
  public String render(List<FileEdit> edits) {
    return switch (this) {
      case WHOLE_FILE -> WholeFile.render(edits);
      case UNIFIED_DIFF -> UnifiedDiff.render(edits);
      case SEARCH_REPLACE -> SearchReplace.render(edits);
    };
  }

  /**
   * Checks that {@code answer} applied to each file's before window gives its after window: the answer teaches
   * exactly the change. Returns null when it does, else what went wrong.
   */
  public String verify(List<FileEdit> edits, String answer) {
    try {
      return differences(edits, apply(edits, answer));
    } catch (IllegalArgumentException ex) {
      return ex.getMessage();
    }
  }

  /**
   * What {@code answer}, written in this format, makes of the shown files: each file's text after it (keyed by
   * path; a deleted file's is empty, a file it does not touch keeps its before text) and the files it creates.
   * A diff's hunks are placed by the line numbers of the full file ({@link FileEdit#firstLineBefore}).
   *
   * @throws Unreadable when the answer is not written in this format
   * @throws IllegalArgumentException when it is, but does not apply to the shown files
   */
  public Map<String, String> apply(List<FileEdit> shown, String answer) {
    Map<String, FileEdit> byPath = new LinkedHashMap<>();
    Map<String, String> out = new LinkedHashMap<>();
    for (FileEdit e : shown) {
      byPath.put(e.path(), e);
      out.put(e.path(), e.isAdd() ? "" : e.before());
    }
    switch (this) {
      case WHOLE_FILE -> {
        for (WholeFile.File f : readable(() -> WholeFile.parse(answer))) {
          out.put(f.path(), f.isDelete() ? "" : f.text());
        }
      }
      case UNIFIED_DIFF -> {
        for (UnifiedDiff.FilePatch p : readable(() -> UnifiedDiff.parse(answer))) {
          FileEdit e = p.isAdd() ? null : byPath.get(p.oldPath());
          if (!p.isAdd() && e == null) {
            throw new IllegalArgumentException("the diff changes " + p.oldPath() + ", which is not shown");
          }
          if (p.isAdd() && !out.getOrDefault(p.newPath(), "").isEmpty()) {
            throw new IllegalArgumentException("the diff creates " + p.newPath() + ", which exists");
          }
          String got = UnifiedDiff.apply(p.isAdd() ? "" : out.get(p.oldPath()), p.text(),
              p.isAdd() ? 1 : e.firstLineBefore());
          if (p.isDelete() && !got.isEmpty()) {
            throw new IllegalArgumentException("the diff deletes " + p.oldPath() + " but leaves lines in it");
          }
          out.put(p.path(), got);
        }
      }
      case SEARCH_REPLACE -> {
        List<SearchReplace.Block> blocks = readable(() -> SearchReplace.parse(answer));
        if (blocks.isEmpty()) {
          throw new Unreadable("the answer holds no SEARCH/REPLACE block");
        }
        for (String path : blocks.stream().map(SearchReplace.Block::path).distinct().toList()) {
          boolean creates = blocks.stream().filter(b -> b.path().equals(path)).findFirst().orElseThrow()
              .search().isEmpty();
          if (!out.containsKey(path) && !creates) {
            throw new IllegalArgumentException("SEARCH/REPLACE blocks for " + path + ", which is not shown");
          }
          out.put(path, SearchReplace.apply(out.getOrDefault(path, ""), blocks, path));
        }
      }
      default -> throw new IllegalStateException(id());
    }
    return out;
  }

  /**
   * Null when {@code result} (from {@link #apply}) holds exactly each file's after window and nothing more, else the
   * first file that differs. Fenced texts (whole files, SEARCH/REPLACE blocks) are whole lines, so there a missing
   * final newline is not a difference.
   */
  public String differences(List<FileEdit> edits, Map<String, String> result) {
    Map<String, String> want = new LinkedHashMap<>();
    for (FileEdit e : edits) {
      want.put(e.path(), e.isDelete() ? "" : e.after());
    }
    for (Map.Entry<String, String> r : result.entrySet()) {
      String w = want.get(r.getKey());
      String got = r.getValue();
      if (w == null) {
        return r.getKey() + ": the " + id() + " answer creates a file the change does not";
      }
      if (this != UNIFIED_DIFF) {
        got = TextLines.terminated(got);
        w = TextLines.terminated(w);
      }
      if (!got.equals(w)) {
        return r.getKey() + ": applying the " + id() + " answer does not give the text after the change";
      }
    }
    return null;
  }

  /** An answer that is not written in the format at all, as opposed to one that does not apply. */
  public static final class Unreadable extends IllegalArgumentException {
    public Unreadable(String message) {
      super(message);
    }
  }

  private static <T> T readable(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new Unreadable(e.getMessage());
    }
  }
}
