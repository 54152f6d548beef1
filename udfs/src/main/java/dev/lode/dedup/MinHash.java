package dev.lode.dedup;

import java.io.Serializable;
import java.util.Arrays;

/**
 * MinHash signatures and LSH band keys for shingle sets. The share of positions where two signatures agree estimates
 * the Jaccard similarity of their sets (standard error about {@code sqrt(J(1-J)/numPerm)}). Banding the signature
 * into {@code bands} of {@code rows} values makes two sets share at least one band key with probability
 * {@code 1 - (1 - J^rows)^bands}: near-duplicates become candidates, dissimilar sets mostly do not.
 *
 * <p>Signatures depend only on the seed and the sizes, so signatures stored by one run compare with those computed
 * by a later one as long as the settings are unchanged.
 */
public final class MinHash implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int bands;
  private final int rows;
  private final long[] seeds;

  /** {@code bands × rows} hash functions derived from {@code seed}. */
  public MinHash(int bands, int rows, long seed) {
    if (bands < 1 || rows < 1) {
      throw new IllegalArgumentException("bands and rows must be at least 1, got " + bands + " × " + rows);
    }
    this.bands = bands;
    this.rows = rows;
    this.seeds = new long[bands * rows];
    long s = seed;
    for (int i = 0; i < seeds.length; i++) {
      s += 0x9E3779B97F4A7C15L;
      seeds[i] = Shingles.mix64(s);
    }
  }

  public int numPerm() {
    return seeds.length;
  }

  public int bands() {
    return bands;
  }

  public int rows() {
    return rows;
  }

  /** The signature of a shingle set: for each hash function, the least hash (top 32 bits) over the set. */
  public int[] signature(long[] shingles) {
    int[] sig = new int[seeds.length];
    if (shingles.length == 0) {
      Arrays.fill(sig, Integer.MAX_VALUE);
      return sig;
    }
    for (int i = 0; i < seeds.length; i++) {
      long seed = seeds[i];
      long min = Long.MAX_VALUE;
      for (long x : shingles) {
        // Unsigned order of the mixed value; the top 32 bits are kept.
        long h = Shingles.mix64(x ^ seed) >>> 1;
        if (h < min) {
          min = h;
        }
      }
      sig[i] = (int) (min >>> 31);
    }
    return sig;
  }

  /** One key per band; two signatures that agree on all rows of a band share that band's key. */
  public long[] bandKeys(int[] signature) {
    if (signature.length != seeds.length) {
      throw new IllegalArgumentException("signature has " + signature.length + " values, expected " + seeds.length);
    }
    long[] keys = new long[bands];
    for (int b = 0; b < bands; b++) {
      long h = Shingles.mix64(b + 1L);
      for (int r = 0; r < rows; r++) {
        h = Shingles.mix64(h ^ (signature[b * rows + r] & 0xffffffffL)) + r;
      }
      keys[b] = h;
    }
    return keys;
  }

  /** Estimated Jaccard similarity: the share of positions where the two signatures agree. */
  public static double similarity(int[] a, int[] b) {
    if (a.length != b.length || a.length == 0) {
      throw new IllegalArgumentException("signatures of different lengths: " + a.length + " and " + b.length);
    }
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / a.length;
  }

  /** Probability that two sets with Jaccard similarity {@code j} share at least one band key. */
  public double candidateProbability(double j) {
    return 1 - Math.pow(1 - Math.pow(j, rows), bands);
  }
}
