package dev.lode.curate.rules;

import dev.lode.code.ChangedFile;
import dev.lode.curate.CommitFacts;
import dev.lode.curate.FileRoles;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;

/** Drops commits that change only changelogs and release notes (by {@code curate.changelog_paths}). */
public final class ChangelogOnlyRule implements Rule<CommitFacts> {
  public static final String NAME = "changelog_only";

  private final FileRoles roles;

  public ChangelogOnlyRule(FileRoles roles) {
    this.roles = roles;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(CommitFacts c) {
    if (c.files().isEmpty()) {
      return Verdict.pass("no files");
    }
    for (ChangedFile f : c.files()) {
      if (roles.roleOf(f) != FileRoles.Role.CHANGELOG) {
        return Verdict.pass(null);
      }
    }
    return Verdict.fail("only changelog files (" + c.files().size() + ")");
  }
}
