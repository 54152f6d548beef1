package dev.lode.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoldConfigTest {
  private static ConfigException refused(String... sets) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of(sets)));
  }

  @Test
  void defaultsFollowThePlan() {
    GoldConfig gold = ConfigLoader.defaults().gold();
    assertEquals(4.0, gold.synthetic().factor());
    assertEquals(0.8, gold.split().train());
    assertEquals(0.2, gold.mix().domainCap());
    assertEquals(0.15, gold.mix().replayShare());
    assertEquals(List.of("whole_file", "unified_diff", "search_replace"), gold.editFormats());
  }

  @Test
  void badGoldValuesAreRefusedByName() {
    assertEquals("gold.synthetic.factor", refused("gold.synthetic.factor=-1").key());
    assertEquals("gold.split.dev", refused("gold.split.train=0.9", "gold.split.dev=0.2").key());
    assertEquals("gold.split.train_end", refused("gold.split.train_end=2024-13-01", "gold.split.dev_end=2025-01-01")
        .key());
    assertEquals("gold.split.dev_end", refused("gold.split.train_end=2024-06-01").key());
    assertEquals("gold.split.dev_end", refused("gold.split.train_end=2024-06-01", "gold.split.dev_end=2024-05-01")
        .key());
    assertEquals("gold.synthetic.weights.bug_fixr", refused("gold.synthetic.weights.bug_fixr=0.5").key());
    assertEquals("gold.gates.synthetic_share_min", refused("gold.gates.synthetic_share_min=0.9",
        "gold.gates.synthetic_share_max=0.8").key());
  }

  @Test
  void explicitCutoffDatesReplaceQuantiles() {
    GoldConfig.Split split = ConfigLoader.load(null, List.of("gold.split.train_end=2024-06-01",
        "gold.split.dev_end=2024-09-01")).gold().split();
    assertTrue(split.explicitDates());
  }
}
