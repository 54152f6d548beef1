package dev.lode.curate.rules;

import dev.lode.curate.CommitFacts;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import java.util.regex.Pattern;

/** A rule that drops commits whose subject matches any of its patterns, all with one reason. */
abstract class SubjectPatternRule implements Rule<CommitFacts> {
  private final String reason;
  private final Pattern[] subjects;

  SubjectPatternRule(String reason, Pattern... subjects) {
    this.reason = reason;
    this.subjects = subjects;
  }

  @Override
  public final Verdict judge(CommitFacts c) {
    for (Pattern p : subjects) {
      if (p.matcher(c.subject()).matches()) {
        return Verdict.fail(reason);
      }
    }
    return Verdict.pass(null);
  }
}
