package dev.lode.gold.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticQuotaTest {
  private static final List<String> GENERATORS = List.of("bug_fixer", "patch_variants", "test_writer", "localization");
  private static final Map<String, Double> WEIGHTS = Map.of("bug_fixer", 0.5, "patch_variants", 0.2,
      "test_writer", 0.15, "localization", 0.15);

  private static int total(Map<String, Map<String, Integer>> taken) {
    return taken.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
  }

  @Test
  void aCommitWithEnoughCandidatesGetsItsQuotaSharedByWeight() {
    var c = new SyntheticQuota.CommitSupply("c1", 3, Map.of("bug_fixer", 40, "patch_variants", 5, "test_writer", 3,
        "localization", 2));
    Map<String, Map<String, Integer>> t = SyntheticQuota.allocate(List.of(c), 4, GENERATORS, WEIGHTS);
    assertEquals(12, total(t));
    assertEquals(6, t.get("c1").get("bug_fixer"));
    assertTrue(t.get("c1").get("localization") >= 1);
  }

  @Test
  void generatorsTopUpWhereAnotherFellShort() {
    // no tests and no tree: TestWriter and Localization give nothing; BugFixer and the variants fill in
    var c = new SyntheticQuota.CommitSupply("c1", 3, Map.of("bug_fixer", 9, "patch_variants", 5));
    Map<String, Map<String, Integer>> t = SyntheticQuota.allocate(List.of(c), 4, GENERATORS, WEIGHTS);
    assertEquals(12, total(t));
    assertEquals(9, t.get("c1").get("bug_fixer"));
    assertEquals(3, t.get("c1").get("patch_variants"));
  }

  @Test
  void aRepositoryShortfallIsFilledFromItsOtherCommits() {
    var poor = new SyntheticQuota.CommitSupply("a", 3, Map.of("patch_variants", 5));
    var rich = new SyntheticQuota.CommitSupply("b", 3, Map.of("bug_fixer", 30, "patch_variants", 5));
    Map<String, Map<String, Integer>> t = SyntheticQuota.allocate(List.of(poor, rich), 4, GENERATORS, WEIGHTS);
    assertEquals(24, total(t), "4 x 6 real rows");
    assertEquals(5, t.get("a").get("patch_variants"));
    assertEquals(19, t.get("b").values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void nothingIsTakenBeyondWhatExists() {
    var c = new SyntheticQuota.CommitSupply("c", 3, Map.of("bug_fixer", 2));
    assertEquals(2, total(SyntheticQuota.allocate(List.of(c), 4, GENERATORS, WEIGHTS)));
  }

  @Test
  void largestRemainderKeepsTheTotal() {
    int[] r = SyntheticQuota.largestRemainder(new double[] {1.5, 1.5, 1.0}, 4);
    assertEquals(4, r[0] + r[1] + r[2]);
  }
}
