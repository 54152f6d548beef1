package dev.lode.mine;

import dev.lode.code.PathGlob;
import java.io.Serializable;
import java.util.List;

/**
 * Include and exclude path globs of a repository (from {@code repos.yaml}): a path is kept when it matches some
 * include glob (or there are none) and no exclude glob, in gitignore's spelling ({@link PathGlob}).
 */
public final class PathGlobs implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Keeps every path. */
  public static final PathGlobs ALL = new PathGlobs(List.of(), List.of());

  private final List<String> include;
  private final List<String> exclude;
  private transient List<PathGlob> includePatterns;
  private transient List<PathGlob> excludePatterns;

  private PathGlobs(List<String> include, List<String> exclude) {
    this.include = List.copyOf(include);
    this.exclude = List.copyOf(exclude);
  }

  public static PathGlobs of(List<String> include, List<String> exclude) {
    List<String> in = include == null ? List.of() : include;
    List<String> ex = exclude == null ? List.of() : exclude;
    for (String g : in) {
      PathGlob.of(g); // refuses a bad glob now, not in a task
    }
    for (String g : ex) {
      PathGlob.of(g);
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
      includePatterns = PathGlob.all(include);
      excludePatterns = PathGlob.all(exclude);
    }
    boolean in = includePatterns.isEmpty() || PathGlob.anyMatches(includePatterns, path);
    return in && !PathGlob.anyMatches(excludePatterns, path);
  }
}
