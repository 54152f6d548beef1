package dev.lode.curate;

import java.util.List;

/**
 * A commit message after the NLP pipeline: the cleaned subject, its tokens, their normalized (lower-case, letters
 * and digits) forms and lemmas, the normalized words of the whole cleaned message, and its keywords.
 *
 * @param subject          the subject without conventional prefixes, tags and issue references
 * @param subjectTokens    the subject's tokens as written
 * @param subjectWords     normalized subject tokens (tokens with no letter or digit are gone)
 * @param subjectLemmas    the lemma of each of {@code subjectWords}
 * @param messageWords     normalized tokens of the cleaned subject and body
 * @param keywords         keywords of the cleaned message, best first
 */
public record MessageFeatures(String subject, List<String> subjectTokens, List<String> subjectWords,
    List<String> subjectLemmas, List<String> messageWords, List<String> keywords) {

  public MessageFeatures {
    subject = subject == null ? "" : subject;
    subjectTokens = subjectTokens == null ? List.of() : List.copyOf(subjectTokens);
    subjectWords = subjectWords == null ? List.of() : List.copyOf(subjectWords);
    subjectLemmas = subjectLemmas == null ? List.of() : List.copyOf(subjectLemmas);
    messageWords = messageWords == null ? List.of() : List.copyOf(messageWords);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
  }
}
