package dev.lode.curate.rules;

import dev.lode.curate.CommitFacts;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import java.util.regex.Pattern;

/**
 * Drops release bookkeeping: {@code Release 23.1.0}, {@code Prepare 2.0}, {@code Start 24.1 development cycle},
 * {@code Prepare for release}, {@code Postrelease}. They change version strings and release notes, not code.
 */
public final class ReleaseRule implements Rule<CommitFacts> {
  private static final Pattern[] SUBJECTS = {
      Pattern.compile("^\\s*(release|releasing|released|prepare|preparing|prep|cut|tag|tagging)\\b.*\\d+(\\.\\d+)+.*",
          Pattern.CASE_INSENSITIVE),
      Pattern.compile("^\\s*(prepare|preparing|prep)\\s+(for\\s+)?(the\\s+)?(next\\s+)?release\\b.*",
          Pattern.CASE_INSENSITIVE),
      Pattern.compile("^\\s*(pre|post|back to)[- ]?(release|development|dev)\\b.*", Pattern.CASE_INSENSITIVE),
      Pattern.compile(".*\\b(start|open|begin|kick off)\\b.*\\b(development|dev)\\s+cycle\\b.*",
          Pattern.CASE_INSENSITIVE),
      Pattern.compile("^\\s*release\\s*(notes)?\\s*$", Pattern.CASE_INSENSITIVE),
  };

  @Override
  public String name() {
    return "release";
  }

  @Override
  public Verdict judge(CommitFacts c) {
    for (Pattern p : SUBJECTS) {
      if (p.matcher(c.subject()).matches()) {
        return Verdict.fail("release bookkeeping");
      }
    }
    return Verdict.pass(null);
  }
}
