package dev.lode.diff;

import java.util.Arrays;

/** A {@link LineText} over a byte array, and git's rules about text: what is binary, how lines are counted. */
public final class Lines extends IndexedLines {
  /** git looks for a NUL in this many leading bytes to decide that content is binary. */
  public static final int BINARY_PROBE_BYTES = 8000;

  private Lines(byte[] bytes, int[] starts) {
    super(bytes, starts);
  }

  public static Lines of(byte[] bytes) {
    int[] starts = new int[16];
    int n = 0;
    int p = 0;
    while (p < bytes.length) {
      if (n + 1 >= starts.length) {
        starts = Arrays.copyOf(starts, starts.length * 2);
      }
      starts[n++] = p;
      int nl = indexOfNewline(bytes, p);
      p = nl < 0 ? bytes.length : nl + 1;
    }
    starts[n] = bytes.length;
    return new Lines(bytes, Arrays.copyOf(starts, n + 1));
  }

  /** git's rule (xdiff's buffer_is_binary): a NUL byte among the first 8000 bytes. */
  public static boolean isBinary(byte[] content) {
    int n = Math.min(content.length, BINARY_PROBE_BYTES);
    for (int i = 0; i < n; i++) {
      if (content[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static int indexOfNewline(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
