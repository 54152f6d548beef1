package dev.lode.code;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.treesitter.TSNode;
import org.treesitter.TSPoint;
import org.treesitter.TSQueryCapture;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;
import org.treesitter.TSTree;

/** A parsed source file: the tree-sitter tree and the UTF-8 text it spans. */
public final class SyntaxTree {
  private final Grammar grammar;
  private final byte[] utf8;
  private final TSTree tree; // null when the parse was abandoned

  SyntaxTree(Grammar grammar, byte[] utf8, TSTree tree) {
    this.grammar = grammar;
    this.utf8 = utf8;
    this.tree = tree;
  }

  static SyntaxTree unparsed(Grammar grammar, byte[] utf8) {
    return new SyntaxTree(grammar, utf8, null);
  }

  public Grammar grammar() {
    return grammar;
  }

  /** False when the parse timed out; such a tree has no root and no functions. */
  public boolean isParsed() {
    return tree != null;
  }

  /** The root node; only for {@link #isParsed()} trees. */
  public TSNode root() {
    if (tree == null) {
      throw new IllegalStateException("the " + grammar.language() + " parse was abandoned (timeout)");
    }
    return tree.getRootNode();
  }

  /** True when the text does not parse cleanly: an ERROR or MISSING node anywhere, or no parse at all. */
  public boolean hasErrors() {
    return tree == null || root().hasError();
  }

  TSTree tsTree() {
    return tree;
  }

  /** The UTF-8 bytes the tree was parsed from. */
  public byte[] utf8() {
    return utf8;
  }

  /** The source text a node covers. */
  public String text(TSNode node) {
    return new String(utf8, node.getStartByte(), node.getEndByte() - node.getStartByte(), StandardCharsets.UTF_8);
  }

  /**
   * Every function and method, in source order, nested ones included, with names qualified by their containers.
   * A tree-sitter query finds, natively, every node that names something (functions, bindings of function values,
   * containers); nesting is then read from their byte ranges. Visiting every node through JNI instead costs
   * twice the parse itself.
   */
  public List<FunctionSpan> functions() {
    return functions(-1, -1);
  }

  /**
   * The functions (and methods) with a line in {@code [fromLine, toLine]} (1-based, inclusive), qualified as by
   * {@link #functions()}. Only that part of the tree is searched, so this is cheap for a few changed lines of a
   * large file.
   */
  public List<FunctionSpan> functionsInLines(int fromLine, int toLine) {
    List<FunctionSpan> out = new ArrayList<>();
    for (FunctionSpan f : functions(Math.max(0, fromLine - 1), Math.max(fromLine, toLine))) {
      if (f.overlapsLines(fromLine, toLine)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Functions intersecting rows {@code [fromRow, toRow)} (0-based), or all of them when fromRow is negative. */
  private List<FunctionSpan> functions(int fromRow, int toRow) {
    List<FunctionSpan> out = new ArrayList<>();
    if (tree == null) {
      return out;
    }
    record Named(TSNode node, Grammar.Capture kind, int start, int end, int order) {}
    Grammar.FunctionQuery q = grammar.functionQuery();
    TSQueryCursor cursor = new TSQueryCursor();
    if (fromRow >= 0) {
      // Ancestors of a node in the range intersect it too, so qualified names stay whole.
      cursor.setPointRange(new TSPoint(fromRow, 0), new TSPoint(toRow, 0));
    }
    cursor.exec(q.query(), root());
    TSQueryMatch match = new TSQueryMatch();
    List<Named> named = new ArrayList<>();
    while (cursor.nextMatch(match)) {
      for (TSQueryCapture capture : match.getCaptures()) {
        TSNode node = capture.getNode();
        named.add(new Named(node, q.captures()[capture.getIndex()], node.getStartByte(), node.getEndByte(),
            named.size()));
      }
    }
    // Outer before inner: by start, then the longer first, then as the query found them (parents first).
    named.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start())
        : a.end() != b.end() ? Integer.compare(b.end(), a.end()) : Integer.compare(a.order(), b.order()));
    record Open(int end, String prefix) {}
    Deque<Open> open = new ArrayDeque<>();
    for (Named n : named) {
      while (!open.isEmpty() && open.peek().end() <= n.start()) {
        open.pop();
      }
      String prefix = open.isEmpty() ? "" : open.peek().prefix();
      String segment;
      if (n.kind() == Grammar.Capture.CONTAINER) {
        segment = containerName(n.node());
      } else if (n.kind() == Grammar.Capture.BINDING) {
        TSNode bound = boundFunction(n.node());
        segment = bound == null ? null : text(bound);
      } else {
        segment = functionName(n.node());
      }
      if (segment == null) {
        continue;
      }
      if (n.kind() != Grammar.Capture.CONTAINER) {
        TSNode node = n.node();
        out.add(new FunctionSpan(segment, prefix + segment, node.getStartPoint().getRow() + 1,
            node.getEndPoint().getRow() + 1, n.start(), n.end()));
      }
      open.push(new Open(n.end(), prefix + segment + "."));
    }
    out.sort((a, b) -> Integer.compare(a.startByte(), b.startByte()));
    return out;
  }

  /** For {@code const f = () => …} and the like: the name node when the bound value is a function, else null. */
  private static TSNode boundFunction(TSNode binding) {
    TSNode value = binding.getChildByFieldName("value");
    if (value == null || value.isNull()) {
      value = binding.getChildByFieldName("right");
    }
    if (value == null || value.isNull() || !Grammar.isFunctionValue(value.getType())) {
      return null;
    }
    for (String field : new String[] {"name", "key", "property", "left"}) {
      TSNode name = binding.getChildByFieldName(field);
      if (name != null && !name.isNull()) {
        return name;
      }
    }
    return null;
  }

  private String functionName(TSNode fn) {
    TSNode name = fn.getChildByFieldName("name");
    String base = name == null || name.isNull() ? "<anonymous>" : text(name);
    if (grammar == Grammar.GO && "method_declaration".equals(fn.getType())) {
      TSNode receiver = fn.getChildByFieldName("receiver");
      String type = receiver == null || receiver.isNull() ? null : receiverType(receiver);
      return type == null ? base : type + "." + base;
    }
    return base;
  }

  /** {@code (s *Server)} → {@code Server}. */
  private String receiverType(TSNode receiver) {
    String text = text(receiver).replaceAll("[()*]", " ").trim();
    String[] parts = text.split("\\s+");
    String last = parts[parts.length - 1];
    int bracket = last.indexOf('[');
    return last.isEmpty() ? null : bracket > 0 ? last.substring(0, bracket) : last;
  }

  private String containerName(TSNode node) {
    TSNode name = node.getChildByFieldName("name");
    if (name == null || name.isNull()) {
      name = node.getChildByFieldName("type"); // rust: impl Foo { … }
    }
    if (name == null || name.isNull()) {
      return null;
    }
    String text = text(name);
    int generic = text.indexOf('<');
    return generic > 0 ? text.substring(0, generic) : text;
  }
}
