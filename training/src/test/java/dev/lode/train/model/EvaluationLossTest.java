package dev.lode.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LlamaModel#loss}: the training loss, computed after an inference forward pass with no backward. */
class EvaluationLossTest {
  private final LlamaConfig cfg = ModelFixtures.config("qwen2", false, 4, 2);
  private final int batch = 2;
  private final int seq = 9;
  private final int[] ids = new SplittableRandom(51).ints(batch * seq, 0, cfg.vocabSize()).toArray();
  private final int[] targets = new SplittableRandom(52).ints(batch * seq, 0, cfg.vocabSize()).toArray();

  private float[] completionWeights() {
    float[] w = new float[batch * seq];
    for (int i = 0; i < w.length; i++) {
      w[i] = i % seq < 4 ? 0f : 1f; // the first four tokens of each row are the prompt
    }
    return w;
  }

  @Test
  void lossAfterAnInferenceForwardEqualsTheTrainingLoss() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 53);
    model.setBaseTrainable(true);
    for (float[] w : List.of(completionWeights(), filled(1f))) {
      model.forward(ids, batch, seq, false, 0);
      double eval = model.loss(targets, w);
      model.forward(ids, batch, seq, true, 0);
      double train = model.lossAndBackward(targets, w, 1f);
      System.out.printf("evaluation loss %.9f, training loss %.9f%n", eval, train);
      assertEquals(train, eval, 1e-9 * Math.abs(train));
    }
  }

  @Test
  void lossMatchesTheLogProbabilitiesOfTheCompletionTokens() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 54);
    float[] w = completionWeights();
    FloatMatrix logits = model.logits(ids, batch, seq);
    double[] lp = CrossEntropy.logProbs(logits, batch * seq, targets);
    double nll = 0;
    double tokens = 0;
    for (int i = 0; i < lp.length; i++) {
      nll -= w[i] * lp[i];
      tokens += w[i];
    }
    model.forward(ids, batch, seq, false, 0);
    double loss = model.loss(targets, w);
    System.out.printf("completion loss %.6f over %.0f tokens, perplexity %.3f%n", loss, tokens,
        Math.exp(loss / tokens));
    assertEquals(nll, loss, 1e-5 * nll);
    assertEquals(Math.exp(nll / tokens), Math.exp(loss / tokens), 1e-5 * Math.exp(nll / tokens));
  }

  @Test
  void lossTouchesNoGradientAndLeavesTheForwardForABackwardPass() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 55);
    model.setBaseTrainable(true);
    float[] w = completionWeights();
    model.forward(ids, batch, seq, true, 0);
    double plain = model.lossAndBackward(targets, w, 1f);
    float[] plainGrad = model.parameters().get(WeightNames.EMBED).grad().toArray();
    model.setBaseTrainable(false);
    model.setBaseTrainable(true); // fresh zero gradients
    model.forward(ids, batch, seq, true, 0);
    double eval = model.loss(targets, w);
    for (Param p : model.parameters().values()) {
      assertArrayEquals(new float[p.grad().size()], p.grad().toArray(), p.name());
    }
    double train = model.lossAndBackward(targets, w, 1f);
    assertEquals(plain, train);
    assertEquals(plain, eval, 1e-9 * plain);
    assertArrayEquals(plainGrad, model.parameters().get(WeightNames.EMBED).grad().toArray());
  }

  @Test
  void lossOfPackedRowsIsTheSumOfEachExamplesLoss() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 56);
    var ex = PackingIsolationTest.examples(cfg.vocabSize(), 57, 6, 8);
    var p = PackingIsolationTest.pack(List.of(ex), 16);
    double alone = 0;
    for (var e : ex) {
      model.forward(e.ids(), 1, e.length(), false, 0);
      alone += model.loss(e.targets(), e.weights());
    }
    model.forward(p.ids(), p.positions(), p.segments(), 1, 16, false, 0);
    double packed = model.loss(p.targets(), p.weights());
    assertEquals(alone, packed, 1e-6 * alone);
  }

  @Test
  void lossWithoutAForwardPassIsRefused() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 58);
    assertThrows(IllegalStateException.class, () -> model.loss(targets, filled(1f)));
    model.decode(new KvCache(cfg, 8), new int[] {1, 2, 3});
    assertThrows(IllegalStateException.class, () -> model.loss(targets, filled(1f)));
  }

  private float[] filled(float v) {
    float[] w = new float[batch * seq];
    java.util.Arrays.fill(w, v);
    return w;
  }
}
