package dev.lode.gold.format;

import dev.lode.diff.TextLines;
import java.util.List;
import java.util.Locale;

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
      case WHOLE_FILE -> wholeFiles(edits);
      case UNIFIED_DIFF -> UnifiedDiff.render(edits);
      case SEARCH_REPLACE -> SearchReplace.render(edits);
    };
  }

  private static String wholeFiles(List<FileEdit> edits) {
    StringBuilder sb = new StringBuilder();
    for (FileEdit e : edits) {
      sb.append(e.path()).append('\n');
      if (e.isDelete()) {
        sb.append("(delete this file)\n");
      } else {
        sb.append(Fence.block(e.language(), e.after()));
      }
    }
    return sb.toString();
  }

  /**
   * Checks that {@code answer} applied to each file's before window gives its after window: the answer teaches
   * exactly the change. Returns null when it does, else what went wrong.
   */
  public String verify(List<FileEdit> edits, String answer) {
    try {
      for (FileEdit e : edits) {
        if (!e.isDelete() && e.before().equals(e.after())) {
          continue; // no line changed (an empty new file, a mode change): nothing to write or check
        }
        String got = switch (this) {
          case WHOLE_FILE -> e.isDelete() ? "" : e.after(); // the text is copied verbatim into its fence
          case UNIFIED_DIFF -> UnifiedDiff.apply(e.before(), sectionOf(answer, e), e.firstLineBefore());
          case SEARCH_REPLACE -> e.isDelete() ? "" : SearchReplace.apply(e.before(), SearchReplace.parse(answer),
              e.path());
        };
        String want = e.isDelete() ? "" : e.after();
        if (this == SEARCH_REPLACE) { // blocks are whole lines: a missing final newline cannot be written
          got = TextLines.terminated(got);
          want = TextLines.terminated(want);
        }
        if (!got.equals(want)) {
          return e.path() + ": applying the " + id() + " answer does not give the text after the change";
        }
      }
      return null;
    } catch (IllegalArgumentException ex) {
      return ex.getMessage();
    }
  }

  /** The part of a multi-file diff about one file. */
  private static String sectionOf(String diff, FileEdit e) {
    String header = "--- " + (e.isAdd() ? "/dev/null" : "a/" + e.path()) + "\n+++ "
        + (e.isDelete() ? "/dev/null" : "b/" + e.path()) + "\n";
    int at = diff.indexOf(header);
    if (at < 0) {
      throw new IllegalArgumentException("the diff has no section for " + e.path());
    }
    int next = diff.indexOf("\n--- ", at + header.length());
    while (next >= 0 && !diff.startsWith("+++ ", diff.indexOf('\n', next + 1) + 1)) {
      next = diff.indexOf("\n--- ", next + 1);
    }
    return diff.substring(at, next < 0 ? diff.length() : next + 1);
  }
}
