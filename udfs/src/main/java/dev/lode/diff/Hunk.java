package dev.lode.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * One hunk of a unified diff: the edits {@code [firstEdit, lastEdit]} of a diff with their context, spanning lines
 * {@code [aStart, aEnd)} of the old text and {@code [bStart, bEnd)} of the new one. Both of Lode's renderers (bronze's
 * {@link GitHunks} and gold's unified-diff edit format) cut a diff into hunks here, the way git does.
 */
public record Hunk(int firstEdit, int lastEdit, int aStart, int aEnd, int bStart, int bEnd) {

  /**
   * The hunks of {@code edits} between texts of {@code aLines} and {@code bLines} lines, each edit with
   * {@code context} unchanged lines around it; edits whose contexts would touch or overlap (at most twice the
   * context apart) share a hunk, as in git's output.
   */
  public static List<Hunk> of(List<LineEdit> edits, int context, int aLines, int bLines) {
    List<Hunk> out = new ArrayList<>();
    int i = 0;
    while (i < edits.size()) {
      int j = i;
      while (j + 1 < edits.size() && edits.get(j + 1).beginA() - edits.get(j).endA() <= 2 * context) {
        j++;
      }
      LineEdit first = edits.get(i);
      LineEdit last = edits.get(j);
      out.add(new Hunk(i, j, Math.max(0, first.beginA() - context), Math.min(aLines, last.endA() + context),
          Math.max(0, first.beginB() - context), Math.min(bLines, last.endB() + context)));
      i = j + 1;
    }
    return out;
  }

  /**
   * The hunk's header, {@code @@ -12,7 +12,8 @@}, its lines numbered from {@code firstLineA} and {@code firstLineB}
   * (1 for whole files; where a window starts in the full file otherwise).
   */
  public String header(int firstLineA, int firstLineB) {
    StringBuilder sb = new StringBuilder("@@ -");
    range(sb, aStart, aEnd - aStart, firstLineA);
    sb.append(" +");
    range(sb, bStart, bEnd - bStart, firstLineB);
    return sb.append(" @@").toString();
  }

  /** git's xdl_format_hunk_hdr: {@code start,count}, the count left out when 1, the start one before when 0. */
  private static void range(StringBuilder sb, int start, int count, int firstLine) {
    sb.append(count == 0 ? start + firstLine - 1 : start + firstLine);
    if (count != 1) {
      sb.append(',').append(count);
    }
  }
}
