package dev.lode.gold;

import dev.lode.code.CodeParser;
import dev.lode.code.Grammar;
import dev.lode.code.SyntaxTree;
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
    if (tokens(original).equals(tokens(mutated))) {
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

  /** The leaves of the tree, in order, comments left out: what the code means, whatever its layout. */
  static List<String> tokens(SyntaxTree tree) {
    List<String> out = new ArrayList<>();
    collect(tree, tree.root(), out);
    return out;
  }

  private static void collect(SyntaxTree tree, TSNode node, List<String> out) {
    if (node.getType().contains("comment")) {
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
      collect(tree, node.getChild(i), out);
    }
  }
}
