package dev.lode.diff;

import java.util.List;

/**
 * Lines given as strings (each with its terminator, as {@link TextLines#split} makes them) seen as the
 * {@link LineText} the diff engine reads. The bytes are the lines' UTF-16 code units, two bytes each, so two lines are
 * equal exactly when their strings are: no encoding can merge two different lines (a lone surrogate, say), and
 * applying the edits rebuilds the text character for character.
 */
final class StringLines extends IndexedLines {
  private final boolean missingNewline;

  StringLines(List<String> lines) {
    this(lines, utf16(lines));
  }

  private StringLines(List<String> lines, Object[] bytesAndStarts) {
    super((byte[]) bytesAndStarts[0], (int[]) bytesAndStarts[1]);
    missingNewline = !lines.isEmpty() && !lines.get(lines.size() - 1).endsWith("\n");
  }

  /** The lines' UTF-16 code units, big-endian, and where each line starts. */
  private static Object[] utf16(List<String> lines) {
    int chars = 0;
    for (String l : lines) {
      chars += l.length();
    }
    byte[] bytes = new byte[2 * chars];
    int[] starts = new int[lines.size() + 1];
    int p = 0;
    for (int i = 0; i < lines.size(); i++) {
      starts[i] = p;
      String l = lines.get(i);
      for (int k = 0; k < l.length(); k++) {
        char c = l.charAt(k);
        bytes[p++] = (byte) (c >>> 8);
        bytes[p++] = (byte) c;
      }
    }
    starts[lines.size()] = p;
    return new Object[] {bytes, starts};
  }

  /** Read from the strings: a last byte of 0x0A is '\n' in UTF-8, but only part of a character in UTF-16. */
  @Override
  public boolean missingNewlineAtEnd() {
    return missingNewline;
  }
}
