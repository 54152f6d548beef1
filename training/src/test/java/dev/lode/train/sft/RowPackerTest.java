package dev.lode.train.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.train.sft.RowPacker.Packing;
import dev.lode.train.sft.RowPacker.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowPackerTest {
  private static final int PAD = 0;

  /** Example {@code k} of {@code n} tokens: ids 100·k + 1 … 100·k + n, every token after the first learned. */
  private static TokenizedExample example(int k, int n) {
    int[] ids = IntStream.rangeClosed(1, n).map(i -> 100 * k + i).toArray();
    boolean[] learn = new boolean[n];
    Arrays.fill(learn, true);
    return new TokenizedExample("ex" + k, ids, learn);
  }

  /** A source over examples of the given lengths, counting passes opened and examples read. */
  private static final class Counted {
    int opens;
    long read;
    final EncodedSource source;

    Counted(int... lengths) {
      this(lengths.length, k -> lengths[k]);
    }

    Counted(int size, java.util.function.IntUnaryOperator length) {
      source = EncodedSource.of("counted", () -> {
        opens++;
        return IntStream.range(0, size).mapToObj(k -> {
          read++;
          return example(k, length.applyAsInt(k));
        }).iterator();
      });
    }
  }

  private static List<Row> rows(RowPacker p, int n) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(p.next());
    }
    return out;
  }

  @Test
  void isolatedRowsHoldWholeExamplesEachWithPositionsFromZeroAndItsOwnSegment() {
    // a buffer of one keeps the source's order; 4 + 5 tokens fill 3 + 4 of 8 positions, 3 more tokens do not fit
    RowPacker p = new RowPacker(new Counted(4, 5, 3).source, Packing.ISOLATED, 8, 1, 1, PAD);
    Row first = p.next();
    assertArrayEquals(new int[] {1, 2, 3, 101, 102, 103, 104, PAD}, first.inputs());
    assertArrayEquals(new int[] {2, 3, 4, 102, 103, 104, 105, PAD}, first.targets());
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 0}, first.weights(), "padding has weight 0");
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 3, 0}, first.positions(), "positions restart per example");
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 1, 2}, first.segments(), "padding is a segment of its own");
    Row second = p.next();
    assertArrayEquals(new int[] {201, 202, PAD, PAD, PAD, PAD, PAD, PAD}, second.inputs(), "never split");
    assertArrayEquals(new int[] {202, 203, PAD, PAD, PAD, PAD, PAD, PAD}, second.targets());
    assertArrayEquals(new int[] {0, 1, 0, 1, 2, 3, 4, 5}, second.positions());
    assertArrayEquals(new int[] {0, 0, 1, 1, 1, 1, 1, 1}, second.segments());
    assertEquals(2, second.learnedTokens());
  }

  @Test
  void onePassEndsWithItsLastRowPaddedAndReadsOnlyTheFirstExamplesWhenCut() {
    Counted c = new Counted(4, 5, 3, 6);
    RowPacker p = new RowPacker(c.source.first(3), Packing.ISOLATED, 8, 1, 1, PAD);
    int[] in = new int[3 * 8];
    int[] tg = new int[3 * 8];
    float[] w = new float[3 * 8];
    int[] pos = new int[3 * 8];
    int[] seg = new int[3 * 8];
    assertEquals(2, p.fillOfPass(3, in, tg, w, pos, seg), "4 + 5 tokens fill one row, 3 the second");
    assertEquals(3, c.read, "the fourth example is never read");
    assertEquals(0f, (float) IntStream.range(16, 24).mapToDouble(i -> w[i]).sum(), "the third row is padding");
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, Arrays.copyOfRange(pos, 16, 24));
    assertEquals(3, p.skips().keptCount());
    assertEquals(1, c.opens);
    int[] firstPass = in.clone();
    assertEquals(2, p.fillOfPass(3, in, tg, w, pos, seg), "the call after the pass's end opens the next pass");
    assertEquals(2, c.opens);
    assertArrayEquals(firstPass, in, "in the same order, with a buffer of one");
  }

  @Test
  void anIsolatedExampleOfSeqPlusOneTokensFillsARowAlone() {
    RowPacker p = new RowPacker(new Counted(3, 9, 9).source, Packing.ISOLATED, 8, 1, 1, PAD);
    assertEquals(2, p.next().learnedTokens());
    Row full = p.next();
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, full.positions());
    assertEquals(8, full.learnedTokens());
    assertEquals(8, p.next().learnedTokens());
  }

  @Test
  void causalRowsPackExamplesEndToEndEachRowStartingWithThePreviousRowsLastToken() {
    RowPacker p = new RowPacker(new Counted(3, 3, 3).source, Packing.CAUSAL, 4, 1, 1, PAD);
    Row first = p.next();
    assertArrayEquals(new int[] {1, 2, 3, 101}, first.inputs());
    assertArrayEquals(new int[] {2, 3, 101, 102}, first.targets());
    assertArrayEquals(new float[] {1, 1, 0, 1}, first.weights(), "an example's first token is not learned");
    assertNull(first.positions());
    assertNull(first.segments());
    Row second = p.next();
    assertArrayEquals(new int[] {102, 103, 201, 202}, second.inputs());
    assertArrayEquals(new int[] {103, 201, 202, 203}, second.targets());
    assertArrayEquals(new float[] {1, 0, 1, 1}, second.weights());
    Row nextEpoch = p.next();
    assertEquals(1, p.epoch(), "the data ran out: the next row opens epoch 1");
    assertEquals(3, nextEpoch.learnedTokens());
  }

  @Test
  void theStreamIsAFunctionOfSeedAndEpochSoAResumedRunSeesTheSameRows() {
    for (Packing packing : Packing.values()) {
      List<Row> uninterrupted = rows(new RowPacker(new Counted(50, k -> 2 + k % 7).source, packing, 16, 8, 3, PAD),
          60);
      RowPacker resumed = new RowPacker(new Counted(50, k -> 2 + k % 7).source, packing, 16, 8, 3, PAD);
      resumed.skip(35);
      assertEquals(35, resumed.position());
      List<Row> rest = rows(resumed, 25);
      for (int i = 0; i < 25; i++) {
        assertArrayEquals(uninterrupted.get(35 + i).inputs(), rest.get(i).inputs(), packing + " row " + (35 + i));
        assertArrayEquals(uninterrupted.get(35 + i).weights(), rest.get(i).weights(), packing + " row " + (35 + i));
      }
      List<Row> otherSeed = rows(new RowPacker(new Counted(50, k -> 2 + k % 7).source, packing, 16, 8, 4, PAD), 10);
      assertFalse(IntStream.range(0, 10).allMatch(i -> Arrays.equals(otherSeed.get(i).inputs(),
          uninterrupted.get(i).inputs())), "another seed, another order");
    }
  }

  @Test
  void eachEpochIsShuffledAfreshWithinTheBuffer() {
    RowPacker p = new RowPacker(new Counted(40, k -> 5).source, Packing.ISOLATED, 4, 40, 9, PAD);
    List<Integer> epoch0 = new ArrayList<>();
    List<Integer> epoch1 = new ArrayList<>();
    while (epoch1.size() < 40) {
      Row r = p.next();
      (p.epoch() == 0 ? epoch0 : epoch1).add(r.inputs()[0] / 100);
    }
    assertEquals(IntStream.range(0, 40).boxed().toList(), epoch0.stream().sorted().toList(), "every example once");
    assertEquals(IntStream.range(0, 40).boxed().toList(), epoch1.stream().sorted().toList());
    assertTrue(!epoch0.equals(epoch1) && !epoch0.equals(IntStream.range(0, 40).boxed().toList()),
        "shuffled, differently per epoch");
  }

  @Test
  void memoryIsBoundedByTheShuffleBufferNotTheDataset() {
    Counted big = new Counted(1_000_000, k -> 6);
    RowPacker p = new RowPacker(big.source, Packing.ISOLATED, 16, 64, 1, PAD);
    rows(p, 10); // three examples of six tokens a row
    assertEquals(1, big.opens);
    assertTrue(big.read <= 64 + 30, "read only the buffer and what the rows took: " + big.read);
    p.close();
  }

  @Test
  void everyEpochOpensANewPassOfTheSource() {
    Counted small = new Counted(5, 5, 5);
    RowPacker p = new RowPacker(small.source, Packing.ISOLATED, 8, 2, 1, PAD);
    rows(p, 8); // two rows an epoch
    assertEquals(3, p.epoch());
    assertEquals(4, small.opens);
    assertEquals(12, small.read);
  }

  @Test
  void aPassWithNothingToTrainOnIsRefusedNamingTheSource() {
    RowPacker p = new RowPacker(EncodedSource.of("nothing.jsonl", List.<TokenizedExample>of()::iterator),
        Packing.CAUSAL, 8, 4, 1, PAD);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::next);
    assertTrue(e.getMessage().contains("nothing.jsonl") && e.getMessage().contains("0 used, 0 skipped"),
        e.getMessage());
  }
}
