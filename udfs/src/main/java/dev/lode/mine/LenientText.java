package dev.lode.mine;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Decodes bytes from git (messages, names, paths, file contents) without ever failing: bytes that are not valid in
 * the charset become U+FFFD, as GitPython (and so PyDriller) does with {@code errors="replace"}.
 */
public final class LenientText {
  private LenientText() {}

  /** {@code bytes[from, to)} as UTF-8, invalid sequences replaced. */
  public static String utf8(byte[] bytes, int from, int to) {
    return decode(bytes, from, to, StandardCharsets.UTF_8);
  }

  public static String utf8(byte[] bytes) {
    return utf8(bytes, 0, bytes.length);
  }

  /** {@code bytes[from, to)} in {@code charset}, invalid sequences replaced. */
  public static String decode(byte[] bytes, int from, int to, Charset charset) {
    if (charset == StandardCharsets.UTF_8 && isAscii(bytes, from, to)) {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1); // fast path: most of git is ASCII
    }
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      CharBuffer out = decoder.decode(ByteBuffer.wrap(bytes, from, to - from));
      return out.toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder cannot fail", e);
    }
  }

  /**
   * The charset a commit's {@code encoding} header names, or UTF-8 when the header is absent or names a charset
   * this JVM does not know (git's own default).
   */
  public static Charset charsetOrUtf8(String name) {
    if (name == null || name.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static boolean isAscii(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }
}
