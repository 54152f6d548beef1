package dev.lode.curate.message;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The imperative verbs of commit subjects and their inflected forms, from {@code dev/lode/curate/verbs.txt}
 * ({@code lemma -> forms}). {@code Add} is a lemma (imperative); {@code Added}, {@code Adds}, {@code Adding} are its
 * forms (not imperative). The same map is the dictionary of the pipeline's Spark-NLP Lemmatizer.
 */
public final class VerbLexicon implements Serializable {
  private static final long serialVersionUID = 1L;
  private static volatile VerbLexicon standard;

  private final Map<String, String> lemmaOf; // every lemma and form → its lemma

  private VerbLexicon(Map<String, String> lemmaOf) {
    this.lemmaOf = Collections.unmodifiableMap(lemmaOf);
  }

  /** The lexicon shipped with Lode. */
  public static VerbLexicon standard() {
    if (standard == null) {
      synchronized (VerbLexicon.class) {
        if (standard == null) {
          standard = parse(Lexicons.lines("verbs.txt"));
        }
      }
    }
    return standard;
  }

  static VerbLexicon parse(Iterable<String> lines) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : lines) {
      int arrow = line.indexOf("->");
      if (arrow < 0) {
        throw new IllegalArgumentException("verb lexicon line without '->': " + line);
      }
      map.put(line.substring(0, arrow).strip(), line.substring(0, arrow).strip());
    }
    for (String line : lines) {
      int arrow = line.indexOf("->");
      String lemma = line.substring(0, arrow).strip();
      for (String form : line.substring(arrow + 2).strip().split("\\s+")) {
        if (!form.isEmpty()) {
          map.putIfAbsent(form, lemma); // a word that is itself a lemma stays one ("set", "bound")
        }
      }
    }
    return new VerbLexicon(map);
  }

  /** True when {@code word} (lower case) is the base form of a listed verb. */
  public boolean isLemma(String word) {
    return word != null && word.equals(lemmaOf.get(word));
  }

  /** The lemma of a lemma or listed form; null for a word the lexicon does not know. */
  public String lemmaOf(String word) {
    return word == null ? null : lemmaOf.get(word);
  }

  /** Every known word mapped to its lemma: the Lemmatizer's dictionary. */
  public Map<String, String> dictionary() {
    return lemmaOf;
  }
}
