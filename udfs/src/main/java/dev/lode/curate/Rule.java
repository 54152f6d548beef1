package dev.lode.curate;

/**
 * One curation rule: a single decision on one commit, with its thresholds given when it is built. A rule only
 * decides; the pipeline that runs it records its outcome and counts the funnel.
 *
 * @param <T> what the rule looks at: {@link CommitFacts} (metadata and file list), {@link MessageFeatures}
 *            (the message after NLP) or {@link KeptText} (the text an example would keep)
 */
public interface Rule<T> {
  /** The rule's name, as in {@code silver.commit_scores.reject_reason} and {@code silver.funnel.rule}. */
  String name();

  /** Passes or rejects one commit, with a score in [0, 1] where the rule has a meaningful one. */
  Verdict judge(T input);
}
