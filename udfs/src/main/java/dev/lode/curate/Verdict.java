package dev.lode.curate;

/**
 * A rule's decision on one commit: passed or not, a score in [0, 1] (null where the rule only decides), a short
 * detail saying why, for people reading {@code silver.commit_scores}, and, for the steps after the rule, what it found
 * as a typed value ({@code finding}: the rule's own enum, e.g. {@code TestEvidenceRule.Evidence.MODULE}; null where a
 * rule has nothing to tell them). Code reads the finding, never the detail.
 */
public record Verdict(boolean passed, Double score, String detail, Enum<?> finding) {
  public Verdict {
    if (score != null && (score < 0 || score > 1 || score.isNaN())) {
      throw new IllegalArgumentException("score must be in [0, 1], got " + score);
    }
  }

  public static Verdict pass(String detail) {
    return new Verdict(true, null, detail, null);
  }

  public static Verdict pass(double score, String detail) {
    return new Verdict(true, score, detail, null);
  }

  public static Verdict fail(String detail) {
    return new Verdict(false, null, detail, null);
  }

  public static Verdict fail(double score, String detail) {
    return new Verdict(false, score, detail, null);
  }

  /** This verdict carrying {@code typed} as its finding. */
  public Verdict with(Enum<?> typed) {
    return new Verdict(passed, score, detail, typed);
  }
}
