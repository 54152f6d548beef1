package dev.lode.eval;

import dev.lode.gold.generate.Localization.Plan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The action similarity of a generated localization plan to the reference (the seeds' SRL reward):
 * {@code score = clip(0.7 · fieldMatch + 0.3 · stringSimilarity, −0.2, 1)}, and −0.2 for a plan that does not parse.
 *
 * <ul>
 *   <li>{@code fieldMatch}: the mean, over the plan's fields, of the F1 of the generated against the reference
 *       values: the paths to edit, the paths to create, and, when the reference names symbols, the (path, symbol)
 *       pairs. A field empty on both sides matches fully.
 *   <li>{@code stringSimilarity}: 1 − Levenshtein distance / length of the longer, between the two plans written as
 *       gold writes them with paths and symbols sorted, so that a near-miss path still earns part of the score.
 * </ul>
 */
public record LocalizationScore(boolean valid, double fieldMatch, double stringSimilarity, double score) {
  public static final double FIELD_WEIGHT = 0.7;
  public static final double STRING_WEIGHT = 0.3;
  public static final double INVALID = -0.2;
  public static final double MAX = 1.0;

  /**
   * The score of {@code generated} against {@code reference}, both in gold's plan format ({@link Plan#parse}).
   *
   * @throws IllegalArgumentException when the reference is not a plan
   */
  public static LocalizationScore of(String reference, String generated) {
    Plan want = Plan.parse(reference);
    Plan got;
    try {
      got = Plan.parse(generated);
    } catch (IllegalArgumentException e) {
      return new LocalizationScore(false, 0, 0, INVALID);
    }
    List<Double> fields = new ArrayList<>();
    fields.add(f1(editPaths(want), editPaths(got)));
    fields.add(f1(new HashSet<>(want.create()), new HashSet<>(got.create())));
    if (!symbols(want).isEmpty()) {
      fields.add(f1(symbols(want), symbols(got)));
    }
    double field = fields.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double string = similarity(canonical(want), canonical(got));
    double score = Math.max(INVALID, Math.min(MAX, FIELD_WEIGHT * field + STRING_WEIGHT * string));
    return new LocalizationScore(true, field, string, score);
  }

  /** F1 of {@code got} against {@code want}: 1 when both are empty. */
  static double f1(Set<String> want, Set<String> got) {
    if (want.isEmpty() && got.isEmpty()) {
      return 1;
    }
    long common = got.stream().filter(want::contains).count();
    return 2.0 * common / (want.size() + got.size());
  }

  /** 1 − Levenshtein distance / length of the longer text; 1 for two empty texts. */
  static double similarity(String a, String b) {
    int longer = Math.max(a.length(), b.length());
    if (longer == 0) {
      return 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return 1.0 - (double) prev[b.length()] / longer;
  }

  private static Set<String> editPaths(Plan p) {
    Set<String> out = new HashSet<>();
    p.edit().forEach(t -> out.add(t.path()));
    return out;
  }

  private static Set<String> symbols(Plan p) {
    Set<String> out = new HashSet<>();
    p.edit().forEach(t -> t.symbols().forEach(s -> out.add(t.path() + "\u0000" + s)));
    return out;
  }

  /** The plan as gold writes it, in an order that does not depend on how the model listed it. */
  private static String canonical(Plan p) {
    List<Plan.Target> edit = p.edit().stream()
        .map(t -> new Plan.Target(t.path(), t.symbols().stream().sorted().toList()))
        .sorted(Comparator.comparing(Plan.Target::path)).toList();
    return new Plan(edit, p.create().stream().sorted().toList()).json();
  }
}
