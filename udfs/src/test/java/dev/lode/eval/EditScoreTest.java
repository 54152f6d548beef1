package dev.lode.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.gold.format.EditFormat;
import org.junit.jupiter.api.Test;

/** Whether a generated unified diff or SEARCH/REPLACE answer parses, applies to the shown code and makes the after. */
class EditScoreTest {
  static final GoldCase DIFF = EvalFixtures.gold(EvalFixtures.real(EvalFixtures.commit(), EditFormat.UNIFIED_DIFF,
      100_000));
  static final GoldCase BLOCKS = EvalFixtures.gold(EvalFixtures.real(EvalFixtures.commit(),
      EditFormat.SEARCH_REPLACE, 100_000));

  static void assertScore(boolean parses, boolean applies, boolean equalsAfter, EditScore s) {
    assertEquals(parses, s.parses(), "parses: " + s.problem());
    assertEquals(applies, s.applies(), "applies: " + s.problem());
    assertEquals(equalsAfter, s.equalsAfter(), "equals after: " + s.problem());
    if (equalsAfter) {
      assertNull(s.problem());
    } else {
      assertNotNull(s.problem());
    }
  }

  @Test
  void theReferenceDiffParsesAppliesAndGivesTheCodeAfter() {
    assertScore(true, true, true, EditScore.of(EditFormat.UNIFIED_DIFF, DIFF.files(), DIFF.reference()));
  }

  @Test
  void aDiffWhoseContextIsNotInTheCodeParsesButDoesNotApply() {
    String wrong = DIFF.reference().replace(" step(1)  # line 29", " step(1)  # line 28");
    assertScore(true, false, false, EditScore.of(EditFormat.UNIFIED_DIFF, DIFF.files(), wrong));
  }

  @Test
  void aDiffOfAFileNotShownParsesButDoesNotApply() {
    String elsewhere = DIFF.reference().replace("a/src/ranges.py", "a/src/other.py")
        .replace("b/src/ranges.py", "b/src/other.py");
    assertScore(true, false, false, EditScore.of(EditFormat.UNIFIED_DIFF, DIFF.files(), elsewhere));
  }

  @Test
  void aDiffThatAppliesButMakesOtherCodeDoesNotEqualTheAfter() {
    String other = DIFF.reference().replace("+    x = clamp(value, low, high)", "+    x = clamp(low, value, high)");
    assertScore(true, true, false, EditScore.of(EditFormat.UNIFIED_DIFF, DIFF.files(), other));
  }

  @Test
  void proseOrABrokenHunkDoesNotParseAsADiff() {
    assertScore(false, false, false, EditScore.of(EditFormat.UNIFIED_DIFF, DIFF.files(),
        "I swapped the bounds back."));
    String miscounted = DIFF.reference().replaceFirst("@@ -(\\d+),(\\d+)", "@@ -$1,99");
    assertScore(false, false, false, EditScore.of(EditFormat.UNIFIED_DIFF, DIFF.files(), miscounted));
  }

  @Test
  void theReferenceBlocksParseApplyAndGiveTheCodeAfter() {
    assertScore(true, true, true, EditScore.of(EditFormat.SEARCH_REPLACE, BLOCKS.files(), BLOCKS.reference()));
  }

  @Test
  void blocksWhoseSearchIsNotInTheCodeParseButDoNotApply() {
    String wrong = BLOCKS.reference().replace("x = clamp(value, high, low)", "x = clamp(value, hi, lo)");
    assertScore(true, false, false, EditScore.of(EditFormat.SEARCH_REPLACE, BLOCKS.files(), wrong));
  }

  @Test
  void blocksThatApplyButReplaceWithOtherCodeDoNotEqualTheAfter() {
    String other = BLOCKS.reference().replace("x = clamp(value, low, high)", "x = clamp(value, low, low)");
    assertScore(true, true, false, EditScore.of(EditFormat.SEARCH_REPLACE, BLOCKS.files(), other));
  }

  @Test
  void anUnclosedBlockOrNoBlockDoesNotParse() {
    String unclosed = BLOCKS.reference().replace(">>>>>>> REPLACE\n", "");
    assertScore(false, false, false, EditScore.of(EditFormat.SEARCH_REPLACE, BLOCKS.files(), unclosed));
    assertScore(false, false, false, EditScore.of(EditFormat.SEARCH_REPLACE, BLOCKS.files(), "Done."));
  }

  @Test
  void aCorrectAnswerInTheOtherFormatIsScoredInTheCasesFormat() {
    EditScore s = EditScore.of(EditFormat.SEARCH_REPLACE, BLOCKS.files(), DIFF.reference());
    assertFalse(s.parses());
    assertTrue(EditScore.of(EditFormat.UNIFIED_DIFF, BLOCKS.files(), DIFF.reference()).equalsAfter());
  }
}
