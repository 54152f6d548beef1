package dev.lode.code;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The programming language of a file, from its name: {@code src/app.py} → {@code python}. */
public final class Languages {
  private Languages() {}

  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("py", "python"), Map.entry("pyi", "python"),
      Map.entry("java", "java"),
      Map.entry("go", "go"),
      Map.entry("rs", "rust"),
      Map.entry("js", "javascript"), Map.entry("jsx", "javascript"), Map.entry("mjs", "javascript"),
      Map.entry("cjs", "javascript"),
      Map.entry("ts", "typescript"), Map.entry("tsx", "typescript"), Map.entry("mts", "typescript"),
      Map.entry("cts", "typescript"),
      Map.entry("c", "c"), Map.entry("h", "c"),
      Map.entry("cc", "cpp"), Map.entry("cpp", "cpp"), Map.entry("cxx", "cpp"), Map.entry("hpp", "cpp"),
      Map.entry("hh", "cpp"), Map.entry("hxx", "cpp"),
      Map.entry("cs", "csharp"),
      Map.entry("kt", "kotlin"), Map.entry("kts", "kotlin"),
      Map.entry("scala", "scala"), Map.entry("sc", "scala"),
      Map.entry("rb", "ruby"),
      Map.entry("php", "php"),
      Map.entry("swift", "swift"),
      Map.entry("m", "objective-c"), Map.entry("mm", "objective-c"),
      Map.entry("sh", "shell"), Map.entry("bash", "shell"), Map.entry("zsh", "shell"),
      Map.entry("pl", "perl"), Map.entry("pm", "perl"),
      Map.entry("lua", "lua"),
      Map.entry("r", "r"),
      Map.entry("jl", "julia"),
      Map.entry("hs", "haskell"),
      Map.entry("ex", "elixir"), Map.entry("exs", "elixir"),
      Map.entry("erl", "erlang"),
      Map.entry("clj", "clojure"),
      Map.entry("dart", "dart"),
      Map.entry("zig", "zig"),
      Map.entry("sql", "sql"),
      Map.entry("html", "html"), Map.entry("htm", "html"),
      Map.entry("css", "css"), Map.entry("scss", "css"),
      Map.entry("vue", "vue"),
      Map.entry("md", "markdown"), Map.entry("rst", "restructuredtext"),
      Map.entry("yaml", "yaml"), Map.entry("yml", "yaml"),
      Map.entry("toml", "toml"),
      Map.entry("json", "json"),
      Map.entry("xml", "xml"));

  private static final Map<String, String> BY_NAME = Map.of(
      "dockerfile", "dockerfile",
      "makefile", "makefile",
      "cmakelists.txt", "cmake");

  /** The language of {@code path} (any directory prefix), or null when the name says nothing. */
  public static String of(String path) {
    if (path == null) {
      return null;
    }
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String byName = BY_NAME.get(name);
    if (byName != null) {
      return byName;
    }
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      return null;
    }
    return BY_EXTENSION.get(name.substring(dot + 1));
  }

  private static final Set<String> NOT_PROGRAMS = Set.of(
      "markdown", "restructuredtext", "yaml", "toml", "json", "xml", "html", "css");

  /** True for languages that are programs rather than data, markup or documentation. */
  public static boolean isProgrammingLanguage(String language) {
    return language != null && !NOT_PROGRAMS.contains(language);
  }
}
