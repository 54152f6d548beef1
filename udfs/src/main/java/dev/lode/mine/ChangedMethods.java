package dev.lode.mine;

import dev.lode.code.FunctionSpan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The functions a diff touches, as PyDriller's {@code changed_methods}: a function of the new version containing an
 * added line, or a function of the old version containing a deleted line. Names are qualified
 * ({@code Parser.parse}), each once, old-version functions first, in source order.
 */
public final class ChangedMethods {
  private ChangedMethods() {}

  public static List<String> of(List<FunctionSpan> oldFunctions, List<FunctionSpan> newFunctions,
      List<LineEdit> edits) {
    Set<String> names = new LinkedHashSet<>();
    for (FunctionSpan f : oldFunctions) {
      for (LineEdit e : edits) {
        if (e.deleted() > 0 && f.overlapsLines(e.beginA() + 1, e.endA())) {
          names.add(f.qualifiedName());
          break;
        }
      }
    }
    for (FunctionSpan f : newFunctions) {
      for (LineEdit e : edits) {
        if (e.added() > 0 && f.overlapsLines(e.beginB() + 1, e.endB())) {
          names.add(f.qualifiedName());
          break;
        }
      }
    }
    return new ArrayList<>(names);
  }

  /** Whether any edit deletes lines (then the old version must be parsed). */
  public static boolean deletes(List<LineEdit> edits) {
    for (LineEdit e : edits) {
      if (e.deleted() > 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether any edit adds lines (then the new version must be parsed). */
  public static boolean adds(List<LineEdit> edits) {
    for (LineEdit e : edits) {
      if (e.added() > 0) {
        return true;
      }
    }
    return false;
  }
}
