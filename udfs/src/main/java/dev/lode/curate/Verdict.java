package dev.lode.curate;

/**
 * A rule's decision on one commit: passed or not, a score in [0, 1] (null where the rule only decides) and a short
 * detail saying why, for people reading {@code silver.commit_scores}.
 */
public record Verdict(boolean passed, Double score, String detail) {
  public Verdict {
    if (score != null && (score < 0 || score > 1 || score.isNaN())) {
      throw new IllegalArgumentException("score must be in [0, 1], got " + score);
    }
  }

  public static Verdict pass(String detail) {
    return new Verdict(true, null, detail);
  }

  public static Verdict pass(double score, String detail) {
    return new Verdict(true, score, detail);
  }

  public static Verdict fail(String detail) {
    return new Verdict(false, null, detail);
  }

  public static Verdict fail(double score, String detail) {
    return new Verdict(false, score, detail);
  }
}
