package dev.lode.code;

/**
 * A function or method in a source file: its name, its name qualified by the enclosing classes or impl blocks
 * ({@code Parser.parse}), and where it is (lines 1-based and inclusive; bytes of the UTF-8 text, end exclusive).
 */
public record FunctionSpan(String name, String qualifiedName, int startLine, int endLine, int startByte,
    int endByte) {

  /** True when any line in {@code [from, to]} (1-based, inclusive) falls inside this function. */
  public boolean overlapsLines(int from, int to) {
    return from <= endLine && to >= startLine;
  }
}
