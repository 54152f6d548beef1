package dev.lode.gold.mutate;

import dev.lode.code.CodeParser;
import dev.lode.code.Grammar;
import dev.lode.code.SyntaxTree;
import dev.lode.gold.Check;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;

/**
 * Decides whether a mutant is worth keeping: it must parse with no error node, and differ from the original in
 * meaning, not only in layout or comments (compared as the sequences of their syntax tokens, comments left out).
 */
public final class MutantValidator {
  /** Why a mutant was refused, as counted in the gold run's rejections. */
  public static final String PARSE_ERROR = "parse_error";
  public static final String NO_SEMANTIC_CHANGE = "no_semantic_change";

  private final CodeParser parser;

  public MutantValidator(CodeParser parser) {
    this.parser = parser;
  }

  /** The checks on {@code mutant} of {@code original}; the first failing one names the refusal reason. */
  public List<Check> validate(Grammar grammar, SyntaxTree original, Mutant mutant) {
    List<Check> checks = new ArrayList<>();
    SyntaxTree mutated = parser.parse(grammar, mutant.source());
    if (mutated.hasErrors()) {
      checks.add(new Check(PARSE_ERROR, false, grammar.language() + " parse of the mutant has an error node"));
      return checks;
    }
    checks.add(Check.passed("parses", grammar.language() + " tree-sitter parse, no error node"));
    // Only the lines around the edit can differ, so only their tokens are compared: the same answer as comparing
    // the whole files, without walking a large tree once per mutant.
    byte[] text = original.utf8();
    int from = lineStart(text, lineStart(text, mutant.startByte()) - 1);
    int to = lineEnd(text, lineEnd(text, mutant.endByte()) + 1);
    int delta = mutated.utf8().length - text.length;
    if (tokens(original, from, to).equals(tokens(mutated, from, to + delta))) {
      checks.add(new Check(NO_SEMANTIC_CHANGE, false, "same tokens as the original: " + mutant.detail()));
      return checks;
    }
    checks.add(Check.passed("differs_in_meaning", mutant.kind().id() + ": " + mutant.detail()));
    return checks;
  }

  /** The refusal reason among {@code checks}, or null when all passed. */
  public static String refusal(List<Check> checks) {
    for (Check c : checks) {
      if (!c.passed()) {
        return c.check();
      }
    }
    return null;
  }

  /** The leaves of the tree in {@code [from, to)}, in order, comments left out: what the code there means. */
  static List<String> tokens(SyntaxTree tree, int from, int to) {
    List<String> out = new ArrayList<>();
    collect(tree, tree.root(), from, to, out);
    return out;
  }

  private static int lineStart(byte[] text, int at) {
    int i = Math.max(0, Math.min(at, text.length));
    while (i > 0 && text[i - 1] != '\n') {
      i--;
    }
    return i;
  }

  private static int lineEnd(byte[] text, int at) {
    int i = Math.max(0, Math.min(at, text.length));
    while (i < text.length && text[i] != '\n') {
      i++;
    }
    return i;
  }

  private static void collect(SyntaxTree tree, TSNode node, int from, int to, List<String> out) {
    if (node.getType().contains("comment") || node.getEndByte() <= from || node.getStartByte() >= to) {
      return;
    }
    int n = node.getChildCount();
    if (n == 0) {
      String text = tree.text(node);
      if (!text.isBlank()) {
        out.add(text);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      collect(tree, node.getChild(i), from, to, out);
    }
  }
}
