package dev.lode.gold;

import java.util.ArrayList;
import java.util.List;

/**
 * The line edits that turn one text into another (Myers' O(ND) algorithm on the lines between the common prefix and
 * suffix). Lines compare exactly, terminators included, so that applying the edits rebuilds the text byte for byte.
 */
public final class LineDiff {
  private LineDiff() {}

  /** Before lines {@code [beforeStart, beforeEnd)} are replaced by after lines {@code [afterStart, afterEnd)}. */
  public record Edit(int beforeStart, int beforeEnd, int afterStart, int afterEnd) {
    public boolean isInsert() {
      return beforeStart == beforeEnd;
    }

    public boolean isDelete() {
      return afterStart == afterEnd;
    }
  }

  /** The edits from {@code a} to {@code b}, in order, each a maximal run of changed lines. */
  public static List<Edit> edits(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<String> x = a.subList(prefix, a.size() - suffix);
    List<String> y = b.subList(prefix, b.size() - suffix);
    boolean[] keptX = new boolean[x.size()];
    boolean[] keptY = new boolean[y.size()];
    matchMyers(x, y, keptX, keptY);
    List<Edit> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < x.size() || j < y.size()) {
      if (i < x.size() && j < y.size() && keptX[i] && keptY[j]) {
        i++;
        j++;
        continue;
      }
      int si = i;
      int sj = j;
      while (i < x.size() && !keptX[i]) {
        i++;
      }
      while (j < y.size() && !keptY[j]) {
        j++;
      }
      out.add(new Edit(prefix + si, prefix + i, prefix + sj, prefix + j));
    }
    return out;
  }

  /** Beyond this many differing lines the middle is one replace edit: keeps time and memory bounded. */
  private static final int MAX_D = 4000;

  /** Marks the lines of a shortest edit script's common subsequence (Myers' greedy search, then its trace back). */
  private static void matchMyers(List<String> x, List<String> y, boolean[] keptX, boolean[] keptY) {
    int n = x.size();
    int m = y.size();
    if (n == 0 || m == 0) {
      return;
    }
    int max = Math.min(n + m, MAX_D);
    int offset = max + 1;
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>(); // trace[d] = v[offset-d .. offset+d] before step d
    int found = -1;
    for (int d = 0; d <= max && found < 0; d++) {
      int[] slice = new int[2 * d + 3];
      System.arraycopy(v, offset - d - 1, slice, 0, 2 * d + 3);
      trace.add(slice);
      for (int k = -d; k <= d; k += 2) {
        int xi = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
            : v[offset + k - 1] + 1;
        int yi = xi - k;
        while (xi < n && yi < m && x.get(xi).equals(y.get(yi))) {
          xi++;
          yi++;
        }
        v[offset + k] = xi;
        if (xi >= n && yi >= m) {
          found = d;
          break;
        }
      }
    }
    if (found < 0) {
      return; // too different: no line kept, one edit
    }
    int xi = n;
    int yi = m;
    for (int d = found; d >= 0; d--) {
      int[] pv = trace.get(d);
      int base = d + 1; // index of k = 0 in the slice
      int k = xi - yi;
      int prevK = (k == -d || (k != d && pv[base + k - 1] < pv[base + k + 1])) ? k + 1 : k - 1;
      int prevX = pv[base + prevK];
      int prevY = prevX - prevK;
      while (xi > prevX && yi > prevY) {
        keptX[xi - 1] = true;
        keptY[yi - 1] = true;
        xi--;
        yi--;
      }
      xi = prevX;
      yi = prevY;
    }
  }
}
