package dev.lode.mine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Include and exclude path globs of a repository (from {@code repos.yaml}): a path is kept when it matches some
 * include glob (or there are none) and no exclude glob. Globs follow gitignore's spelling: {@code *} and {@code ?}
 * stay within one path segment, {@code **} spans segments, a glob without a slash matches the file name at any
 * depth ({@code *.md}), and a glob ending in a slash or naming a directory matches everything under it
 * ({@code docs/}).
 */
public final class PathGlobs implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Keeps every path. */
  public static final PathGlobs ALL = new PathGlobs(List.of(), List.of());

  private final List<String> include;
  private final List<String> exclude;
  private transient List<Pattern> includePatterns;
  private transient List<Pattern> excludePatterns;

  private PathGlobs(List<String> include, List<String> exclude) {
    this.include = List.copyOf(include);
    this.exclude = List.copyOf(exclude);
  }

  public static PathGlobs of(List<String> include, List<String> exclude) {
    List<String> in = include == null ? List.of() : include;
    List<String> ex = exclude == null ? List.of() : exclude;
    for (String g : in) {
      compile(g); // refuses a bad glob now, not in a task
    }
    for (String g : ex) {
      compile(g);
    }
    return in.isEmpty() && ex.isEmpty() ? ALL : new PathGlobs(in, ex);
  }

  public boolean keepsEverything() {
    return include.isEmpty() && exclude.isEmpty();
  }

  public List<String> include() {
    return include;
  }

  public List<String> exclude() {
    return exclude;
  }

  /** Whether {@code path} (slash-separated, relative to the repository root) is kept. */
  public boolean accepts(String path) {
    if (keepsEverything()) {
      return true;
    }
    if (includePatterns == null) {
      includePatterns = compileAll(include);
      excludePatterns = compileAll(exclude);
    }
    boolean in = includePatterns.isEmpty() || matchesAny(includePatterns, path);
    return in && !matchesAny(excludePatterns, path);
  }

  private static boolean matchesAny(List<Pattern> patterns, String path) {
    for (Pattern p : patterns) {
      if (p.matcher(path).matches()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> compileAll(List<String> globs) {
    List<Pattern> out = new ArrayList<>();
    for (String g : globs) {
      out.add(compile(g));
    }
    return out;
  }

  /** Translates one glob to a regular expression over whole paths. */
  static Pattern compile(String glob) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("empty path glob");
    }
    String g = glob.trim();
    boolean anchored = g.startsWith("/") || g.substring(0, g.length() - (g.endsWith("/") ? 1 : 0)).contains("/");
    if (g.startsWith("/")) {
      g = g.substring(1);
    }
    boolean dirOnly = g.endsWith("/");
    if (dirOnly) {
      g = g.substring(0, g.length() - 1);
    }
    StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      if (c == '*') {
        if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
          boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
          re.append(slashAfter ? "(?:.*/)?" : ".*");
          i += slashAfter ? 2 : 1;
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int close = g.indexOf(']', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed [ in path glob '" + glob + "'");
        }
        String set = g.substring(i + 1, close).replace("\\", "\\\\");
        re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
        i = close;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    // A glob naming a directory keeps everything under it.
    re.append(dirOnly ? "/.*" : "(?:/.*)?");
    return Pattern.compile(re.toString());
  }
}
