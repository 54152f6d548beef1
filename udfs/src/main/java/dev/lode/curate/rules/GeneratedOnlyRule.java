package dev.lode.curate.rules;

import dev.lode.code.ChangedFile;
import dev.lode.curate.CommitFacts;
import dev.lode.curate.FileRoles;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;

/**
 * Drops commits that change only generated, vendored, lock or minified files (by {@code curate.generated_paths}):
 * their diffs are produced by tools, not written.
 */
public final class GeneratedOnlyRule implements Rule<CommitFacts> {
  public static final String NAME = "generated_only";

  private final FileRoles roles;

  public GeneratedOnlyRule(FileRoles roles) {
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
    int generated = 0;
    for (ChangedFile f : c.files()) {
      if (roles.roleOf(f) == FileRoles.Role.GENERATED) {
        generated++;
      }
    }
    if (generated == c.files().size()) {
      return Verdict.fail("only generated, vendored, lock or minified files (" + generated + ")");
    }
    return Verdict.pass(1.0 - (double) generated / c.files().size(), generated == 0 ? null : generated + " generated");
  }
}
