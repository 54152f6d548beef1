package dev.lode.gold.format;

import dev.lode.diff.GitMyersDiff;
import dev.lode.diff.Hunk;
import dev.lode.diff.LineEdit;
import dev.lode.diff.TextLines;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unified diffs as git writes them ({@code --- a/path}, {@code +++ b/path}, hunks with three lines of context), with
 * hunk line numbers of the full files even when only a window is shown, so that the diff applies to the real file.
 * {@link #apply} is the reader that checks a rendered diff rebuilds the after text.
 */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  private static final int CONTEXT = 3;
  private static final String NO_NEWLINE = "\\ No newline at end of file\n";
  private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");

  /** The diff of one file; empty when nothing changed. */
  public static String render(FileEdit e) {
    List<String> a = TextLines.split(e.before());
    List<String> b = TextLines.split(e.after());
    List<LineEdit> edits = GitMyersDiff.diff(a, b);
    if (edits.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("--- ").append(e.isAdd() ? "/dev/null" : "a/" + e.path()).append('\n');
    sb.append("+++ ").append(e.isDelete() ? "/dev/null" : "b/" + e.path()).append('\n');
    for (Hunk hunk : Hunk.of(edits, CONTEXT, a.size(), b.size())) {
      sb.append(hunk.header(e.firstLineBefore(), e.firstLineAfter())).append('\n');
      int ai = hunk.aStart();
      for (int k = hunk.firstEdit(); k <= hunk.lastEdit(); k++) {
        LineEdit ed = edits.get(k);
        for (; ai < ed.beginA(); ai++) {
          line(sb, ' ', a.get(ai));
        }
        for (int x = ed.beginA(); x < ed.endA(); x++) {
          line(sb, '-', a.get(x));
        }
        for (int y = ed.beginB(); y < ed.endB(); y++) {
          line(sb, '+', b.get(y));
        }
        ai = ed.endA();
      }
      for (; ai < hunk.aEnd(); ai++) {
        line(sb, ' ', a.get(ai));
      }
    }
    return sb.toString();
  }

  /** The diffs of several files, one after the other. */
  public static String render(List<FileEdit> edits) {
    StringBuilder sb = new StringBuilder();
    for (FileEdit e : edits) {
      sb.append(render(e));
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, char tag, String line) {
    sb.append(tag).append(line);
    if (!line.endsWith("\n")) {
      sb.append('\n').append(NO_NEWLINE);
    }
  }

  /**
   * One file's part of a diff: the paths of its {@code ---} and {@code +++} lines without git's {@code a/} and
   * {@code b/} (null for {@code /dev/null}: an added or deleted file), and its text from the {@code ---} line to its
   * last hunk, for {@link #apply}.
   */
  public record FilePatch(String oldPath, String newPath, String text) {
    public boolean isAdd() {
      return oldPath == null;
    }

    public boolean isDelete() {
      return newPath == null;
    }

    /** The file it changes: its new path, or its old one when it deletes the file. */
    public String path() {
      return newPath != null ? newPath : oldPath;
    }
  }

  /**
   * Reads a diff in the format {@link #render} writes: one or more files, each a {@code ---} line, a {@code +++}
   * line and hunks whose lines agree with the counts of their headers. Blank lines after the last hunk are ignored.
   *
   * @throws IllegalArgumentException naming the first line that is not part of such a diff
   */
  public static List<FilePatch> parse(String diff) {
    List<String> lines = new ArrayList<>(TextLines.split(TextLines.terminated(diff)));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    List<FilePatch> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      int start = i;
      if (!lines.get(i).startsWith("--- ") || i + 1 >= lines.size() || !lines.get(i + 1).startsWith("+++ ")) {
        throw new IllegalArgumentException("expected a --- and a +++ line, got: " + lines.get(i).strip());
      }
      String oldPath = path(lines.get(i), "a/");
      String newPath = path(lines.get(i + 1), "b/");
      if (oldPath == null && newPath == null) {
        throw new IllegalArgumentException("both sides of a file's diff are /dev/null");
      }
      i += 2;
      if (i >= lines.size() || !lines.get(i).startsWith("@@")) {
        throw new IllegalArgumentException("the diff of " + (newPath != null ? newPath : oldPath) + " has no hunk");
      }
      while (i < lines.size() && lines.get(i).startsWith("@@")) {
        i = hunk(lines, i);
      }
      out.add(new FilePatch(oldPath, newPath, TextLines.join(lines, start, i)));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("the text holds no diff");
    }
    return out;
  }

  private static String path(String header, String prefix) {
    String p = header.substring(4).strip();
    if (p.equals("/dev/null")) {
      return null;
    }
    return p.startsWith(prefix) ? p.substring(prefix.length()) : p;
  }

  /** Checks the hunk whose header is at line {@code at} against its counts; returns the line after it. */
  private static int hunk(List<String> lines, int at) {
    Matcher m = HUNK.matcher(lines.get(at).stripTrailing());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a hunk header: " + lines.get(at).strip());
    }
    int before = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
    int after = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
    int i = at + 1;
    while (before > 0 || after > 0) {
      if (i >= lines.size()) {
        throw new IllegalArgumentException("hunk " + lines.get(at).strip() + " ends before its counts");
      }
      char tag = lines.get(i).charAt(0);
      if (tag == ' ' && before > 0 && after > 0) {
        before--;
        after--;
      } else if (tag == '-' && before > 0) {
        before--;
      } else if (tag == '+' && after > 0) {
        after--;
      } else if (!(tag == '\\' && i > at + 1)) {
        throw new IllegalArgumentException("hunk " + lines.get(at).strip() + " does not match its counts at: "
            + lines.get(i).strip());
      }
      i++;
    }
    if (i < lines.size() && lines.get(i).startsWith("\\")) {
      i++; // the last line has no newline
    }
    return i;
  }

  /**
   * Applies the hunks of the diff of one file to {@code before}, a window starting at line {@code firstLine} of the
   * full file. Context and removed lines must match exactly.
   *
   * @throws IllegalArgumentException naming the hunk that does not apply
   */
  public static String apply(String before, String diff, int firstLine) {
    List<String> a = TextLines.split(before);
    List<String> out = new ArrayList<>();
    List<String> lines = TextLines.split(diff);
    int ai = 0;
    int i = 0;
    while (i < lines.size() && !lines.get(i).startsWith("@@")) {
      i++; // headers
    }
    while (i < lines.size()) {
      Matcher m = HUNK.matcher(lines.get(i).stripTrailing());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a hunk header: " + lines.get(i).strip());
      }
      int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      int start = Integer.parseInt(m.group(1)) - firstLine + (count == 0 ? 1 : 0);
      if (start < ai || start > a.size()) {
        throw new IllegalArgumentException("hunk " + lines.get(i).strip() + " starts outside the text");
      }
      while (ai < start) {
        out.add(a.get(ai++));
      }
      i++;
      while (i < lines.size() && !lines.get(i).startsWith("@@")) {
        String l = lines.get(i);
        boolean noNewline = i + 1 < lines.size() && lines.get(i + 1).equals(NO_NEWLINE);
        String body = l.substring(1);
        if (noNewline) {
          body = body.substring(0, body.length() - 1);
        }
        char tag = l.charAt(0);
        if (tag == ' ' || tag == '-') {
          if (ai >= a.size() || !a.get(ai).equals(body)) {
            throw new IllegalArgumentException("line " + (ai + firstLine) + " does not match the diff's " + l.strip());
          }
          if (tag == ' ') {
            out.add(body);
          }
          ai++;
        } else if (tag == '+') {
          out.add(body);
        } else if (!l.equals(NO_NEWLINE)) {
          throw new IllegalArgumentException("unexpected diff line: " + l.strip());
        }
        i += noNewline ? 2 : 1;
      }
    }
    while (ai < a.size()) {
      out.add(a.get(ai++));
    }
    return TextLines.join(out);
  }
}
