package dev.lode.gold.format;

import dev.lode.code.ChangedFile;
import dev.lode.diff.TextLines;

/**
 * The part of one file an example shows: the lines before and after the change inside its window, where the window
 * starts in the full files (1-based line numbers) and how long the full files are. An un-windowed edit shows whole
 * files. {@code fullBefore} is kept so that SEARCH blocks can be made unique in the whole file, not just the window.
 */
public record FileEdit(String path, String language, String changeType, String before, String after,
    int firstLineBefore, int firstLineAfter, int totalLinesBefore, int totalLinesAfter, String fullBefore) {

  public boolean isAdd() {
    return ChangedFile.ADD.equals(changeType);
  }

  public boolean isDelete() {
    return ChangedFile.DELETE.equals(changeType);
  }

  public boolean windowed() {
    return TextLines.split(before).size() < totalLinesBefore || TextLines.split(after).size() < totalLinesAfter;
  }

  /** The whole change of one file, no window. */
  public static FileEdit whole(ChangedFile f) {
    int nb = TextLines.split(f.beforeText()).size();
    int na = TextLines.split(f.afterText()).size();
    return new FileEdit(f.path(), f.language(), f.changeType(), f.beforeText(), f.afterText(), 1, 1, nb, na,
        f.beforeText());
  }

  /** A code edit inside one file (e.g. a mutant and its fix): {@code before} and {@code after} are whole texts. */
  public static FileEdit of(String path, String language, String before, String after) {
    return new FileEdit(path, language, ChangedFile.MODIFY, before, after, 1, 1, TextLines.split(before).size(),
        TextLines.split(after).size(), before);
  }

  /** How the prompt names the shown part: {@code (lines 120-180 of 900)}, {@code (new file)} or nothing. */
  public String span() {
    if (isAdd()) {
      return " (new file)";
    }
    if (!windowed()) {
      return "";
    }
    int shown = TextLines.split(before).size();
    return " (lines " + firstLineBefore + "-" + (firstLineBefore + shown - 1) + " of " + totalLinesBefore + ")";
  }
}
