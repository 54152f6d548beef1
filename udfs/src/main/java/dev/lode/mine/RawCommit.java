package dev.lode.mine;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A git commit object parsed from its raw bytes: tree, parents, author, committer, encoding and message. Parsing is
 * lenient, as old repositories hold malformed identities and dates: a part that cannot be read is left empty rather
 * than failing the commit. Text is decoded with the commit's {@code encoding} header (UTF-8 when absent), invalid
 * bytes replaced.
 */
public record RawCommit(String tree, List<String> parents, Ident author, Ident committer, String encoding,
    String message) {

  /** A person and a moment: name, e-mail, seconds since the epoch (UTC) and the zone offset in minutes. */
  public record Ident(String name, String email, long epochSeconds, int tzOffsetMinutes) {
    static final Ident UNKNOWN = new Ident(null, null, 0, 0);
  }

  /** Parses a commit object's content (without the {@code commit <size>\0} header git stores before it). */
  public static RawCommit parse(byte[] raw) {
    String tree = null;
    List<String> parents = new ArrayList<>(2);
    int authorAt = -1;
    int committerAt = -1;
    String encoding = null;
    int p = 0;
    int n = raw.length;
    while (p < n && raw[p] != '\n') {
      int eol = indexOf(raw, (byte) '\n', p, n);
      int end = eol < 0 ? n : eol;
      if (raw[p] != ' ') { // continuation lines of multi-line headers (gpgsig, mergetag) start with a space
        if (startsWith(raw, p, "tree ")) {
          tree = ascii(raw, p + 5, end);
        } else if (startsWith(raw, p, "parent ")) {
          parents.add(ascii(raw, p + 7, end));
        } else if (startsWith(raw, p, "author ")) {
          authorAt = p + 7;
        } else if (startsWith(raw, p, "committer ")) {
          committerAt = p + 10;
        } else if (startsWith(raw, p, "encoding ")) {
          encoding = ascii(raw, p + 9, end);
        }
      }
      p = eol < 0 ? n : eol + 1;
    }
    Charset cs = LenientText.charsetOrUtf8(encoding);
    int bodyStart = Math.min(n, p + 1);
    String message = LenientText.decode(raw, bodyStart, n, cs);
    Ident author = authorAt < 0 ? Ident.UNKNOWN : ident(raw, authorAt, lineEnd(raw, authorAt), cs);
    Ident committer = committerAt < 0 ? Ident.UNKNOWN : ident(raw, committerAt, lineEnd(raw, committerAt), cs);
    return new RawCommit(tree, List.copyOf(parents), author, committer, encoding, message);
  }

  /** The message without surrounding whitespace, as PyDriller's {@code msg}. */
  public String strippedMessage() {
    return message.strip();
  }

  /**
   * The subject as {@code git log --format=%s} gives it: the first paragraph of the message, its lines joined by
   * single spaces.
   */
  public String subject() {
    String[] lines = message.split("\n", -1);
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < lines.length && lines[i].isBlank()) {
      i++;
    }
    for (; i < lines.length && !lines[i].isBlank(); i++) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(lines[i].strip());
    }
    return sb.toString();
  }

  /** {@code Name <email> 1700000000 +0130}; any part may be missing or malformed. */
  static Ident ident(byte[] raw, int from, int to, Charset cs) {
    int lt = indexOf(raw, (byte) '<', from, to);
    if (lt < 0) {
      return new Ident(LenientText.decode(raw, from, to, cs).strip(), null, 0, 0);
    }
    int gt = indexOf(raw, (byte) '>', lt + 1, to);
    String name = LenientText.decode(raw, from, lt, cs).strip();
    String email = LenientText.decode(raw, lt + 1, gt < 0 ? to : gt, cs);
    long when = 0;
    int tz = 0;
    if (gt >= 0) {
      String[] date = ascii(raw, gt + 1, to).trim().split("\\s+");
      if (date.length >= 1) {
        when = parseLong(date[0]);
      }
      if (date.length >= 2) {
        tz = tzMinutes(date[1]);
      }
    }
    return new Ident(name, email, when, tz);
  }

  /** {@code +0130} → 90, {@code -0800} → -480; anything else → 0. */
  static int tzMinutes(String tz) {
    if (tz.length() != 5 || (tz.charAt(0) != '+' && tz.charAt(0) != '-')) {
      return 0;
    }
    for (int i = 1; i < 5; i++) {
      if (!Character.isDigit(tz.charAt(i))) {
        return 0;
      }
    }
    int minutes = Integer.parseInt(tz.substring(1, 3)) * 60 + Integer.parseInt(tz.substring(3, 5));
    return tz.charAt(0) == '-' ? -minutes : minutes;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int lineEnd(byte[] raw, int from) {
    int eol = indexOf(raw, (byte) '\n', from, raw.length);
    return eol < 0 ? raw.length : eol;
  }

  private static int indexOf(byte[] b, byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] b, int at, String prefix) {
    if (at + prefix.length() > b.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
  }
}
