package dev.lode.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShinglesAndMinHashTest {
  private static final String MAKE = """
      def _make_init(cls, attrs, pre_init, post_init, frozen, slots, cache_hash):
          attrs = [a for a in attrs if a.init or a.default is not NOTHING]
          unique_filename = _generate_unique_filename(cls, "init")
          script, globs, annotations = _attrs_to_init_script(
              attrs, frozen, slots, pre_init, post_init, cache_hash
          )
          locs = {}
          bytecode = compile(script, unique_filename, "exec")
          eval(bytecode, globs, locs)
          return locs["__init__"]
      """;

  @Test
  void tokensAreWordsAndPunctuationWithoutWhitespace() {
    assertEquals(List.of("def", "f", "(", "x_1", ")", ":", "return", "x_1", "+", "1"),
        Shingles.tokens("def f(x_1):\n    return x_1 + 1"));
  }

  @Test
  void reindentingChangesNoShingle() {
    String reindented = MAKE.replace("    ", "\t").replace("\n", "\n  ");
    assertArrayEquals(Shingles.of(MAKE, 5), Shingles.of(reindented, 5));
  }

  @Test
  void aTextShorterThanTheShingleIsOneShingleAndAnEmptyTextNone() {
    assertEquals(1, Shingles.of("return x", 5).length);
    assertEquals(0, Shingles.of("  \n ", 5).length);
    assertThrows(IllegalArgumentException.class, () -> Shingles.of("x", 0));
  }

  @Test
  void jaccardOfIdenticalSetsIsOneAndOfDisjointSetsZero() {
    long[] a = Shingles.of(MAKE, 5);
    assertEquals(1.0, Shingles.jaccard(a, a));
    assertEquals(0.0, Shingles.jaccard(a, Shingles.of("completely different words here and there", 5)));
  }

  @Test
  void signatureAgreementEstimatesJaccard() {
    MinHash mh = new MinHash(32, 8, 42);
    Random random = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      long[] a = randomSet(random, 400);
      long[] b = a.clone();
      int replaced = random.nextInt(400);
      for (int i = 0; i < replaced; i++) {
        b[random.nextInt(b.length)] = random.nextLong();
      }
      b = Shingles.distinctSorted(b);
      double exact = Shingles.jaccard(a, b);
      double estimate = MinHash.similarity(mh.signature(a), mh.signature(b));
      // 256 permutations: standard error at most 0.031; allow four of them.
      assertEquals(exact, estimate, 0.125, "trial " + trial);
    }
  }

  @Test
  void similarSetsShareABandKeyAndDissimilarOnesRarelyDo() {
    MinHash mh = new MinHash(20, 5, 1);
    assertTrue(mh.candidateProbability(0.8) > 0.99);
    assertTrue(mh.candidateProbability(0.2) < 0.01);
    long[] a = Shingles.of(MAKE, 5);
    long[] b = Shingles.of(MAKE.replace("unique_filename", "filename"), 5);
    assertTrue(shareAKey(mh.bandKeys(mh.signature(a)), mh.bandKeys(mh.signature(b))));
  }

  @Test
  void signaturesAreStableAcrossInstancesWithTheSameSeed() {
    long[] a = Shingles.of(MAKE, 5);
    assertArrayEquals(new MinHash(20, 5, 42).signature(a), new MinHash(20, 5, 42).signature(a));
    assertNotEquals(new MinHash(20, 5, 42).signature(a)[0], new MinHash(20, 5, 43).signature(a)[0]);
  }

  private static boolean shareAKey(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        return true;
      }
    }
    return false;
  }

  private static long[] randomSet(Random random, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = random.nextLong();
    }
    return Shingles.distinctSorted(out);
  }
}
