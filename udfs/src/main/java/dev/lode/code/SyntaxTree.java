package dev.lode.code;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.treesitter.TSNode;
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

  /** The UTF-8 bytes the tree was parsed from. */
  public byte[] utf8() {
    return utf8;
  }

  /** The source text a node covers. */
  public String text(TSNode node) {
    return new String(utf8, node.getStartByte(), node.getEndByte() - node.getStartByte(), StandardCharsets.UTF_8);
  }

  /** Every function and method, in source order, nested ones included, with names qualified by their containers. */
  public List<FunctionSpan> functions() {
    List<FunctionSpan> out = new ArrayList<>();
    if (tree == null) {
      return out;
    }
    record Frame(TSNode node, String prefix) {}
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(root(), ""));
    List<Frame> children = new ArrayList<>();
    while (!stack.isEmpty()) {
      Frame f = stack.pop();
      TSNode node = f.node();
      String type = node.getType();
      String prefix = f.prefix();
      if (grammar.isFunction(type)) {
        String name = functionName(node);
        String qualified = prefix + name;
        out.add(new FunctionSpan(name, qualified, node.getStartPoint().getRow() + 1, node.getEndPoint().getRow() + 1,
            node.getStartByte(), node.getEndByte()));
        prefix = qualified + ".";
      } else if (grammar.isBinding(type) && boundFunction(node) != null) {
        String name = text(boundFunction(node));
        String qualified = prefix + name;
        out.add(new FunctionSpan(name, qualified, node.getStartPoint().getRow() + 1, node.getEndPoint().getRow() + 1,
            node.getStartByte(), node.getEndByte()));
        prefix = qualified + ".";
      } else if (grammar.isContainer(type)) {
        String name = containerName(node);
        if (name != null) {
          prefix = prefix + name + ".";
        }
      }
      children.clear();
      int n = node.getNamedChildCount();
      for (int i = 0; i < n; i++) {
        children.add(new Frame(node.getNamedChild(i), prefix));
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(children.get(i));
      }
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
