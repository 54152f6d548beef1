package dev.lode.curate.rules;

import java.util.regex.Pattern;

/**
 * Drops version bumps: of the project ({@code Bump version to 2.1.0}, {@code 22.2.0}, {@code Set version 3.0}) and
 * of dependencies ({@code Bump black from 23.1 to 23.3}, {@code Update mypy to 1.5}, {@code Pin ruff==0.1.6}).
 */
public final class VersionBumpRule extends SubjectPatternRule {
  public static final String NAME = "version_bump";

  private static final String VERSION = "v?\\d+(\\.\\d+)+([-.+]?\\w+)*";
  private static final Pattern[] SUBJECTS = {
      Pattern.compile("^\\s*bump(ed|s|ing)?\\b.*", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^\\s*" + VERSION + "\\s*$", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^\\s*(set|update|upgrade|increase|increment|change)\\s+(the\\s+)?(package\\s+|project\\s+)?"
          + "version\\b.*", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^\\s*version\\s*:?\\s*" + VERSION + "\\b.*", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^\\s*(update|upgrade|pin|unpin)\\s+[\\w.\\-\\[\\]/]+\\s*(to|==|>=|~=)\\s*" + VERSION
          + "\\s*$", Pattern.CASE_INSENSITIVE),
      Pattern.compile("^\\s*(update|upgrade)\\s+[\\w.\\-/]+\\s+from\\s+\\S+\\s+to\\s+\\S+.*",
          Pattern.CASE_INSENSITIVE),
  };

  public VersionBumpRule() {
    super("version bump", SUBJECTS);
  }

  @Override
  public String name() {
    return NAME;
  }
}
