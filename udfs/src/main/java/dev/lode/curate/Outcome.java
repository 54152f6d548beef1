package dev.lode.curate;

/** One rule's recorded outcome on one commit: the row type of {@code silver.commit_scores.rules}. */
public record Outcome(String rule, boolean passed, Double score, String detail) {
  /** Detail prefix of an outcome whose rule threw: the commit fails that rule, and the run is partial. */
  public static final String ERROR_PREFIX = "error: ";

  public static Outcome of(String rule, Verdict v) {
    return new Outcome(rule, v.passed(), v.score(), v.detail());
  }

  /** True when the rule could not judge the commit (it threw). */
  public boolean isError() {
    return !passed && detail != null && detail.startsWith(ERROR_PREFIX);
  }
}
