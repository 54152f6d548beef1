package dev.lode.gold.mutate;

import dev.lode.code.FunctionSpan;
import dev.lode.code.Grammar;
import dev.lode.code.SyntaxTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Finds the places in a function where a {@link MutationKind} applies and plants the bug there, for Python, Java,
 * Go, Rust, JavaScript and TypeScript, from their tree-sitter syntax trees. The result is a candidate only:
 * {@link MutantValidator} decides whether it parses and differs in meaning.
 */
public final class Mutator {
  private Mutator() {}

  private static final Map<String, String> COMPARISON_FLIPS = Map.ofEntries(
      Map.entry("==", "!="), Map.entry("!=", "=="), Map.entry("===", "!=="), Map.entry("!==", "==="),
      Map.entry("<", ">"), Map.entry(">", "<"), Map.entry("<=", ">="), Map.entry(">=", "<="),
      Map.entry("is", "is not"), Map.entry("is not", "is"), Map.entry("in", "not in"), Map.entry("not in", "in"));
  private static final Map<String, String> BOUNDARY_SHIFTS = Map.of("<", "<=", "<=", "<", ">", ">=", ">=", ">");
  private static final Map<String, String> LOGIC_FLIPS = Map.of("&&", "||", "||", "&&", "and", "or", "or", "and");

  private static final Set<String> BINARY = Set.of("binary_expression", "comparison_operator", "boolean_operator");
  private static final Set<String> CONDITIONAL = Set.of("if_statement", "elif_clause", "while_statement",
      "if_expression", "while_expression");
  private static final Set<String> CALLS = Set.of("call", "call_expression", "method_invocation",
      "object_creation_expression", "new_expression");
  private static final Set<String> INTEGERS = Set.of("integer", "decimal_integer_literal", "int_literal",
      "integer_literal", "number");
  private static final Set<String> BOUND_PARENTS = Set.of("comparison_operator", "binary_expression",
      "binary_operator", "subscript", "slice", "array_access", "index_expression", "slice_expression",
      "range_expression", "subscript_expression");
  private static final Set<String> BOOLEAN_LITERALS = Set.of("true", "false");
  private static final Set<String> BLOCKS = Set.of("block", "statement_block", "statement_list");
  private static final Set<String> SIMPLE_STATEMENTS = Set.of("expression_statement", "assignment_statement",
      "inc_statement", "dec_statement");
  private static final Set<String> STATEMENT_EXPRESSIONS = Set.of("call", "call_expression", "method_invocation",
      "assignment", "augmented_assignment", "assignment_expression", "augmented_assignment_expression",
      "compound_assignment_expr", "update_expression", "await", "await_expression");
  private static final Set<String> DEFAULT_PARAMETERS = Set.of("default_parameter", "typed_default_parameter",
      "assignment_pattern", "required_parameter", "optional_parameter");

  /** Every candidate mutant of the given functions of {@code tree}, of the given kinds, in source order. */
  public static List<Mutant> candidates(SyntaxTree tree, List<FunctionSpan> functions, Set<MutationKind> kinds) {
    List<Mutant> out = new ArrayList<>();
    if (!tree.isParsed()) {
      return out;
    }
    Sites sites = new Sites(tree, kinds, out);
    for (FunctionSpan f : functions) {
      TSNode fn = nodeAt(tree.root(), f.startByte(), f.endByte());
      if (fn != null) {
        sites.function = f.qualifiedName();
        sites.walk(fn);
      }
    }
    return out;
  }

  /** The node spanning exactly {@code [start, end)}, or the smallest one around it. */
  private static TSNode nodeAt(TSNode root, int start, int end) {
    TSNode node = root;
    outer:
    while (true) {
      int n = node.getNamedChildCount();
      for (int i = 0; i < n; i++) {
        TSNode c = node.getNamedChild(i);
        if (c.getStartByte() <= start && c.getEndByte() >= end) {
          node = c;
          if (c.getStartByte() == start && c.getEndByte() == end) {
            return c;
          }
          continue outer;
        }
      }
      return node;
    }
  }

  private static final class Sites {
    final SyntaxTree tree;
    final Set<MutationKind> kinds;
    final List<Mutant> out;
    final byte[] utf8;
    final Grammar grammar;
    String function;

