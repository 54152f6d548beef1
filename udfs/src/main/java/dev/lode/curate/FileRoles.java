package dev.lode.curate;

import dev.lode.code.ChangedFile;
import dev.lode.code.Languages;
import dev.lode.code.PathGlob;
import dev.lode.config.CurateConfig;
import java.io.Serializable;
import java.util.List;

/**
 * What part a changed file plays, by its path: generated (generated, vendored, lock or minified), changelog, test,
 * source (a program file that is neither a test nor listed as non-source), or other (docs, configuration, data).
 * Rules, the example builder and deduplication all classify files through here, so they agree.
 */
public final class FileRoles implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The role of one file; a path has exactly one. */
  public enum Role { GENERATED, CHANGELOG, TEST, SOURCE, OTHER }

  private final List<String> generatedGlobs;
  private final List<String> changelogGlobs;
  private final List<String> nonSourceGlobs;
  private transient List<PathGlob> generated;
  private transient List<PathGlob> changelog;
  private transient List<PathGlob> nonSource;

  public FileRoles(List<String> generatedGlobs, List<String> changelogGlobs, List<String> nonSourceGlobs) {
    this.generatedGlobs = List.copyOf(generatedGlobs);
    this.changelogGlobs = List.copyOf(changelogGlobs);
    this.nonSourceGlobs = List.copyOf(nonSourceGlobs);
  }

  public static FileRoles of(CurateConfig config) {
    return new FileRoles(config.generatedPaths(), config.changelogPaths(), config.nonSourcePaths());
  }

  /** The role of {@code path}; {@code test} is the miner's verdict (bronze.file_changes.is_test). */
  public Role roleOf(String path, boolean test) {
    compile();
    if (PathGlob.anyMatches(generated, path)) {
      return Role.GENERATED;
    }
    if (PathGlob.anyMatches(changelog, path)) {
      return Role.CHANGELOG;
    }
    if (test) {
      return Role.TEST;
    }
    if (Languages.isProgrammingLanguage(Languages.of(path)) && !PathGlob.anyMatches(nonSource, path)) {
      return Role.SOURCE;
    }
    return Role.OTHER;
  }

  public Role roleOf(ChangedFile f) {
    return roleOf(f.path(), f.test());
  }

  /** Generated files are noise in an example: left out of its files and of size counts. */
  public boolean isGenerated(String path) {
    compile();
    return PathGlob.anyMatches(generated, path);
  }

  /**
   * The main language of a change: the configured-or-not language with the most changed lines among its source
   * files (ties broken by name), or null when it changes no source file.
   */
  public String mainLanguage(List<ChangedFile> files) {
    java.util.Map<String, Integer> lines = new java.util.TreeMap<>();
    for (ChangedFile f : files) {
      if (roleOf(f) == Role.SOURCE && f.language() != null) {
        lines.merge(f.language(), Math.max(1, f.changedLines()), Integer::sum);
      }
    }
    String best = null;
    for (java.util.Map.Entry<String, Integer> e : lines.entrySet()) {
      if (best == null || e.getValue() > lines.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }

  private void compile() {
    if (generated == null) {
      generated = PathGlob.all(generatedGlobs);
      changelog = PathGlob.all(changelogGlobs);
      nonSource = PathGlob.all(nonSourceGlobs);
    }
  }
}
