package dev.lode.code;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A path glob in gitignore's spelling, matched against a whole repository-relative path: {@code *} and {@code ?}
 * stay within one path segment, {@code **} spans segments ({@code **}{@code /} also matches no directory, so
 * {@code **}{@code /*.lock} matches {@code poetry.lock}), {@code [abc]} / {@code [!abc]} a character set,
 * {@code {a,b}} either alternative. A glob without a slash matches the file name at any depth ({@code *.md}); one
 * with a slash is anchored at the root ({@code .github/**}); one naming a directory matches everything under it
 * ({@code docs/}). One dialect for every glob Lode reads: the miner's include/exclude paths and curation's file roles.
 */
public final class PathGlob {
  private final String glob;
  private final Pattern regex;

  private PathGlob(String glob, Pattern regex) {
    this.glob = glob;
    this.regex = regex;
  }

  /** Compiles {@code glob}; an empty glob or an unbalanced {@code [} or {@code {} is refused naming the glob. */
  public static PathGlob of(String glob) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("empty path glob");
    }
    String g = glob.trim();
    String body = g.endsWith("/") ? g.substring(0, g.length() - 1) : g;
    boolean anchored = body.contains("/");
    if (g.startsWith("/")) {
      g = g.substring(1);
    }
    boolean dirOnly = g.endsWith("/");
    if (dirOnly) {
      g = g.substring(0, g.length() - 1);
    }
    StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
    int braces = 0;
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
          throw new IllegalArgumentException("path glob '" + glob + "' has an unclosed [");
        }
        String set = g.substring(i + 1, close).replace("\\", "\\\\");
        re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
        i = close;
      } else if (c == '{') {
        braces++;
        re.append("(?:");
      } else if (c == '}' && braces > 0) {
        braces--;
        re.append(')');
      } else if (c == ',' && braces > 0) {
        re.append('|');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces != 0) {
      throw new IllegalArgumentException("path glob '" + glob + "' has an unclosed {");
    }
    // A glob naming a directory keeps everything under it.
    re.append(dirOnly ? "/.*" : "(?:/.*)?");
    return new PathGlob(glob, Pattern.compile(re.toString()));
  }

  /** Compiles each of {@code globs}. */
  public static List<PathGlob> all(List<String> globs) {
    return globs.stream().map(PathGlob::of).toList();
  }

  public boolean matches(String path) {
    return path != null && regex.matcher(path).matches();
  }

  /** True when any of {@code globs} matches {@code path}. */
  public static boolean anyMatches(List<PathGlob> globs, String path) {
    for (PathGlob g : globs) {
      if (g.matches(path)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return glob;
  }
}