    Sites(SyntaxTree tree, Set<MutationKind> kinds, List<Mutant> out) {
      this.tree = tree;
      this.kinds = kinds;
      this.out = out;
      this.utf8 = tree.utf8();
      this.grammar = tree.grammar();
    }

    void walk(TSNode node) {
      visit(node);
      int n = node.getChildCount();
      for (int i = 0; i < n; i++) {
        walk(node.getChild(i));
      }
    }

    private void visit(TSNode node) {
      String type = node.getType();
      if (BINARY.contains(type)) {
        operators(node);
      }
      if (node.isNamed() && BOOLEAN_LITERALS.contains(type) || "boolean_literal".equals(type)) {
        String text = tree.text(node);
        String flipped = switch (text) {
          case "True" -> "False";
          case "False" -> "True";
          case "true" -> "false";
          case "false" -> "true";
          default -> null;
        };
        if (flipped != null) {
          add(MutationKind.BOOLEAN_FLIP, node, flipped, text + " -> " + flipped, null);
        }
      }
      if (CONDITIONAL.contains(type)) {
        negate(node);
      }
      if (INTEGERS.contains(type) && node.getParent() != null && BOUND_PARENTS.contains(node.getParent().getType())) {
        String text = tree.text(node);
        if (text.matches("\\d{1,9}")) {
          String plus = Long.toString(Long.parseLong(text) + 1);
          add(MutationKind.OFF_BY_ONE, node, plus, text + " -> " + plus, null);
        }
      }
      if ("range_expression".equals(type)) {
        for (int i = 0; i < node.getChildCount(); i++) {
          TSNode op = node.getChild(i);
          if (!op.isNamed() && (op.getType().equals("..") || op.getType().equals("..="))) {
            String to = op.getType().equals("..") ? "..=" : "..";
            add(MutationKind.OFF_BY_ONE, op, to, op.getType() + " -> " + to, null);
          }
        }
      }
      if (CALLS.contains(type)) {
        swapArguments(node);
        fallbackDefault(node);
      }
      if (SIMPLE_STATEMENTS.contains(type) && isRemovableStatement(node)) {
        removeStatement(node, MutationKind.REMOVED_STATEMENT, "statement removed", null);
      }
      if (("return_statement".equals(type) || "return_expression".equals(type)) && isEarlyReturn(node)) {
        TSNode stmt = "return_expression".equals(type) && node.getParent() != null
            && "expression_statement".equals(node.getParent().getType()) ? node.getParent() : node;
        removeStatement(stmt, MutationKind.REMOVED_RETURN, "early return removed", null);
      }
      if (DEFAULT_PARAMETERS.contains(type)) {
        TSNode value = field(node, "value");
        if (value == null) {
          value = field(node, "right");
        }
        if (value != null) {
          TSNode name = field(node, "name");
          if (name == null) {
            name = field(node, "pattern");
          }
          if (name == null) {
            name = field(node, "left");
          }
          changeLiteral(value, name == null ? null : tree.text(name));
        }
      }
    }

    private void operators(TSNode node) {
      for (int i = 0; i < node.getChildCount(); i++) {
        TSNode op = node.getChild(i);
        if (op.isNamed()) {
          continue;
        }
        String text = tree.text(op).replaceAll("\\s+", " ");
        String flip = COMPARISON_FLIPS.get(text);
        boolean pythonOnly = text.startsWith("is") || text.endsWith("in");
        if (flip != null && (!pythonOnly || grammar == Grammar.PYTHON)) {
          add(MutationKind.COMPARISON_FLIP, op, flip, text + " -> " + flip, null);
        }
        String shift = BOUNDARY_SHIFTS.get(text);
        if (shift != null) {
          add(MutationKind.OFF_BY_ONE, op, shift, text + " -> " + shift, null);
        }
        String logic = LOGIC_FLIPS.get(text);
        if (logic != null) {
          add(MutationKind.BOOLEAN_FLIP, op, logic, text + " -> " + logic, null);
        }
      }
    }

