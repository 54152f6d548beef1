package dev.lode.curate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A path glob as written in {@code conf/lode.yaml}: {@code *} matches within one directory level, {@code **}
 * across levels ({@code **}{@code /} also matches no directory at all, so {@code **}{@code /*.lock} matches
 * {@code poetry.lock} at the root), {@code ?} one character, {@code {a,b}} either alternative. Matching is
 * case-sensitive and against the whole repository-relative path.
 */
public final class PathPattern {
  private final String glob;
  private final Pattern regex;

  private PathPattern(String glob, Pattern regex) {
    this.glob = glob;
    this.regex = regex;
  }

  /** Compiles {@code glob}; an unbalanced brace is an {@link IllegalArgumentException} naming the glob. */
  public static PathPattern of(String glob) {
    StringBuilder re = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        boolean twice = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
        if (twice) {
          boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
          re.append(slash ? "(?:.*/)?" : ".*");
          i += slash ? 2 : 1;
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
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
    return new PathPattern(glob, Pattern.compile(re.toString()));
  }

  public static List<PathPattern> all(List<String> globs) {
    return globs.stream().map(PathPattern::of).toList();
  }

  public boolean matches(String path) {
    return path != null && regex.matcher(path).matches();
  }

  /** True when any of {@code patterns} matches {@code path}. */
  public static boolean anyMatches(List<PathPattern> patterns, String path) {
    for (PathPattern p : patterns) {
      if (p.matches(path)) {
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
