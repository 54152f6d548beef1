package dev.lode.dedup;

import dev.lode.code.ChangedFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The exact-duplicate key of a change: a SHA-256 over the whitespace-insensitive before and after text of every
 * touched file, independent of paths (never read) and of file order. Two commits with the same fingerprint make the
 * same edit to the same code, whatever the repository, branch or directory.
 */
public final class ChangeFingerprint {
  private ChangeFingerprint() {}

  /** Hex SHA-256 of the change; the empty change (no text files) has a fingerprint too. */
  public static String of(List<ChangedFile> files) {
    List<String> perFile = new ArrayList<>();
    for (ChangedFile f : files) {
      perFile.add(fileDigest(f));
    }
    perFile.sort(null);
    MessageDigest md = sha256();
    for (String d : perFile) {
      md.update(d.getBytes(StandardCharsets.US_ASCII));
      md.update((byte) '\n');
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String fileDigest(ChangedFile f) {
    MessageDigest md = sha256();
    boolean beforeKnown = f.before() != null || f.isAdd();
    boolean afterKnown = f.after() != null || f.isDelete();
    if (beforeKnown && afterKnown) {
      md.update((byte) 'C');
      md.update(stripWhitespace(f.before()).getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(stripWhitespace(f.after()).getBytes(StandardCharsets.UTF_8));
    } else {
      // A content left out for its size: the changed lines of the diff stand in for it.
      md.update((byte) 'D');
      md.update(stripWhitespace(ChangeText.changedLines(f.diff())).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** {@code text} without any whitespace; null is the empty string. */
  static String stripWhitespace(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().filter(cp -> !Character.isWhitespace(cp)).forEach(sb::appendCodePoint);
    return sb.toString();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
