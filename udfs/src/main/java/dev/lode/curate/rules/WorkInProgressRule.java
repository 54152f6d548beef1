package dev.lode.curate.rules;

import dev.lode.curate.CommitFacts;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import java.util.regex.Pattern;

/**
 * Drops work in progress: {@code WIP}, {@code fixup!}, {@code squash!} and {@code amend!} commits, and temporary
 * commits ({@code tmp}, {@code temp}, {@code xxx}, {@code do not merge}). They were meant to disappear in a rebase.
 */
public final class WorkInProgressRule implements Rule<CommitFacts> {
  public static final String NAME = "work_in_progress";

  private static final Pattern AUTOSQUASH = Pattern.compile("^\\s*(fixup|squash|amend)!", Pattern.CASE_INSENSITIVE);
  private static final Pattern WIP = Pattern.compile(
      "(^\\s*\\[?\\s*(wip|tmp|temp|xxx|todo|draft)\\b\\s*\\]?)|(\\bwip\\b)|(\\bdo not merge\\b)|(\\bdon'?t merge\\b)",
      Pattern.CASE_INSENSITIVE);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(CommitFacts c) {
    if (AUTOSQUASH.matcher(c.subject()).find()) {
      return Verdict.fail("autosquash commit (" + c.subject().strip().split("!")[0].toLowerCase() + "!)");
    }
    if (WIP.matcher(c.subject()).find()) {
      return Verdict.fail("work in progress");
    }
    return Verdict.pass(null);
  }
}
