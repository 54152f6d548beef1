package dev.lode.curate.rules;

import dev.lode.curate.CommitFacts;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;

/** Drops merge commits: their change is the sum of other commits, which are curated on their own. */
public final class MergeCommitRule implements Rule<CommitFacts> {
  public static final String NAME = "merge";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(CommitFacts c) {
    return c.parentCount() > 1 ? Verdict.fail(c.parentCount() + " parents") : Verdict.pass(null);
  }
}