    private void negate(TSNode stmt) {
      TSNode cond = field(stmt, "condition");
      if (cond == null) {
        return;
      }
      String ct = cond.getType();
      if (ct.startsWith("let_") || "let_condition".equals(ct)) {
        return; // `if let` binds, it does not test
      }
      TSNode inner = cond;
      boolean parens = "parenthesized_expression".equals(ct) && grammar != Grammar.PYTHON;
      if (parens && cond.getNamedChildCount() == 1) {
        inner = cond.getNamedChild(0);
      }
      String text = tree.text(inner);
      String it = inner.getType();
      if ("not_operator".equals(it)) {
        TSNode arg = field(inner, "argument");
        if (arg != null) {
          add(MutationKind.NEGATED_CONDITION, inner, tree.text(arg), "not dropped", null);
        }
        return;
      }
      if ("unary_expression".equals(it) && tree.text(inner).startsWith("!") && inner.getNamedChildCount() == 1) {
        add(MutationKind.NEGATED_CONDITION, inner, tree.text(inner.getNamedChild(0)), "! dropped", null);
        return;
      }
      String negated = grammar == Grammar.PYTHON ? "not (" + text + ")" : "!(" + text + ")";
      add(MutationKind.NEGATED_CONDITION, inner, negated, "condition negated", null);
    }

    private void swapArguments(TSNode call) {
      TSNode args = field(call, "arguments");
      if (args == null) {
        return;
      }
      List<TSNode> positional = new ArrayList<>();
      for (int i = 0; i < args.getNamedChildCount(); i++) {
        TSNode a = args.getNamedChild(i);
        String t = a.getType();
        if (t.contains("comment")) {
          continue;
        }
        if (t.equals("keyword_argument") || t.contains("splat") || t.equals("spread_element")
            || t.equals("type_arguments") || t.equals("block") || t.equals("lambda")) {
          break; // positions after these are not plain positions
        }
        positional.add(a);
      }
      if (positional.size() < 2) {
        return;
      }
      TSNode x = positional.get(0);
      TSNode y = positional.get(1);
      String xt = tree.text(x);
      String yt = tree.text(y);
      String between = text(x.getEndByte(), y.getStartByte());
      String callee = calleeName(call);
      add(MutationKind.SWAPPED_ARGUMENTS, x.getStartByte(), y.getEndByte(), yt + between + xt,
          "arguments " + xt + " and " + yt + " of " + callee + " swapped", callee);
    }

    private String calleeName(TSNode call) {
      TSNode f = field(call, "function");
      if (f == null) {
        f = field(call, "name");
      }
      if (f == null) {
        f = field(call, "constructor");
      }
      if (f == null) {
        f = field(call, "type");
      }
      return f == null ? "a call" : tree.text(f);
    }

    /** {@code x.unwrap_or(5)} (Rust), {@code m.getOrDefault(k, 0)} and {@code o.orElse(0)} (Java). */
    private void fallbackDefault(TSNode call) {
      TSNode args = field(call, "arguments");
      if (args == null || args.getNamedChildCount() == 0) {
        return;
      }
      String callee = calleeName(call);
      String method = callee.substring(callee.lastIndexOf('.') + 1);
      TSNode name = field(call, "name");
      if (name != null) {
        method = tree.text(name);
      }
      int index = switch (method) {
        case "unwrap_or", "orElse" -> 0;
        case "getOrDefault" -> 1;
        default -> -1;
      };
      if (index >= 0 && index < args.getNamedChildCount()) {
        changeLiteral(args.getNamedChild(index), method);
      }
    }

    private void changeLiteral(TSNode value, String subject) {
      String text = tree.text(value);
      String changed;
      if (text.matches("-?\\d{1,9}")) {
        long v = Long.parseLong(text);
        changed = Long.toString(v == 0 ? 1 : v + 1);
      } else {
        changed = switch (text) {
          case "True" -> "False";
          case "False" -> "True";
          case "true" -> "false";
          case "false" -> "true";
          case "\"\"" -> "\" \"";
          case "''" -> "' '";
          default -> text.length() > 2 && (text.startsWith("\"") && text.endsWith("\"")
              || text.startsWith("'") && text.endsWith("'")) && !text.startsWith("\"\"\"")
              ? text.charAt(0) + "" + text.charAt(0) : null;
        };
      }
      if (changed != null) {
        add(MutationKind.CHANGED_DEFAULT, value, changed, "default " + text + " -> " + changed, subject);
      }
    }

