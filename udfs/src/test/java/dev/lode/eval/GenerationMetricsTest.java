package dev.lode.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.gold.Example;
import dev.lode.gold.Rejections;
import dev.lode.gold.format.EditFormat;
import dev.lode.gold.generate.Localization;
import org.junit.jupiter.api.Test;

/** Exact match after normalising, and every metric of a completion on a gold case at once. */
class GenerationMetricsTest {
  @Test
  void exactMatchIgnoresLineEndingsAndTrailingWhitespaceOnly() {
    assertTrue(GenerationMetrics.exactMatch("a = 1\nb = 2\n", "a = 1  \r\nb = 2\r\n\r\n"));
    assertTrue(GenerationMetrics.exactMatch("a = 1\rb = 2", "a = 1\nb = 2\n"));
    assertFalse(GenerationMetrics.exactMatch("a = 1\nb = 2\n", "a = 1\n  b = 2\n"), "leading whitespace counts");
    assertFalse(GenerationMetrics.exactMatch("a = 1\nb = 2\n", "a = 1\n\nb = 2\n"), "an inner blank line counts");
  }

  @Test
  void aCodeEditGetsExactMatchAndItsEditScore() {
    GoldCase gold = EvalFixtures.gold(EvalFixtures.real(EvalFixtures.commit(), EditFormat.SEARCH_REPLACE, 100_000));
    GenerationScore s = GenerationMetrics.evaluate(gold, gold.reference() + "  \n\n");
    assertTrue(s.exactMatch());
    assertTrue(s.edit().equalsAfter(), s.edit().problem());
    assertNull(s.localization());
  }

  @Test
  void aLocalizationGetsExactMatchAndItsActionSimilarity() {
    Example e = Localization.generate(EvalFixtures.commit(), 100, 100_000, 7, new Rejections()).get(1);
    GoldCase gold = EvalFixtures.gold(e);
    GenerationScore s = GenerationMetrics.evaluate(gold, "not a plan");
    assertFalse(s.exactMatch());
    assertNull(s.edit());
    assertEquals(-0.2, s.localization().score(), 1e-12);
  }
}
