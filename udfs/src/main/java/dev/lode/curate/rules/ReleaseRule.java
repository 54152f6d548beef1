package dev.lode.curate.rules;

import java.util.regex.Pattern;

/**
 * Drops release bookkeeping: {@code Release 23.1.0}, {@code Prepare 2.0}, {@code Start 24.1 development cycle},
 * {@code Prepare for release}, {@code Postrelease}. They change version strings and release notes, not code.
 */
public final class ReleaseRule extends SubjectPatternRule {
  public static final String NAME = "release";

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

  public ReleaseRule() {
    super("release bookkeeping", SUBJECTS);
  }

  @Override
  public String name() {
    return NAME;
  }
}
