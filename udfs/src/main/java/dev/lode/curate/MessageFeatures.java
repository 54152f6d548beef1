package dev.lode.curate;

import dev.lode.curate.message.Subjects;
import dev.lode.curate.message.VerbLexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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

  /** What normalization removes from a token, here and in the curation job's Spark-NLP normalizer. */
  public static final String NOT_A_WORD = "[^\\pL\\pN]";
  private static final Pattern NOT_A_WORD_PATTERN = Pattern.compile(NOT_A_WORD);

  public MessageFeatures {
    subject = subject == null ? "" : subject;
    subjectTokens = subjectTokens == null ? List.of() : List.copyOf(subjectTokens);
    subjectWords = subjectWords == null ? List.of() : List.copyOf(subjectWords);
    subjectLemmas = subjectLemmas == null ? List.of() : List.copyOf(subjectLemmas);
    messageWords = messageWords == null ? List.of() : List.copyOf(messageWords);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
  }

  /**
   * The features of one commit subject without the NLP pipeline, for the subject rules on a single value (the
   * {@code lode_is_imperative} SQL function): cleaned as curation cleans subjects ({@link Subjects#clean}), cut into
   * tokens at whitespace, each normalized as the pipeline's normalizer does (lower case, letters and digits only;
   * empty ones dropped) and lemmatized with {@code lexicon}, a word it does not know being its own lemma. The
   * pipeline's tokenizer also cuts some tokens at punctuation ({@code Don't} into {@code Do} and {@code n't}), so the
   * words of such a subject can differ from the job's. No keywords; the message's words are the subject's.
   */
  public static MessageFeatures ofSubject(String subject, VerbLexicon lexicon) {
    String clean = Subjects.clean(subject);
    List<String> tokens = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> lemmas = new ArrayList<>();
    for (String token : clean.split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      tokens.add(token);
      String word = NOT_A_WORD_PATTERN.matcher(token.toLowerCase(Locale.ROOT)).replaceAll("");
      if (!word.isEmpty()) {
        words.add(word);
        String lemma = lexicon.lemmaOf(word);
        lemmas.add(lemma == null ? word : lemma);
      }
    }
    return new MessageFeatures(clean, tokens, words, lemmas, words, List.of());
  }
}
