package dev.lode.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DuplicateClustersTest {
  static final int[] SIG_A = {1, 2, 3, 4};
  static final int[] SIG_A2 = {1, 2, 3, 9};

  static DuplicateClusters.Member fresh(String repo, String sha, long t, String fp, int[] sig) {
    return new DuplicateClusters.Member(repo, sha, t, fp, sig, null, false);
  }

  static Map<String, DuplicateClusters.Decision> byKey(DuplicateClusters.Result r) {
    return r.decisions().stream().collect(Collectors.toMap(d -> d.member().key(), Function.identity()));
  }

  @Test
  void theEarliestOfAnExactClusterIsKeptWhateverTheRepository() {
    var r = DuplicateClusters.cluster(List.of(
        fresh("fork", "bbb", 2000, "F", SIG_A), fresh("upstream", "aaa", 1000, "F", SIG_A),
        fresh("other", "ccc", 500, "G", new int[] {7, 7, 7, 7})), List.of());
    var d = byKey(r);
    assertTrue(d.get("upstream/aaa").kept());
    assertEquals("dedup_exact", d.get("fork/bbb").reason());
    assertEquals(1.0, d.get("fork/bbb").similarity());
    assertTrue(d.get("other/ccc").kept());
    assertEquals(DuplicateClusters.ownId("other", "ccc"), d.get("other/ccc").clusterId());
    assertEquals(1, r.clusters().size());
    assertEquals("exact", r.clusters().get(0).kind());
  }

  @Test
  void sameTimeTiesResolveByRepositoryThenSha() {
    var r = DuplicateClusters.cluster(List.of(fresh("copy-b", "abc", 1000, "F", SIG_A),
        fresh("copy-a", "abc", 1000, "F", SIG_A)), List.of());
    assertTrue(byKey(r).get("copy-a/abc").kept());
  }

  @Test
  void nearPairsLinkTransitivelyAndRecordSimilarityToTheKeptCommit() {
    var r = DuplicateClusters.cluster(List.of(fresh("a", "1", 1, "F1", SIG_A), fresh("b", "2", 2, "F2", SIG_A2),
        fresh("c", "3", 3, "F3", SIG_A2)), List.of(new String[] {"b/2", "a/1"}, new String[] {"c/3", "b/2"}));
    var d = byKey(r);
    assertTrue(d.get("a/1").kept());
    assertEquals("dedup_near", d.get("c/3").reason());
    assertEquals(0.75, d.get("c/3").similarity());
    assertEquals("near", r.clusters().get(0).kind());
  }

  @Test
  void aNewEarlierCommitDisplacesAnEarlierRunsKeptOneAndTheClusterKeepsItsId() {
    String id = DuplicateClusters.ownId("vendored", "v1");
    var oldKept = new DuplicateClusters.Member("vendored", "v1", 5000, "F", SIG_A, id, true);
    var oldDropped = new DuplicateClusters.Member("vendored2", "v2", 6000, "F", SIG_A, id, false);
    var original = fresh("upstream", "u1", 1000, "F", SIG_A);
    var r = DuplicateClusters.cluster(List.of(oldKept, oldDropped, original), List.of());
    var d = byKey(r);
    assertTrue(d.get("upstream/u1").kept());
    assertEquals(id, d.get("upstream/u1").clusterId());
    assertFalse(d.get("vendored/v1").kept());
    assertTrue(d.get("vendored/v1").changesExisting());
    assertFalse(d.get("vendored2/v2").changesExisting());
  }

  @Test
  void aLaterCopyJoinsAnEarlierRunsClusterWithoutChangingIt() {
    String id = DuplicateClusters.ownId("upstream", "u1");
    var kept = new DuplicateClusters.Member("upstream", "u1", 1000, "F", SIG_A, id, true);
    var r = DuplicateClusters.cluster(List.of(kept, fresh("fork", "f1", 9000, "F", SIG_A)), List.of());
    var d = byKey(r);
    assertFalse(d.get("upstream/u1").changesExisting());
    assertEquals(id, d.get("fork/f1").clusterId());
    assertEquals("dedup_exact", d.get("fork/f1").reason());
  }

  @Test
  void aPairNamingAnUnknownMemberIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> DuplicateClusters.cluster(
        List.of(fresh("a", "1", 1, "F", SIG_A)), List.<String[]>of(new String[] {"a/1", "zz/9"})));
  }
}
