package dev.lode.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.ModelFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CompletionLoss}: examples are packed into rows for speed, yet each is scored as if it stood alone, so the
 * figure equals scoring one example per row.
 */
class CompletionLossTest {
  private final LlamaConfig cfg = ModelFixtures.config("llama", false, 4, 2);

  /** Examples of 3 … 14 tokens whose second half is learned. */
  private List<TokenizedExample> examples(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<TokenizedExample> out = new ArrayList<>();
    for (int e = 0; e < count; e++) {
      int n = rnd.nextInt(3, 15);
      int[] ids = rnd.ints(n, 1, cfg.vocabSize()).toArray();
      boolean[] learn = new boolean[n];
      for (int i = n / 2; i < n; i++) {
        learn[i] = true;
      }
      out.add(new TokenizedExample("ex" + e, ids, learn));
    }
    return out;
  }

  private static EncodedSource source(List<TokenizedExample> examples) {
    return EncodedSource.of("fixture", examples::iterator);
  }

  /** The reference: each example alone in a row of its own length, positions from 0, summed over tokens. */
  private static double alone(LlamaModel model, List<TokenizedExample> examples) {
    double nll = 0;
    long tokens = 0;
    for (TokenizedExample ex : examples) {
      int len = ex.ids().length - 1;
      int[] in = new int[len];
      int[] tg = new int[len];
      float[] w = new float[len];
      for (int i = 0; i < len; i++) {
        in[i] = ex.ids()[i];
        tg[i] = ex.ids()[i + 1];
        w[i] = ex.learn()[i + 1] ? 1f : 0f;
      }
      model.forward(in, 1, len, false, 0);
      nll += model.loss(tg, w);
      tokens += ex.learnedTokens();
    }
    return nll / tokens;
  }

  @Test
  void packedScoringEqualsScoringEachExampleAlone() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 71);
    List<TokenizedExample> ex = examples(23, 72);
    double reference = alone(model, ex);
    // rows of 16 hold one to four examples; batches of 1 and 3 rows, the last batch partly empty
    for (int batch : new int[] {1, 3}) {
      CompletionLoss.Result r = CompletionLoss.evaluate(model, source(ex), 0, batch, 16, 0);
      System.out.printf("batch %d: packed %.9f, alone %.9f%n", batch, r.loss(), reference);
      assertEquals(reference, r.loss(), 1e-6 * reference);
      assertEquals(23, r.rows());
      assertEquals(ex.stream().mapToLong(TokenizedExample::learnedTokens).sum(), r.tokens());
    }
  }

  @Test
  void maxRowsScoresTheFirstExamplesInTheSourcesOrder() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 73);
    List<TokenizedExample> ex = examples(12, 74);
    CompletionLoss.Result first = CompletionLoss.evaluate(model, source(ex), 5, 2, 16, 0);
    assertEquals(5, first.rows());
    assertEquals(alone(model, ex.subList(0, 5)), first.loss(), 1e-6 * first.loss());
  }

  @Test
  void anExampleThatFillsARowExactlyIsScoredWhole() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 75);
    List<TokenizedExample> ex = new ArrayList<>(examples(3, 76));
    int[] ids = new SplittableRandom(77).ints(17, 1, cfg.vocabSize()).toArray(); // 16 positions: a whole row
    boolean[] learn = new boolean[17];
    java.util.Arrays.fill(learn, true);
    ex.add(1, new TokenizedExample("full", ids, learn));
    CompletionLoss.Result r = CompletionLoss.evaluate(model, source(ex), 0, 1, 16, 0);
    assertEquals(alone(model, ex), r.loss(), 1e-6 * r.loss());
    assertEquals(4, r.rows());
  }
}
