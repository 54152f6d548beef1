package dev.lode.dedup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shingles of a text: every run of {@code k} consecutive tokens, hashed to 64 bits, as a sorted set. Tokens are
 * words (letters, digits, underscores) and single punctuation characters; whitespace only separates them, so
 * re-indenting or re-wrapping a text changes none of its shingles.
 */
public final class Shingles {
  private Shingles() {}

  /** The words and punctuation of {@code text}, whitespace dropped. */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int i = 0;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      int len = Character.charCount(cp);
      if (Character.isWhitespace(cp)) {
        i += len;
      } else if (isWordChar(cp)) {
        int start = i;
        while (i < n && isWordChar(text.codePointAt(i))) {
          i += Character.charCount(text.codePointAt(i));
        }
        out.add(text.substring(start, i));
      } else {
        out.add(text.substring(i, i + len));
        i += len;
      }
    }
    return out;
  }

  /**
   * The distinct hashes of the {@code k}-token windows of {@code text}, sorted. A text with fewer than {@code k}
   * tokens (but at least one) has one shingle, all of it; an empty text has none.
   */
  public static long[] of(String text, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("shingle size must be at least 1, got " + k);
    }
    List<String> tokens = tokens(text);
    if (tokens.isEmpty()) {
      return new long[0];
    }
    long[] tokenHashes = new long[tokens.size()];
    for (int i = 0; i < tokenHashes.length; i++) {
      tokenHashes[i] = fnv1a(tokens.get(i));
    }
    int windows = Math.max(1, tokenHashes.length - k + 1);
    int width = Math.min(k, tokenHashes.length);
    long[] out = new long[windows];
    for (int w = 0; w < windows; w++) {
      long h = 0x9E3779B97F4A7C15L;
      for (int j = 0; j < width; j++) {
        h = mix64(h ^ tokenHashes[w + j]) + j;
      }
      out[w] = mix64(h);
    }
    return distinctSorted(out);
  }

  /** Exact Jaccard similarity of two sorted, distinct shingle sets; two empty sets are not similar (0). */
  public static double jaccard(long[] a, long[] b) {
    if (a.length == 0 || b.length == 0) {
      return 0;
    }
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) common / (a.length + b.length - common);
  }

  static long[] distinctSorted(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      if (i == 0 || v[i] != v[i - 1]) {
        v[n++] = v[i];
      }
    }
    return Arrays.copyOf(v, n);
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp) || cp == '_';
  }

  static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The splitmix64 finalizer: a bijective mix in which every input bit affects every output bit. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
