package dev.lode.diff;

/**
 * A {@link LineText} held as its bytes and the offset where each line starts: what {@link Lines} (a file's bytes)
 * and {@link StringLines} (lines given as strings) both are once built.
 */
abstract class IndexedLines implements LineText {
  private final byte[] bytes;
  private final int[] starts; // starts[i] = first byte of line i; starts[count] = bytes.length

  IndexedLines(byte[] bytes, int[] starts) {
    this.bytes = bytes;
    this.starts = starts;
  }

  @Override
  public final byte[] bytes() {
    return bytes;
  }

  @Override
  public final int lineCount() {
    return starts.length - 1;
  }

  @Override
  public final int start(int line) {
    return starts[line];
  }

  @Override
  public final int end(int line) {
    return starts[line + 1];
  }
}