    private boolean isRemovableStatement(TSNode stmt) {
      TSNode parent = stmt.getParent();
      if (parent == null || !BLOCKS.contains(parent.getType()) || statements(parent) < 2) {
        return false;
      }
      if (!"expression_statement".equals(stmt.getType())) {
        return true; // Go assignment / inc / dec statements
      }
      TSNode expr = stmt.getNamedChildCount() > 0 ? stmt.getNamedChild(0) : null;
      return expr != null && STATEMENT_EXPRESSIONS.contains(expr.getType());
    }

    /** A return that is not the function's last statement: a guard clause or a return inside a loop or branch. */
    private boolean isEarlyReturn(TSNode ret) {
      TSNode block = ret.getParent();
      if (block != null && "expression_statement".equals(block.getType())) {
        block = block.getParent();
      }
      if (block == null || !BLOCKS.contains(block.getType())) {
        return false;
      }
      TSNode owner = block.getParent();
      if (owner != null && "statement_list".equals(block.getType())) {
        owner = owner.getParent();
      }
      return owner != null && !grammarIsFunction(owner.getType());
    }

    private boolean grammarIsFunction(String type) {
      return type.equals("function_definition") || type.equals("method_declaration")
          || type.equals("constructor_declaration") || type.equals("function_declaration")
          || type.equals("function_item") || type.equals("method_definition") || type.equals("arrow_function")
          || type.equals("function_expression") || type.equals("func_literal") || type.equals("function")
          || type.equals("generator_function_declaration") || type.equals("closure_expression")
          || type.equals("lambda_expression");
    }

    private int statements(TSNode block) {
      int n = 0;
      for (int i = 0; i < block.getNamedChildCount(); i++) {
        if (!block.getNamedChild(i).getType().contains("comment")) {
          n++;
        }
      }
      return n;
    }

    /** Removes a statement with its line when it stands alone on it; a lone Python statement becomes {@code pass}. */
    private void removeStatement(TSNode stmt, MutationKind kind, String detail, String subject) {
      int start = stmt.getStartByte();
      int end = stmt.getEndByte();
      TSNode block = stmt.getParent();
      boolean alone = block != null && statements(block) == 1;
      if (grammar == Grammar.PYTHON && alone) {
        add(kind, start, end, "pass", detail, subject);
        return;
      }
      int ls = start;
      while (ls > 0 && (utf8[ls - 1] == ' ' || utf8[ls - 1] == '\t')) {
        ls--;
      }
      int le = end;
      while (le < utf8.length && (utf8[le] == ' ' || utf8[le] == '\t' || utf8[le] == '\r')) {
        le++;
      }
      if ((ls == 0 || utf8[ls - 1] == '\n') && le < utf8.length && utf8[le] == '\n') {
        add(kind, ls, le + 1, "", detail, subject);
      } else {
        add(kind, start, end, "", detail, subject);
      }
    }

    private TSNode field(TSNode node, String name) {
      TSNode f = node.getChildByFieldName(name);
      return f == null || f.isNull() ? null : f;
    }

    private String text(int start, int end) {
      return new String(utf8, start, end - start, StandardCharsets.UTF_8);
    }

    private void add(MutationKind kind, TSNode node, String replacement, String detail, String subject) {
      add(kind, node.getStartByte(), node.getEndByte(), replacement, detail, subject);
    }

    private void add(MutationKind kind, int start, int end, String replacement, String detail, String subject) {
      if (!kinds.contains(kind)) {
        return;
      }
      byte[] rep = replacement.getBytes(StandardCharsets.UTF_8);
      byte[] src = new byte[utf8.length - (end - start) + rep.length];
      System.arraycopy(utf8, 0, src, 0, start);
      System.arraycopy(rep, 0, src, start, rep.length);
      System.arraycopy(utf8, end, src, start + rep.length, utf8.length - end);
      out.add(new Mutant(kind, function, start, end, replacement, detail, subject,
          new String(src, StandardCharsets.UTF_8)));
    }
  }
}
