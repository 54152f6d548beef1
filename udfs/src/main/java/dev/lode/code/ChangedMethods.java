package dev.lode.code;

import dev.lode.diff.GitMyersDiff;
import dev.lode.diff.LineEdit;
import dev.lode.diff.Lines;
import java.util.ArrayList;
import java.util.Comparator;
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

  /**
   * The changed methods between two versions of a file, parsed here: what bronze's {@code changed_methods} holds
   * for them (the miner gets the same from its cached trees, with {@link #in}). Null bytes stand for a side where the
   * file does not exist.
   */
  public static List<String> between(CodeParser parser, Grammar grammar, byte[] before, byte[] after) {
    byte[] a = before == null ? new byte[0] : before;
    byte[] b = after == null ? new byte[0] : after;
    List<LineEdit> edits = GitMyersDiff.diff(Lines.of(a), Lines.of(b));
    SyntaxTree oldTree = LineEdit.deleted(edits) > 0 ? parser.parse(grammar, a) : null;
    SyntaxTree newTree = LineEdit.added(edits) > 0 ? parser.parse(grammar, b) : null;
    return in(oldTree, newTree, edits);
  }

  /**
   * The changed methods of {@code edits}, found in the trees of the old and the new version. Only the lines the
   * edits touch are searched; a tree may be null when no edit deletes lines (old) or adds them (new).
   */
  public static List<String> in(SyntaxTree oldTree, SyntaxTree newTree, List<LineEdit> edits) {
    List<FunctionSpan> oldFunctions = new ArrayList<>();
    List<FunctionSpan> newFunctions = new ArrayList<>();
    for (LineEdit e : edits) {
      if (e.deleted() > 0) {
        oldFunctions.addAll(oldTree.functionsInLines(e.beginA() + 1, e.endA()));
      }
      if (e.added() > 0) {
        newFunctions.addAll(newTree.functionsInLines(e.beginB() + 1, e.endB()));
      }
    }
    oldFunctions.sort(Comparator.comparingInt(FunctionSpan::startByte));
    newFunctions.sort(Comparator.comparingInt(FunctionSpan::startByte));
    return of(oldFunctions, newFunctions, edits);
  }

  /** The names of {@code oldFunctions} holding a deleted line and of {@code newFunctions} holding an added one. */
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
}
