package dev.lode.curate.rules;

import dev.lode.curate.CommitFacts;
import dev.lode.curate.FileRoles;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps only the configured languages ({@code curate.languages}): the commit's main language, the one with the most
 * changed lines among its source files, must be one of them. A commit with no source file has no language and fails.
 */
public final class LanguageRule implements Rule<CommitFacts> {
  public static final String NAME = "language";

  private final FileRoles roles;
  private final Set<String> languages;

  public LanguageRule(FileRoles roles, List<String> languages) {
    this.roles = roles;
    this.languages = languages.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(CommitFacts c) {
    String main = roles.mainLanguage(c.files());
    if (main == null) {
      return Verdict.fail("no source file");
    }
    return languages.contains(main) ? Verdict.pass(main) : Verdict.fail(main + " is not in curate.languages");
  }
}
