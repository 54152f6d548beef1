package dev.lode.code;

import dev.lode.code.TextEdit;
import dev.lode.diff.LineEdit;
import dev.lode.diff.LineText;
import java.util.ArrayList;
import java.util.List;

/**
 * Line edits of a diff turned into the byte-and-point edits tree-sitter applies to the old version's tree, so the
 * new version is parsed incrementally ({@code CodeParser.reparse}). The edits are listed last first: each then
 * stands in the old text's coordinates, which the edits after it have not moved.
 */
public final class TreeEdits {
  private TreeEdits() {}

  public static List<TextEdit> of(LineText a, LineText b, List<LineEdit> edits) {
    List<TextEdit> out = new ArrayList<>(edits.size());
    for (int i = edits.size() - 1; i >= 0; i--) {
      LineEdit e = edits.get(i);
      int start = offset(a, e.beginA());
      int oldEnd = offset(a, e.endA());
      int newEnd = start + offset(b, e.endB()) - offset(b, e.beginB());
      int[] startPoint = point(a, e.beginA());
      int[] oldEndPoint = point(a, e.endA());
      int[] newStartInB = point(b, e.beginB());
      int[] newEndInB = point(b, e.endB());
      int rows = newEndInB[0] - newStartInB[0];
      int newEndRow = startPoint[0] + rows;
      int newEndColumn = rows == 0 ? startPoint[1] + newEndInB[1] - newStartInB[1] : newEndInB[1];
      out.add(new TextEdit(start, oldEnd, newEnd, startPoint[0], startPoint[1], oldEndPoint[0], oldEndPoint[1],
          newEndRow, newEndColumn));
    }
    return out;
  }

  /** Byte offset where line {@code line} starts; the text's length for {@code line == lineCount}. */
  private static int offset(LineText t, int line) {
    return line < t.lineCount() ? t.start(line) : t.bytes().length;
  }

  /** Row and byte column where line {@code line} starts; the end of the text for {@code line == lineCount}. */
  private static int[] point(LineText t, int line) {
    int n = t.lineCount();
    if (line < n) {
      return new int[] {line, 0};
    }
    if (n == 0) {
      return new int[] {0, 0};
    }
    if (t.missingNewlineAtEnd()) {
      return new int[] {n - 1, t.end(n - 1) - t.start(n - 1)};
    }
    return new int[] {n, 0};
  }
}
