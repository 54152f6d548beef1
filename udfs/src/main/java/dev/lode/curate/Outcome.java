package dev.lode.curate;

/**
 * One rule's recorded outcome on one commit: the row type of {@code silver.commit_scores.rules} (rule, passed, score,
 * detail), and the rule's typed {@code finding} (see {@link Verdict}), which the table does not store: it serves the
 * steps of the same run, and is null in outcomes read back from a table.
 */
public record Outcome(String rule, boolean passed, Double score, String detail, Enum<?> finding) {
  /** Detail prefix of an outcome whose rule threw: the commit fails that rule, and the run is partial. */
  public static final String ERROR_PREFIX = "error: ";

  /** An outcome without a finding, as stored in a table. */
  public Outcome(String rule, boolean passed, Double score, String detail) {
    this(rule, passed, score, detail, null);
  }

  public static Outcome of(String rule, Verdict v) {
    return new Outcome(rule, v.passed(), v.score(), v.detail(), v.finding());
  }

  /** True when the rule could not judge the commit (it threw). */
  public boolean isError() {
    return !passed && detail != null && detail.startsWith(ERROR_PREFIX);
  }

  /** The finding when it is a {@code type}, else null. */
  public <E extends Enum<E>> E finding(Class<E> type) {
    return type.isInstance(finding) ? type.cast(finding) : null;
  }
}
