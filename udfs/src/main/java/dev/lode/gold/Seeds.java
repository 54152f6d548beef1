package dev.lode.gold;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Deterministic randomness and ids: the same seed and names always give the same stream and the same id. */
public final class Seeds {
  private Seeds() {}

  /** A random source for {@code parts} under {@code seed}: independent of order of processing and of machine. */
  public static SplittableRandom random(long seed, String... parts) {
    byte[] d = sha256(String.join("\u0000", parts));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return new SplittableRandom(seed ^ h);
  }

  /** A 24-hex-digit id for {@code parts}. */
  public static String id(String... parts) {
    return HexFormat.of().formatHex(sha256(String.join("\u0000", parts)), 0, 12);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
