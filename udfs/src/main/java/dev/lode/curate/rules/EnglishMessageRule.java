package dev.lode.curate.rules;

import dev.lode.curate.MessageFeatures;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import dev.lode.curate.message.EnglishDetector;

/**
 * Keeps English messages (subject and body), so that instructions are in one language: by script (at most
 * {@code curate.message.max_non_latin_share} of letters outside Latin) and by function words (see
 * {@link EnglishDetector}). The score is the English share of the function words found.
 */
public final class EnglishMessageRule implements Rule<MessageFeatures> {
  public static final String NAME = "english_message";

  private final EnglishDetector detector;
  private final double maxNonLatin;

  public EnglishMessageRule(EnglishDetector detector, double maxNonLatin) {
    this.detector = detector;
    this.maxNonLatin = maxNonLatin;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(MessageFeatures m) {
    EnglishDetector.Result r = detector.judge(m.messageWords(), maxNonLatin);
    return r.english() ? Verdict.pass(r.score(), r.detail()) : Verdict.fail(r.score(), r.detail());
  }
}
