package dev.lode.eval;

import dev.lode.gold.format.EditFormat;
import dev.lode.gold.format.FileEdit;
import java.util.List;
import java.util.Map;

/**
 * How a generated code edit fares against a gold case: whether it is written in the case's edit format at all
 * ({@code parses}), whether it applies to the shown code ({@code applies}: every hunk or SEARCH found, every file it
 * changes shown), and whether the result is the code after the change ({@code equalsAfter}). Each implies the one
 * before it; {@code problem} says what failed first (null when all three hold).
 */
public record EditScore(boolean parses, boolean applies, boolean equalsAfter, String problem) {

  /** The score of {@code generated}, written in {@code format}, on the case's {@code files}. */
  public static EditScore of(EditFormat format, List<FileEdit> files, String generated) {
    Map<String, String> result;
    try {
      result = format.apply(files, generated);
    } catch (EditFormat.Unreadable e) {
      return new EditScore(false, false, false, e.getMessage());
    } catch (IllegalArgumentException e) {
      return new EditScore(true, false, false, e.getMessage());
    }
    String problem = format.differences(files, result);
    return new EditScore(true, true, problem == null, problem);
  }
}
