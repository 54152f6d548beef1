package dev.lode.eval;

/**
 * The generation metrics an evaluation of a coding adapter needs, on gold cases ({@link GoldCase}): exact match
 * after normalising line endings and trailing whitespace, the edit score of a code edit ({@link EditScore}: parses,
 * applies, equals the code after) and the action similarity of a localization plan ({@link LocalizationScore}).
 */
public final class GenerationMetrics {
  private GenerationMetrics() {}

  /** Every metric of {@code generated} that applies to the case. */
  public static GenerationScore evaluate(GoldCase gold, String generated) {
    boolean exact = exactMatch(gold.reference(), generated);
    if (gold.format() == null) {
      return new GenerationScore(exact, null, LocalizationScore.of(gold.reference(), generated));
    }
    return new GenerationScore(exact, EditScore.of(gold.format(), gold.files(), generated), null);
  }

  /** Whether the two texts are equal once {@link #normalised}. */
  public static boolean exactMatch(String reference, String generated) {
    return normalised(reference).equals(normalised(generated));
  }

  /**
   * {@code text} with {@code \r\n} and {@code \r} as {@code \n}, each line's trailing whitespace removed and the
   * trailing blank lines dropped.
   */
  public static String normalised(String text) {
    String lf = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder sb = new StringBuilder();
    for (String line : lf.split("\n", -1)) {
      sb.append(line.stripTrailing()).append('\n');
    }
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == '\n') {
      end--;
    }
    return sb.substring(0, end);
  }
}
