package dev.lode.curate.message;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a message is English, from its words, with no model: the share of its letters in non-Latin scripts, and
 * the function words it uses ({@code dev/lode/curate/function_words.txt}). A message is another language's when at
 * least two of its words are that language's function words and they outnumber its English ones.
 */
public final class EnglishDetector implements Serializable {
  private static final long serialVersionUID = 1L;
  private static volatile EnglishDetector standard;

  private final Map<String, Set<String>> functionWords;

  private EnglishDetector(Map<String, Set<String>> functionWords) {
    this.functionWords = functionWords;
  }

  public static EnglishDetector standard() {
    if (standard == null) {
      synchronized (EnglishDetector.class) {
        if (standard == null) {
          Map<String, Set<String>> words = new HashMap<>();
          for (String line : Lexicons.lines("function_words.txt")) {
            int colon = line.indexOf(':');
            if (colon != 2) {
              throw new IllegalStateException("function_words.txt: expected '<language>: words', got " + line);
            }
            Set<String> set = words.computeIfAbsent(line.substring(0, 2), l -> new HashSet<>());
            for (String w : line.substring(colon + 1).strip().split("\\s+")) {
              set.add(w);
            }
          }
          standard = new EnglishDetector(words);
        }
      }
    }
    return standard;
  }

  /** The judgment on one message. */
  public record Result(boolean english, double score, String detail) {}

  /**
   * @param words          the message's words, lower case (the pipeline's normalized tokens)
   * @param maxNonLatin    most share of letters outside the Latin script
   */
  public Result judge(List<String> words, double maxNonLatin) {
    int letters = 0;
    int nonLatin = 0;
    for (String w : words) {
      for (int i = 0; i < w.length(); ) {
        int cp = w.codePointAt(i);
        i += Character.charCount(cp);
        if (Character.isLetter(cp)) {
          letters++;
          if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
            nonLatin++;
          }
        }
      }
    }
    double nonLatinShare = letters == 0 ? 0 : (double) nonLatin / letters;
    if (nonLatinShare > maxNonLatin) {
      return new Result(false, 1 - nonLatinShare,
          String.format("%.0f%% of letters are not Latin", 100 * nonLatinShare));
    }
    Set<String> english = functionWords.getOrDefault("en", Set.of());
    int en = 0;
    for (String w : words) {
      if (english.contains(w)) {
        en++;
      }
    }
    String bestOther = null;
    int other = 0;
    for (Map.Entry<String, Set<String>> lang : functionWords.entrySet()) {
      if (lang.getKey().equals("en")) {
        continue;
      }
      int n = 0;
      for (String w : words) {
        if (lang.getValue().contains(w)) {
          n++;
        }
      }
      if (n > other || (n == other && n > 0 && lang.getKey().compareTo(bestOther) < 0)) {
        other = n;
        bestOther = lang.getKey();
      }
    }
    double score = en + other == 0 ? 1.0 : (double) en / (en + other);
    if (other >= 2 && other > en) {
      return new Result(false, score, other + " " + bestOther + " function words, " + en + " English");
    }
    return new Result(true, score, en + " English function words" + (other > 0 ? ", " + other + " " + bestOther : ""));
  }
}
