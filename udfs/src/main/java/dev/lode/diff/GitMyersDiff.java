package dev.lode.diff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The line diff git computes by default (xdiff's Myers, {@code xdiffi.c} and {@code xprepare.c}), ported so that
 * added and deleted line counts equal {@code git diff --numstat} also where git's diff is not minimal: git first
 * trims the common ends, then sets aside lines that cannot match (or match too often, amid unmatched lines), and
 * its Myers search gives up on the shortest script past a cost bound, taking the furthest-reaching path instead. A
 * textbook (minimal) Myers, such as JGit's, then counts fewer changed lines than git on large rewritten files like
 * lock files.
 *
 * <p>It is Lode's one line diff: bronze's counts, hunks and changed methods, and gold's windows, diffs and
 * SEARCH/REPLACE blocks are all read from its edits.
 *
 * <p>Git's later pass that slides ambiguous hunks ({@code xdl_change_compact}) moves changes without changing how
 * many lines change, and is not ported: hunks may sit a few lines apart from git's in ambiguous places.
 */
public final class GitMyersDiff {
  private static final int MAX_EQLIMIT = 1024; // XDL_MAX_EQLIMIT
  private static final int SIMSCAN_WINDOW = 100; // XDL_SIMSCAN_WINDOW
  private static final int KPDIS_RUN = 4; // XDL_KPDIS_RUN
  private static final int MAX_COST_MIN = 256; // XDL_MAX_COST_MIN
  private static final int HEUR_MIN_COST = 256; // XDL_HEUR_MIN_COST
  private static final int SNAKE_CNT = 20; // XDL_SNAKE_CNT
  private static final int K_HEUR = 4; // XDL_K_HEUR
  private static final int LINE_MAX = Integer.MAX_VALUE; // XDL_LINE_MAX

  private GitMyersDiff() {}

  /**
   * The changed regions of lines {@code b} against lines {@code a}, each line a string with its terminator
   * ({@link TextLines#split}): the texts gold renders. Lines compare exactly, terminators included ({@code "a\r\n"}
   * is not {@code "a\n"}), so taking the unchanged lines of {@code a} and the edited ones of {@code b} rebuilds
   * {@code b} character for character.
   */
  public static List<LineEdit> diff(List<String> a, List<String> b) {
    return diff(new StringLines(a), new StringLines(b));
  }

  /** The changed regions of {@code b} against {@code a}, in order. */
  public static List<LineEdit> diff(LineText a, LineText b) {
    int n1 = a.lineCount();
    int n2 = b.lineCount();
    int[] class1 = new int[n1];
    int[] class2 = new int[n2];
    int[][] counts = classify(a, b, class1, class2); // counts[0][c]: in a, counts[1][c]: in b

    boolean[] rchg1 = new boolean[n1];
    boolean[] rchg2 = new boolean[n2];

    // xdl_trim_ends
    int lim = Math.min(n1, n2);
    int start = 0;
    while (start < lim && class1[start] == class2[start]) {
      start++;
    }
    int tail = 0;
    while (tail < lim - start && class1[n1 - 1 - tail] == class2[n2 - 1 - tail]) {
      tail++;
    }
    int dend1 = n1 - tail - 1;
    int dend2 = n2 - tail - 1;

    // xdl_cleanup_records
    byte[] dis1 = discard(class1, start, dend1, counts[1], n1);
    byte[] dis2 = discard(class2, start, dend2, counts[0], n2);
    int[] rindex1 = new int[Math.max(0, dend1 - start + 1)];
    int[] ha1 = new int[rindex1.length];
    int nreff1 = keep(class1, dis1, start, dend1, rindex1, ha1, rchg1);
    int[] rindex2 = new int[Math.max(0, dend2 - start + 1)];
    int[] ha2 = new int[rindex2.length];
    int nreff2 = keep(class2, dis2, start, dend2, rindex2, ha2, rchg2);

    // xdl_do_diff
    int ndiags = nreff1 + nreff2 + 3;
    int[] kvdf = new int[ndiags];
    int[] kvdb = new int[ndiags];
    int offset = nreff2 + 1;
    int mxcost = Math.max(bogosqrt(ndiags), MAX_COST_MIN);
    recsCmp(ha1, rindex1, rchg1, nreff1, ha2, rindex2, rchg2, nreff2, kvdf, kvdb, offset, mxcost);

    return edits(rchg1, rchg2);
  }

  /**
   * Each distinct line gets a class id; counts of each class in each text (xdl_classify_record). An open-addressing
   * table over line hashes, so that classifying allocates nothing per line.
   */
  private static int[][] classify(LineText a, LineText b, int[] class1, int[] class2) {
    int total = class1.length + class2.length;
    int capacity = Integer.highestOneBit(Math.max(16, total * 2)) << 1;
    int mask = capacity - 1;
    int[] slots = new int[capacity]; // class id + 1, 0 when empty
    int[] classHash = new int[total];
    LineText[] repText = new LineText[total];
    int[] repLine = new int[total];
    int[] inA = new int[total + 1];
    int[] inB = new int[total + 1];
    int classes = 0;
    for (int side = 0; side < 2; side++) {
      LineText t = side == 0 ? a : b;
      int[] out = side == 0 ? class1 : class2;
      int[] counts = side == 0 ? inA : inB;
      byte[] bytes = t.bytes();
      for (int i = 0; i < out.length; i++) {
        int from = t.start(i);
        int to = t.end(i);
        int h = 5381;
        for (int p = from; p < to; p++) {
          h = ((h << 5) + h) + (bytes[p] & 0xff);
        }
        int slot = ((h ^ (h >>> 16)) * 0x9E3779B9) & mask;
        int id = -1;
        while (slots[slot] != 0) {
          int c = slots[slot] - 1;
          LineText r = repText[c];
          int rl = repLine[c];
          if (classHash[c] == h && Arrays.equals(r.bytes(), r.start(rl), r.end(rl), bytes, from, to)) {
            id = c;
            break;
          }
          slot = (slot + 1) & mask;
        }
        if (id < 0) {
          id = classes++;
          slots[slot] = id + 1;
          classHash[id] = h;
          repText[id] = t;
          repLine[id] = i;
        }
        out[i] = id;
        counts[id]++;
      }
    }
    return new int[][] {inA, inB};
  }

  /** xdl_bogosqrt: a power of two near the square root. */
  private static int bogosqrt(long n) {
    int i = 1;
    for (; n > 0; n >>= 2) {
      i <<= 1;
    }
    return i;
  }

  /** 0: no match in the other text; 1: some; 2: too many to be telling. */
  private static byte[] discard(int[] classes, int start, int dend, int[] otherCounts, int nrec) {
    byte[] dis = new byte[classes.length];
    int mlim = Math.min(bogosqrt(nrec), MAX_EQLIMIT);
    for (int i = start; i <= dend; i++) {
      int nm = otherCounts[classes[i]];
      dis[i] = (byte) (nm == 0 ? 0 : nm >= mlim ? 2 : 1);
    }
    return dis;
  }

  /** Keeps the lines that may match; the others are changed outright. Returns how many were kept. */
  private static int keep(int[] classes, byte[] dis, int start, int dend, int[] rindex, int[] ha, boolean[] rchg) {
    int nreff = 0;
    for (int i = start; i <= dend; i++) {
      if (dis[i] == 1 || (dis[i] == 2 && !cleanMatch(dis, i, start, dend))) {
        rindex[nreff] = i;
        ha[nreff] = classes[i];
        nreff++;
      } else {
        rchg[i] = true;
      }
    }
    return nreff;
  }

  /** xdl_clean_mmatch: a many-match line amid unmatched ones is set aside as changed. */
  private static boolean cleanMatch(byte[] dis, int i, int s, int e) {
    if (i - s > SIMSCAN_WINDOW) {
      s = i - SIMSCAN_WINDOW;
    }
    if (e - i > SIMSCAN_WINDOW) {
      e = i + SIMSCAN_WINDOW;
    }
    int rdis0 = 0;
    int rpdis0 = 1;
    for (int r = 1; i - r >= s; r++) {
      if (dis[i - r] == 0) {
        rdis0++;
      } else if (dis[i - r] == 2) {
        rpdis0++;
      } else {
        break;
      }
    }
    if (rdis0 == 0) {
      return false;
    }
    int rdis1 = 0;
    int rpdis1 = 1;
    for (int r = 1; i + r <= e; r++) {
      if (dis[i + r] == 0) {
        rdis1++;
      } else if (dis[i + r] == 2) {
        rpdis1++;
      } else {
        break;
      }
    }
    if (rdis1 == 0) {
      return false;
    }
    rdis1 += rdis0;
    rpdis1 += rpdis0;
    return rpdis1 * KPDIS_RUN < rpdis1 + rdis1;
  }

  /** xdl_recs_cmp, with an explicit stack instead of recursion. */
  private static void recsCmp(int[] ha1, int[] rindex1, boolean[] rchg1, int nrec1, int[] ha2, int[] rindex2,
      boolean[] rchg2, int nrec2, int[] kvdf, int[] kvdb, int offset, int mxcost) {
    Deque<int[]> boxes = new ArrayDeque<>();
    boxes.push(new int[] {0, nrec1, 0, nrec2, 0});
    int[] split = new int[4]; // i1, i2, minLo, minHi
    while (!boxes.isEmpty()) {
      int[] box = boxes.pop();
      int off1 = box[0];
      int lim1 = box[1];
      int off2 = box[2];
      int lim2 = box[3];
      boolean needMin = box[4] != 0;
      while (off1 < lim1 && off2 < lim2 && ha1[off1] == ha2[off2]) {
        off1++;
        off2++;
      }
      while (off1 < lim1 && off2 < lim2 && ha1[lim1 - 1] == ha2[lim2 - 1]) {
        lim1--;
        lim2--;
      }
      if (off1 == lim1) {
        for (; off2 < lim2; off2++) {
          rchg2[rindex2[off2]] = true;
        }
      } else if (off2 == lim2) {
        for (; off1 < lim1; off1++) {
          rchg1[rindex1[off1]] = true;
        }
      } else {
        split(ha1, off1, lim1, ha2, off2, lim2, kvdf, kvdb, offset, needMin, split, mxcost);
        // The second half is pushed first so that the first half is done first, as git's recursion does.
        boxes.push(new int[] {split[0], lim1, split[1], lim2, split[3]});
        boxes.push(new int[] {off1, split[0], off2, split[1], split[2]});
      }
    }
  }

  /** xdl_split: the middle snake, or past the cost bound a good-enough split point. */
  private static void split(int[] ha1, int off1, int lim1, int[] ha2, int off2, int lim2, int[] kvdf, int[] kvdb,
      int o, boolean needMin, int[] spl, int mxcost) {
    int dmin = off1 - lim2;
    int dmax = lim1 - off2;
    int fmid = off1 - off2;
    int bmid = lim1 - lim2;
    boolean odd = ((fmid - bmid) & 1) != 0;
    int fmin = fmid;
    int fmax = fmid;
    int bmin = bmid;
    int bmax = bmid;

    kvdf[o + fmid] = off1;
    kvdb[o + bmid] = lim1;

    for (int ec = 1;; ec++) {
      boolean gotSnake = false;

      if (fmin > dmin) {
        kvdf[o + --fmin - 1] = -1;
      } else {
        ++fmin;
      }
      if (fmax < dmax) {
        kvdf[o + ++fmax + 1] = -1;
      } else {
        --fmax;
      }
      for (int d = fmax; d >= fmin; d -= 2) {
        int i1 = kvdf[o + d - 1] >= kvdf[o + d + 1] ? kvdf[o + d - 1] + 1 : kvdf[o + d + 1];
        int prev1 = i1;
        int i2 = i1 - d;
        while (i1 < lim1 && i2 < lim2 && ha1[i1] == ha2[i2]) {
          i1++;
          i2++;
        }
        if (i1 - prev1 > SNAKE_CNT) {
          gotSnake = true;
        }
        kvdf[o + d] = i1;
        if (odd && bmin <= d && d <= bmax && kvdb[o + d] <= i1) {
          set(spl, i1, i2, 1, 1);
          return;
        }
      }

      if (bmin > dmin) {
        kvdb[o + --bmin - 1] = LINE_MAX;
      } else {
        ++bmin;
      }
      if (bmax < dmax) {
        kvdb[o + ++bmax + 1] = LINE_MAX;
      } else {
        --bmax;
      }
      for (int d = bmax; d >= bmin; d -= 2) {
        int i1 = kvdb[o + d - 1] < kvdb[o + d + 1] ? kvdb[o + d - 1] : kvdb[o + d + 1] - 1;
        int prev1 = i1;
        int i2 = i1 - d;
        while (i1 > off1 && i2 > off2 && ha1[i1 - 1] == ha2[i2 - 1]) {
          i1--;
          i2--;
        }
        if (prev1 - i1 > SNAKE_CNT) {
          gotSnake = true;
        }
        kvdb[o + d] = i1;
        if (!odd && fmin <= d && d <= fmax && i1 <= kvdf[o + d]) {
          set(spl, i1, i2, 1, 1);
          return;
        }
      }

      if (needMin) {
        continue;
      }

      if (gotSnake && ec > HEUR_MIN_COST) {
        long best = 0;
        for (int d = fmax; d >= fmin; d -= 2) {
          int dd = d > fmid ? d - fmid : fmid - d;
          int i1 = kvdf[o + d];
          int i2 = i1 - d;
          long v = (long) (i1 - off1) + (i2 - off2) - dd;
          if (v > (long) K_HEUR * ec && v > best && off1 + SNAKE_CNT <= i1 && i1 < lim1
              && off2 + SNAKE_CNT <= i2 && i2 < lim2) {
            for (int k = 1; ha1[i1 - k] == ha2[i2 - k]; k++) {
              if (k == SNAKE_CNT) {
                best = v;
                spl[0] = i1;
                spl[1] = i2;
                break;
              }
            }
          }
        }
        if (best > 0) {
          spl[2] = 1;
          spl[3] = 0;
          return;
        }
        best = 0;
        for (int d = bmax; d >= bmin; d -= 2) {
          int dd = d > bmid ? d - bmid : bmid - d;
          int i1 = kvdb[o + d];
          int i2 = i1 - d;
          long v = (long) (lim1 - i1) + (lim2 - i2) - dd;
          if (v > (long) K_HEUR * ec && v > best && off1 < i1 && i1 <= lim1 - SNAKE_CNT
              && off2 < i2 && i2 <= lim2 - SNAKE_CNT) {
            for (int k = 0; ha1[i1 + k] == ha2[i2 + k]; k++) {
              if (k == SNAKE_CNT - 1) {
                best = v;
                spl[0] = i1;
                spl[1] = i2;
                break;
              }
            }
          }
        }
        if (best > 0) {
          spl[2] = 0;
          spl[3] = 1;
          return;
        }
      }

      if (ec >= mxcost) {
        long fbest = -1;
        int fbest1 = -1;
        for (int d = fmax; d >= fmin; d -= 2) {
          int i1 = Math.min(kvdf[o + d], lim1);
          int i2 = i1 - d;
          if (lim2 < i2) {
            i1 = lim2 + d;
            i2 = lim2;
          }
          if (fbest < (long) i1 + i2) {
            fbest = (long) i1 + i2;
            fbest1 = i1;
          }
        }
        long bbest = Long.MAX_VALUE;
        int bbest1 = LINE_MAX;
        for (int d = bmax; d >= bmin; d -= 2) {
          int i1 = Math.max(off1, kvdb[o + d]);
          int i2 = i1 - d;
          if (i2 < off2) {
            i1 = off2 + d;
            i2 = off2;
          }
          if ((long) i1 + i2 < bbest) {
            bbest = (long) i1 + i2;
            bbest1 = i1;
          }
        }
        if ((long) (lim1 + lim2) - bbest < fbest - (off1 + off2)) {
          set(spl, fbest1, (int) (fbest - fbest1), 1, 0);
        } else {
          set(spl, bbest1, (int) (bbest - bbest1), 0, 1);
        }
        return;
      }
    }
  }

  private static void set(int[] spl, int i1, int i2, int minLo, int minHi) {
    spl[0] = i1;
    spl[1] = i2;
    spl[2] = minLo;
    spl[3] = minHi;
  }

  /** Runs of changed lines on either side, paired up between the unchanged lines both sides share. */
  private static List<LineEdit> edits(boolean[] rchg1, boolean[] rchg2) {
    List<LineEdit> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < rchg1.length || j < rchg2.length) {
      if ((i < rchg1.length && rchg1[i]) || (j < rchg2.length && rchg2[j])) {
        int si = i;
        int sj = j;
        while (i < rchg1.length && rchg1[i]) {
          i++;
        }
        while (j < rchg2.length && rchg2[j]) {
          j++;
        }
        out.add(new LineEdit(si, i, sj, j));
      } else {
        i++;
        j++;
      }
    }
    return out;
  }
}
