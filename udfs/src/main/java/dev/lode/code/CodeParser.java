package dev.lode.code;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.treesitter.TSInputEdit;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSTree;

/**
 * Parses source text with tree-sitter. A parser is not thread-safe: use one per thread (Spark tasks each make
 * their own). It keeps one native parser per grammar and bounds each parse by a timeout so that a pathological
 * file cannot stall a task.
 */
public final class CodeParser {
  /** A parse that takes longer than this is abandoned; the file is treated as unparseable. */
  private static final long TIMEOUT_MICROS = 5_000_000;

  private final Map<Grammar, TSParser> parsers = new EnumMap<>(Grammar.class);
  private final byte[] chunk = new byte[64 * 1024];

  /** Parses {@code source}; never null, but the tree may contain error nodes ({@link SyntaxTree#hasErrors()}). */
  public SyntaxTree parse(Grammar grammar, String source) {
    return parse(grammar, source.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses source given as bytes, as a file holds them (UTF-8 expected; invalid bytes become error nodes, never a
   * failure). Lines of the tree are lines of these bytes, so spans line up with a diff of the same bytes.
   */
  public SyntaxTree parse(Grammar grammar, byte[] utf8) {
    return parse(grammar, utf8, null);
  }

  /**
   * Parses {@code utf8}, a new version of {@code previous}'s text obtained by {@code edits}, reusing the previous
   * tree: tree-sitter re-lexes only around the edits, which is many times faster than a fresh parse when a commit
   * changes a few lines of a large file. The result is the tree a fresh parse would give. {@code previous} is left
   * as it was.
   */
  public SyntaxTree reparse(SyntaxTree previous, byte[] utf8, List<TextEdit> edits) {
    if (!previous.isParsed()) {
      return parse(previous.grammar(), utf8);
    }
    TSTree old = previous.tsTree().copy();
    for (TextEdit e : edits) {
      old.edit(new TSInputEdit(e.startByte(), e.oldEndByte(), e.newEndByte(),
          new TSPoint(e.startRow(), e.startColumn()), new TSPoint(e.oldEndRow(), e.oldEndColumn()),
          new TSPoint(e.newEndRow(), e.newEndColumn())));
    }
    return parse(previous.grammar(), utf8, old);
  }

  private SyntaxTree parse(Grammar grammar, byte[] utf8, TSTree oldTree) {
    TSParser parser = parsers.computeIfAbsent(grammar, g -> {
      TSParser p = new TSParser();
      if (!p.setLanguage(g.newLanguage())) {
        throw new IllegalStateException("tree-sitter grammar for " + g.language() + " is incompatible");
      }
      p.setTimeoutMicros(TIMEOUT_MICROS);
      return p;
    });
    // Fed through a reader over the exact UTF-8 bytes, so node offsets are offsets into utf8 (a Java string
    // handed to JNI would be modified UTF-8, which differs for NUL and characters outside the BMP).
    TSTree tree = parser.parse(chunk, oldTree, (buf, offset, position) -> {
      int n = Math.max(0, Math.min(buf.length, utf8.length - offset));
      System.arraycopy(utf8, offset, buf, 0, n);
      return n;
    }, TSInputEncoding.TSInputEncodingUTF8);
    if (tree == null) {
      parser.reset();
      return SyntaxTree.unparsed(grammar, utf8);
    }
    return new SyntaxTree(grammar, utf8, tree);
  }
}
