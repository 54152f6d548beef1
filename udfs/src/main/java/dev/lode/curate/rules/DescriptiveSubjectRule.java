package dev.lode.curate.rules;

import dev.lode.config.CurateConfig;
import dev.lode.curate.MessageFeatures;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import dev.lode.curate.message.Boilerplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps subjects that say what changed: between {@code curate.message} length bounds, with enough words, not a stop
 * subject ("fix", "wip", "minor changes", "update readme") and not a generic verb with at most one word after it
 * ("Update README.md", "Fix typo", "Improve docs"). The score grows with the number of content words.
 */
public final class DescriptiveSubjectRule implements Rule<MessageFeatures> {
  public static final String NAME = "descriptive_subject";

  private static final Set<String> FILLER = Set.of("the", "a", "an", "to", "of", "in", "on", "for", "and", "some",
      "more", "all", "this", "that", "with", "from", "by", "it", "its", "up", "out", "again", "few", "minor", "small");

  private final CurateConfig.Message limits;
  private final Boilerplate boilerplate;

  public DescriptiveSubjectRule(CurateConfig.Message limits, Boilerplate boilerplate) {
    this.limits = limits;
    this.boilerplate = boilerplate;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(MessageFeatures m) {
    int chars = m.subject().codePointCount(0, m.subject().length());
    if (chars < limits.minSubjectChars()) {
      return Verdict.fail(chars + " characters, fewer than " + limits.minSubjectChars());
    }
    if (chars > limits.maxSubjectChars()) {
      return Verdict.fail(chars + " characters, more than " + limits.maxSubjectChars());
    }
    List<String> words = new ArrayList<>();
    for (String w : m.subjectWords()) {
      if (w.codePoints().anyMatch(Character::isLetter)) {
        words.add(w);
      }
    }
    if (words.size() < limits.minSubjectWords()) {
      return Verdict.fail(words.size() + " words, fewer than " + limits.minSubjectWords());
    }
    if (boilerplate.isStopSubject(words)) {
      return Verdict.fail("boilerplate subject '" + String.join(" ", words) + "'");
    }
    int verb = words.get(0).equals("dont") || words.get(0).equals("never") ? 1 : 0;
    List<String> content = new ArrayList<>();
    for (int i = verb + 1; i < words.size(); i++) {
      if (!FILLER.contains(words.get(i))) {
        content.add(words.get(i));
      }
    }
    if (verb < words.size() && boilerplate.isGenericVerb(words.get(verb)) && content.size() <= 1) {
      return Verdict.fail("boilerplate: '" + words.get(verb) + "' with " + (content.isEmpty() ? "nothing"
          : "only '" + content.get(0) + "'") + " after it");
    }
    double score = Math.min(1.0, 0.4 + 0.15 * content.size());
    return Verdict.pass(score, content.size() + " content words");
  }
}
