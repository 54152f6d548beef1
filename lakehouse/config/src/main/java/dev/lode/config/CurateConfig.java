package dev.lode.config;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code curate:} how {@code lode curate} scores, filters and deduplicates bronze commits into silver; documented key
 * by key in {@code conf/lode.yaml} and rule by rule in {@code docs/curation.md}. Serializable because Spark tasks
 * build their rules from it. The names {@code disabled_rules} may list are the rules' own, checked where the rules
 * are (a {@link ConfigCheck} of the udfs module).
 */
public record CurateConfig(
    List<String> disabledRules,
    List<String> languages,
    List<String> botAuthors,
    List<String> generatedPaths,
    List<String> changelogPaths,
    List<String> nonSourcePaths,
    Diff diff,
    Tests tests,
    License license,
    Message message,
    Secrets secrets,
    Dedup dedup) implements Serializable {

  public CurateConfig {
    if (botAuthors != null) {
      for (int i = 0; i < botAuthors.size(); i++) {
        requireRegex("curate.bot_authors[" + i + "]", botAuthors.get(i));
      }
    }
    requireGlobs("curate.generated_paths", generatedPaths);
    requireGlobs("curate.changelog_paths", changelogPaths);
    requireGlobs("curate.non_source_paths", nonSourcePaths);
    if (languages != null && languages.isEmpty()) {
      throw new ConfigException("curate.languages", "must name at least one language");
    }
  }

  /** {@code curate.diff}: how big a change may be. */
  public record Diff(
      @Range(min = 0, max = 1_000_000) int minChangedLines,
      @Range(min = 1, max = 1_000_000) int maxChangedLines,
      @Range(min = 0, max = 10_000) int minSourceFiles,
      @Range(min = 1, max = 10_000) int maxSourceFiles) implements Serializable {
    public Diff {
      ConfigException.requireOrdered("curate.diff", "min_changed_lines", minChangedLines, "max_changed_lines",
          maxChangedLines);
      ConfigException.requireOrdered("curate.diff", "min_source_files", minSourceFiles, "max_source_files",
          maxSourceFiles);
    }
  }

  /** {@code curate.tests}: what counts as test evidence. */
  public record Tests(@OneOf({"changed", "module"}) String evidence) implements Serializable {}

  /** {@code curate.license}: which repository licenses may be used. */
  public record License(List<String> allowed, @OneOf({"keep", "drop"}) String unknown) implements Serializable {}

  /** {@code curate.message}: bounds of a descriptive, English subject. */
  public record Message(
      @Range(min = 1, max = 1000) int minSubjectChars,
      @Range(min = 1, max = 1000) int maxSubjectChars,
      @Range(min = 1, max = 100) int minSubjectWords,
      @Range(min = 0, max = 1) double maxNonLatinShare,
      @Range(min = 0, max = 100) int keywords) implements Serializable {
    public Message {
      ConfigException.requireOrdered("curate.message", "min_subject_chars", minSubjectChars, "max_subject_chars",
          maxSubjectChars);
    }
  }

  /** {@code curate.secrets}: what to do with credentials and e-mail addresses in what an example keeps. */
  public record Secrets(
      @OneOf({"redact", "drop"}) String credentials,
      @OneOf({"redact", "drop"}) String emails,
      @Range(min = 8, max = 10_000) int entropyMinLength,
      @Range(min = 0, max = 8) double entropyThreshold,
      List<String> emailAllowedDomains) implements Serializable {}

  /** {@code curate.dedup}: exact and near-duplicate removal. */
  public record Dedup(
      @Range(min = 0.01, max = 1) double threshold,
      @Range(min = 1, max = 100) int shingleSize,
      @Range(min = 1, max = 1000) int bands,
      @Range(min = 1, max = 100) int rowsPerBand,
      long seed) implements Serializable {}

  private static void requireRegex(String key, String regex) {
    if (regex == null) {
      throw new ConfigException(key, "is empty");
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(key, "is not a regular expression: " + e.getDescription() + " in '" + regex + "'");
    }
  }

  private static void requireGlobs(String key, List<String> globs) {
    if (globs == null) {
      return;
    }
    for (int i = 0; i < globs.size(); i++) {
      String g = globs.get(i);
      if (g == null || g.isBlank()) {
        throw new ConfigException(key + "[" + i + "]", "is empty");
      }
      if (g.chars().filter(c -> c == '{').count() != g.chars().filter(c -> c == '}').count()) {
        throw new ConfigException(key + "[" + i + "]", "path glob '" + g + "' has unbalanced braces");
      }
    }
  }
}
