package dev.lode.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TSQuery;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterTypescript;

/**
 * The languages Lode parses with tree-sitter, and which syntax nodes are functions (the unit of "changed methods"
 * and of mutation) and which are containers that qualify a function's name ({@code Class.method}).
 */
public enum Grammar {
  PYTHON("python", TreeSitterPython::new,
      Set.of("function_definition"),
      Set.of("class_definition"),
      Set.of()),
  JAVA("java", TreeSitterJava::new,
      Set.of("method_declaration", "constructor_declaration", "compact_constructor_declaration"),
      Set.of("class_declaration", "interface_declaration", "enum_declaration", "record_declaration"),
      Set.of()),
  GO("go", TreeSitterGo::new,
      Set.of("function_declaration", "method_declaration"),
      Set.of(),
      Set.of()),
  RUST("rust", TreeSitterRust::new,
      Set.of("function_item"),
      Set.of("impl_item", "trait_item", "mod_item"),
      Set.of()),
  JAVASCRIPT("javascript", TreeSitterJavascript::new,
      Set.of("function_declaration", "generator_function_declaration", "method_definition"),
      Set.of("class_declaration", "class"),
      Set.of("variable_declarator", "field_definition", "pair", "assignment_expression")),
  TYPESCRIPT("typescript", TreeSitterTypescript::new,
      Set.of("function_declaration", "generator_function_declaration", "method_definition"),
      Set.of("class_declaration", "abstract_class_declaration", "class", "interface_declaration"),
      Set.of("variable_declarator", "public_field_definition", "pair", "assignment_expression"));

  private final String language;
  private final Supplier<TSLanguage> grammar;
  private final Set<String> functionNodes;
  private final Set<String> containerNodes;
  private final Set<String> bindingNodes;

  /** Function values that, bound to a name ({@code const f = () => …}), are functions too. */
  private static final Set<String> FUNCTION_VALUES =
      Set.of("arrow_function", "function_expression", "function", "generator_function");

  Grammar(String language, Supplier<TSLanguage> grammar, Set<String> functionNodes, Set<String> containerNodes,
      Set<String> bindingNodes) {
    this.language = language;
    this.grammar = grammar;
    this.functionNodes = functionNodes;
    this.containerNodes = containerNodes;
    this.bindingNodes = bindingNodes;
  }

  /** The grammar for a {@link Languages} name ({@code python}, {@code java}, …), if tree-sitter covers it. */
  public static Optional<Grammar> forLanguage(String language) {
    if (language == null) {
      return Optional.empty();
    }
    String l = language.toLowerCase(Locale.ROOT);
    for (Grammar g : values()) {
      if (g.language.equals(l)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** The grammar for a file, by its name. */
  public static Optional<Grammar> forPath(String path) {
    return forLanguage(Languages.of(path));
  }

  public String language() {
    return language;
  }

  TSLanguage newLanguage() {
    return grammar.get();
  }

  private volatile FunctionQuery functionQuery;

  /** What a capture of {@link #functionQuery()} is. */
  enum Capture { FUNCTION, BINDING, CONTAINER }

  /** The compiled query, and the kind of node each of its capture ids stands for. */
  record FunctionQuery(TSQuery query, Capture[] captures) {}

  /**
   * A query capturing functions, bindings whose value is a function and containers: every node that contributes to
   * a qualified name. Compiled once per grammar (a compiled query is immutable and shared by threads, each running
   * it with its own cursor). Patterns a grammar does not support (a field or node type it lacks) are left out.
   */
  FunctionQuery functionQuery() {
    FunctionQuery q = functionQuery;
    if (q == null) {
      synchronized (this) {
        if (functionQuery == null) {
          TSLanguage lang = newLanguage();
          List<String> values = new ArrayList<>();
          for (String v : FUNCTION_VALUES) {
            if (compiles(lang, "(" + v + ")")) {
              values.add("(" + v + ")");
            }
          }
          List<String> bindings = new ArrayList<>();
          for (String b : bindingNodes) {
            for (String field : new String[] {"value", "right"}) {
              String pattern = "(" + b + " " + field + ": [" + String.join(" ", values) + "])";
              if (!values.isEmpty() && compiles(lang, pattern)) {
                bindings.add(pattern);
              }
            }
          }
          StringBuilder query = new StringBuilder();
          group(query, valid(lang, functionNodes), "fn");
          group(query, bindings, "bind");
          group(query, valid(lang, containerNodes), "container");
          TSQuery compiled = new TSQuery(lang, query.toString());
          Capture[] captures = new Capture[compiled.getCaptureCount()];
          for (int i = 0; i < captures.length; i++) {
            String name = compiled.getCaptureNameForId(i);
            captures[i] = name.equals("fn") ? Capture.FUNCTION : name.equals("bind") ? Capture.BINDING
                : Capture.CONTAINER;
          }
          functionQuery = new FunctionQuery(compiled, captures);
        }
        q = functionQuery;
      }
    }
    return q;
  }

  private static List<String> valid(TSLanguage lang, Set<String> types) {
    List<String> out = new ArrayList<>();
    for (String t : types) {
      if (compiles(lang, "(" + t + ")")) {
        out.add("(" + t + ")");
      }
    }
    return out;
  }

  private static void group(StringBuilder query, List<String> patterns, String capture) {
    if (!patterns.isEmpty()) {
      query.append("[ ").append(String.join(" ", patterns)).append(" ] @").append(capture).append('\n');
    }
  }

  private static boolean compiles(TSLanguage lang, String pattern) {
    try {
      new TSQuery(lang, pattern);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  boolean isFunction(String nodeType) {
    return functionNodes.contains(nodeType);
  }

  boolean isContainer(String nodeType) {
    return containerNodes.contains(nodeType);
  }

  /** A node that may bind a name to a function value (JavaScript and TypeScript). */
  boolean isBinding(String nodeType) {
    return bindingNodes.contains(nodeType);
  }

  static boolean isFunctionValue(String nodeType) {
    return FUNCTION_VALUES.contains(nodeType);
  }
}
