package dev.lode.curate.rules;

import dev.lode.curate.CommitFacts;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import java.util.regex.Pattern;

/** Drops reverts: undoing a change teaches nothing about making one, and the instruction names a commit, not a task. */
public final class RevertRule implements Rule<CommitFacts> {
  public static final String NAME = "revert";

  private static final Pattern SUBJECT = Pattern.compile("^\\s*(revert|reverts|reverting|reverted)\\b.*",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY = Pattern.compile("This reverts commit [0-9a-f]{7,40}");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(CommitFacts c) {
    if (SUBJECT.matcher(c.subject()).matches()) {
      return Verdict.fail("subject starts with revert");
    }
    if (BODY.matcher(c.body()).find()) {
      return Verdict.fail("message says: this reverts commit …");
    }
    return Verdict.pass(null);
  }
}
