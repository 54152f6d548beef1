package dev.lode.diff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders line edits as the hunks of a unified diff, byte for byte as git's default output (3 lines of context,
 * hunks closer than twice the context merged, git's default function-name heuristic after the {@code @@}, and
 * "\ No newline at end of file"). Like PyDriller's {@code ModifiedFile.diff} it starts at the first {@code @@}:
 * the {@code diff --git}, {@code ---} and {@code +++} header lines are left out.
 */
public final class GitHunks {
  /** The rendered text, whether it was cut at {@code maxBytes}, and its size before any cut. */
  public record Rendered(String text, boolean truncated) {}

  private static final byte[] NO_NEWLINE = "\n\\ No newline at end of file\n".getBytes(StandardCharsets.US_ASCII);
  private static final int FUNC_LINE_MAX = 80; // git's func_line buffer

  private GitHunks() {}

  /**
   * Hunks for {@code edits} between {@code a} and {@code b}, cut at a line boundary when longer than
   * {@code maxBytes} (then {@code truncated} is true).
   */
  public static Rendered render(LineText a, LineText b, List<LineEdit> edits, int context, long maxBytes) {
    Out out = new Out(maxBytes);
    int funcSearchLimit = -1;
    byte[] func = null;
    for (Hunk hunk : Hunk.of(edits, context, a.lineCount(), b.lineCount())) {
      if (out.full) {
        break;
      }
      // git searches the old text backwards from the line before the hunk, down to where the last search began,
      // and keeps the previous hunk's function line when it finds none.
      for (int l = hunk.aStart() - 1; l > funcSearchLimit && l >= 0; l--) {
        byte[] f = funcLine(a, l);
        if (f != null) {
          func = f;
          break;
        }
      }
      funcSearchLimit = hunk.aStart() - 1;

      byte[] h = hunk.header(1, 1).getBytes(StandardCharsets.US_ASCII);
      byte[] hunkHeader;
      if (func != null) {
        hunkHeader = new byte[h.length + 1 + func.length + 1];
        System.arraycopy(h, 0, hunkHeader, 0, h.length);
        hunkHeader[h.length] = ' ';
        System.arraycopy(func, 0, hunkHeader, h.length + 1, func.length);
      } else {
        hunkHeader = new byte[h.length + 1];
        System.arraycopy(h, 0, hunkHeader, 0, h.length);
      }
      hunkHeader[hunkHeader.length - 1] = '\n';
      out.line(hunkHeader, 0, hunkHeader.length);

      int ai = hunk.aStart();
      int bi = hunk.bStart();
      for (int k = hunk.firstEdit(); k <= hunk.lastEdit() && !out.full; k++) {
        LineEdit e = edits.get(k);
        while (ai < e.beginA() && !out.full) {
          emit(out, ' ', b, bi);
          ai++;
          bi++;
        }
        for (int l = e.beginA(); l < e.endA() && !out.full; l++) {
          emit(out, '-', a, l);
        }
        for (int l = e.beginB(); l < e.endB() && !out.full; l++) {
          emit(out, '+', b, l);
        }
        ai = e.endA();
        bi = e.endB();
      }
      while (ai < hunk.aEnd() && !out.full) {
        emit(out, ' ', b, bi);
        ai++;
        bi++;
      }
    }
    return new Rendered(new String(out.buf.toByteArray(), StandardCharsets.UTF_8), out.full);
  }

  /** git's default funcname rule (def_ff): a line starting with a letter, '_' or '$', at most 80 bytes, trimmed. */
  private static byte[] funcLine(LineText t, int line) {
    byte[] bytes = t.bytes();
    int s = t.start(line);
    int e = t.end(line);
    if (e <= s) {
      return null;
    }
    byte c = bytes[s];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$')) { // C isalpha
      return null;
    }
    int len = Math.min(e - s, FUNC_LINE_MAX);
    while (len > 0 && isSpace(bytes[s + len - 1])) {
      len--;
    }
    byte[] f = new byte[len];
    System.arraycopy(bytes, s, f, 0, len);
    return f;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c;
  }

  private static void emit(Out out, char prefix, LineText t, int line) {
    int s = t.start(line);
    int e = t.end(line);
    boolean lastWithoutNewline = line == t.lineCount() - 1 && t.missingNewlineAtEnd();
    int extra = lastWithoutNewline ? NO_NEWLINE.length : 0;
    if (!out.fits(1 + (e - s) + extra)) {
      out.full = true;
      return;
    }
    out.buf.write(prefix);
    out.buf.write(t.bytes(), s, e - s);
    if (lastWithoutNewline) {
      out.buf.write(NO_NEWLINE, 0, NO_NEWLINE.length);
    }
  }

  private static final class Out {
    final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    final long max;
    boolean full;

    Out(long max) {
      this.max = max;
    }

    boolean fits(int n) {
      return buf.size() + (long) n <= max;
    }

    void line(byte[] b, int off, int len) {
      if (!fits(len)) {
        full = true;
        return;
      }
      buf.write(b, off, len);
    }
  }
}
