package dev.lode.code;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
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
