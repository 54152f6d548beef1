package dev.lode.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.gold.Example;
import dev.lode.gold.Rejections;
import dev.lode.gold.generate.Localization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The action similarity of a localization plan: 0.7 · field match + 0.3 · string similarity, in [−0.2, 1]. */
class LocalizationScoreTest {
  static final String REFERENCE = "{\"edit\": [{\"path\": \"src/ranges.py\", \"symbols\": [\"clamp\", \"window\"]}, "
      + "{\"path\": \"src/util.py\", \"symbols\": []}], \"create\": [\"tests/test_ranges.py\"]}";

  @Test
  void goldsOwnCompletionsScoreOneAgainstThemselves() {
    List<Example> made = Localization.generate(EvalFixtures.commit(), 100, 100_000, 7, new Rejections());
    assertEquals(2, made.size(), "files only, and with symbols");
    for (Example e : made) {
      LocalizationScore s = LocalizationScore.of(e.completion(), e.completion());
      assertTrue(s.valid());
      assertEquals(1.0, s.score(), 1e-12, e.key());
    }
  }

  @Test
  void thePerfectPlanListedInAnotherOrderAndLayoutScoresOne() {
    String reordered = "{\n  \"create\": [\"tests/test_ranges.py\"],\n  \"edit\": [{\"path\": \"src/util.py\", "
        + "\"symbols\": []}, {\"symbols\": [\"window\", \"clamp\"], \"path\": \"src/ranges.py\"}]\n}\n";
    LocalizationScore s = LocalizationScore.of(REFERENCE, reordered);
    assertEquals(1.0, s.fieldMatch(), 1e-12);
    assertEquals(1.0, s.stringSimilarity(), 1e-12);
    assertEquals(1.0, s.score(), 1e-12);
  }

  @Test
  void aPartlyRightPlanScoresItsFieldsF1AndItsStringSimilarity() {
    String partial = "{\"edit\": [{\"path\": \"src/ranges.py\", \"symbols\": [\"clamp\"]}], \"create\": []}";
    LocalizationScore s = LocalizationScore.of(REFERENCE, partial);
    // edit paths: 1 of 2 found, F1 2/3; create: none of 1, F1 0; symbols: 1 of 2, F1 2/3
    assertEquals((2.0 / 3 + 0 + 2.0 / 3) / 3, s.fieldMatch(), 1e-12);
    assertTrue(s.stringSimilarity() > 0 && s.stringSimilarity() < 1, "string " + s.stringSimilarity());
    assertEquals(0.7 * s.fieldMatch() + 0.3 * s.stringSimilarity(), s.score(), 1e-12);
  }

  @Test
  void aNearMissPathEarnsOnlyStringSimilarity() {
    String ref = "{\"edit\": [{\"path\": \"src/attr/_make.py\", \"symbols\": []}], \"create\": []}";
    String near = "{\"edit\": [{\"path\": \"src/attr/make.py\", \"symbols\": []}], \"create\": []}";
    LocalizationScore s = LocalizationScore.of(ref, near);
    assertEquals(0.5, s.fieldMatch(), 1e-12, "edit paths miss, create (empty on both sides) matches");
    assertEquals(1.0 - 1.0 / ref.length(), s.stringSimilarity(), 1e-12);
  }

  @Test
  void garbageIsAnInvalidActionClippedToMinusPointTwo() {
    for (String garbage : List.of("I would edit src/ranges.py.", "{\"edit\": \"src/ranges.py\"}",
        "{\"edit\": [], \"create\": [], \"reason\": \"x\"}", "{\"edit\": [], \"create\": []} and more", "")) {
      LocalizationScore s = LocalizationScore.of(REFERENCE, garbage);
      assertFalse(s.valid(), garbage);
      assertEquals(-0.2, s.score(), 1e-12, garbage);
    }
  }

  @Test
  void aValidButEntirelyWrongPlanScoresAtLeastZero() {
    LocalizationScore s = LocalizationScore.of(REFERENCE, "{\"edit\": [], \"create\": []}");
    assertTrue(s.valid());
    assertEquals(0.0, s.fieldMatch(), 1e-12);
    assertTrue(s.score() >= 0 && s.score() < 0.3, "score " + s.score());
  }
}
