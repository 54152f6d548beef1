package dev.lode.eval;

import dev.lode.code.ChangedFile;
import dev.lode.diff.TextLines;
import dev.lode.gold.Message;
import dev.lode.gold.format.EditFormat;
import dev.lode.gold.format.Fence;
import dev.lode.gold.format.FileEdit;
import dev.lode.gold.format.UnifiedDiff;
import dev.lode.gold.format.WholeFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a gold example asks of a model, recovered from its gold.examples row: its task, its edit format ({@code none}
 * for localization), the files its prompt shows with their code before and after the change (the after code is what
 * the reference completion makes of the shown code: gold checked that it rebuilds the change), and the reference
 * completion itself.
 */
public record GoldCase(String task, String editFormat, List<FileEdit> files, String reference) {
  public static final String LOCALIZE = "localize";
  public static final String NO_FORMAT = "none";

  /** A shown file's heading as {@code Prompts.files} and {@code Prompts.created} write it. */
  private static final Pattern HEADING = Pattern.compile(
      "## (.+?)(?: \\((?:(new file)|lines (\\d+)-(\\d+) of (\\d+))\\))?\\n?");

  public GoldCase {
    files = List.copyOf(files);
  }

  /** The edit format of the completions, or null when they are not code edits (localization). */
  public EditFormat format() {
    return NO_FORMAT.equals(editFormat) ? null : EditFormat.of(editFormat);
  }

  /**
   * The case of one gold.examples row from its {@code task}, {@code edit_format}, {@code prompt} and
   * {@code completion}. The files are read from the end of the last user message, where every generator puts them
   * ({@code ## path (lines a-b of n)} headings, each with a fenced block, then {@code ## path (new file)} for files
   * to create); a file appears once, as its last heading shows it. A localization case has no files.
   *
   * @throws IllegalArgumentException when the prompt shows no files or the completion does not apply to them
   */
  public static GoldCase recover(String task, String editFormat, List<Message> prompt, String completion) {
    if (LOCALIZE.equals(task) || NO_FORMAT.equals(editFormat)) {
      return new GoldCase(task, editFormat, List.of(), completion);
    }
    String user = prompt.stream().filter(m -> "user".equals(m.role())).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalArgumentException("the prompt has no user message")).content();
    List<FileEdit> shown = shownFiles(user);
    EditFormat format = EditFormat.of(editFormat);
    if (format == EditFormat.UNIFIED_DIFF) {
      shown = withoutFinalNewline(shown, completion);
    }
    Map<String, String> after = format.apply(shown, completion);
    Set<String> deleted = deleted(format, completion);
    List<FileEdit> files = new ArrayList<>();
    for (Map.Entry<String, String> a : after.entrySet()) {
      FileEdit e = shown.stream().filter(f -> f.path().equals(a.getKey())).findFirst().orElse(null);
      String before = e == null ? "" : e.before();
      int first = e == null ? 1 : e.firstLineBefore();
      int total = e == null ? 0 : e.totalLinesBefore();
      String type = e == null || e.isAdd() ? ChangedFile.ADD
          : deleted.contains(a.getKey()) ? ChangedFile.DELETE : ChangedFile.MODIFY;
      int totalAfter = total - TextLines.split(before).size() + TextLines.split(a.getValue()).size();
      files.add(new FileEdit(a.getKey(), e == null ? null : e.language(), type, before, a.getValue(), first, first,
          total, totalAfter, before));
    }
    return new GoldCase(task, editFormat, files, completion);
  }

  /** The files shown at the end of a user message: the earliest heading from which headings run to its end. */
  static List<FileEdit> shownFiles(String user) {
    List<String> lines = TextLines.split(user);
    for (int start = 0; start < lines.size(); start++) {
      if (lines.get(start).startsWith("## ")) {
        List<FileEdit> files = chain(lines, start);
        if (files != null) {
          Map<String, FileEdit> byPath = new LinkedHashMap<>();
          for (FileEdit f : files) {
            byPath.remove(f.path());
            byPath.put(f.path(), f);
          }
          return List.copyOf(byPath.values());
        }
      }
    }
    throw new IllegalArgumentException("the prompt shows no files");
  }

  /** The files from line {@code at} to the end, one blank line between them; null if the lines are not that. */
  private static List<FileEdit> chain(List<String> lines, int at) {
    List<FileEdit> out = new ArrayList<>();
    int i = at;
    while (true) {
      Matcher m = HEADING.matcher(lines.get(i));
      if (!m.matches()) {
        return null;
      }
      String path = m.group(1);
      if (m.group(2) != null) {
        out.add(new FileEdit(path, null, ChangedFile.ADD, "", "", 1, 1, 0, 0, ""));
        i++;
      } else {
        Fence.Block block = Fence.read(lines, i + 1);
        if (block == null) {
          return null;
        }
        int shown = TextLines.split(block.text()).size();
        int first = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        int total = m.group(5) == null ? shown : Integer.parseInt(m.group(5));
        String language = block.language().isEmpty() ? null : block.language();
        out.add(new FileEdit(path, language, ChangedFile.MODIFY, block.text(), block.text(), first, first, total,
            total, block.text()));
        i = block.next();
      }
      if (i == lines.size()) {
        return out;
      }
      if (!lines.get(i).equals("\n") || i + 1 == lines.size()) {
        return null;
      }
      i++;
    }
  }

  /**
   * A fenced block always ends with a newline, so the prompt cannot show that a file's last line has none; the
   * reference diff does ({@code \ No newline at end of file} after a context or removed line), and those files'
   * shown code loses its final newline.
   */
  private static List<FileEdit> withoutFinalNewline(List<FileEdit> shown, String diff) {
    Set<String> unterminated = new HashSet<>();
    for (UnifiedDiff.FilePatch p : UnifiedDiff.parse(diff)) {
      List<String> lines = TextLines.split(p.text());
      for (int i = 1; i < lines.size(); i++) {
        char tag = lines.get(i - 1).charAt(0);
        if (lines.get(i).startsWith("\\") && (tag == ' ' || tag == '-') && !p.isAdd()) {
          unterminated.add(p.oldPath());
        }
      }
    }
    List<FileEdit> out = new ArrayList<>();
    for (FileEdit e : shown) {
      String b = e.before();
      if (unterminated.contains(e.path()) && b.endsWith("\n")) {
        b = b.substring(0, b.length() - 1);
      }
      out.add(new FileEdit(e.path(), e.language(), e.changeType(), b, b, e.firstLineBefore(), e.firstLineAfter(),
          e.totalLinesBefore(), e.totalLinesAfter(), b));
    }
    return out;
  }

  /** The files the completion deletes, where its format says so (SEARCH/REPLACE empties a file instead). */
  private static Set<String> deleted(EditFormat format, String completion) {
    Set<String> out = new HashSet<>();
    if (format == EditFormat.UNIFIED_DIFF) {
      UnifiedDiff.parse(completion).stream().filter(UnifiedDiff.FilePatch::isDelete)
          .forEach(p -> out.add(p.oldPath()));
    } else if (format == EditFormat.WHOLE_FILE) {
      WholeFile.parse(completion).stream().filter(WholeFile.File::isDelete).forEach(f -> out.add(f.path()));
    }
    return out;
  }
}
