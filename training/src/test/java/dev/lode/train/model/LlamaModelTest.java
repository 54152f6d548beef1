package dev.lode.train.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LlamaModelTest {
  @ParameterizedTest(name = "{0} tied={1} heads={2}/{3}")
  @CsvSource({
      "llama,   false, 4, 4",   // multi-head attention, untied head
      "llama,   true,  4, 2",   // GQA, tied embedding (SmolLM)
      "mistral, false, 4, 1",   // multi-query
      "qwen2,   true,  4, 2",   // q/k/v biases
  })
  void forwardMatchesThePlainJavaReference(String type, boolean tied, int heads, int kvHeads) {
    LlamaConfig cfg = ModelFixtures.config(type, tied, heads, kvHeads);
    LlamaModel model = ModelFixtures.randomModel(cfg, 7);
    int batch = 2;
    int seq = 9;
    int[] ids = new SplittableRandom(3).ints(batch * seq, 0, cfg.vocabSize()).toArray();
    FloatMatrix logits = model.logits(ids, batch, seq);
    ReferenceDecoder ref = new ReferenceDecoder(cfg, model.parameters());
    double maxDiff = 0;
    for (int b = 0; b < batch; b++) {
      int[] row = java.util.Arrays.copyOfRange(ids, b * seq, (b + 1) * seq);
      double[][] expected = ref.logits(row);
      for (int t = 0; t < seq; t++) {
        for (int v = 0; v < cfg.vocabSize(); v++) {
          maxDiff = Math.max(maxDiff, Math.abs(expected[t][v] - logits.get(b * seq + t, v)));
        }
      }
    }
    System.out.printf("parity %s tied=%s heads=%d/%d: max |Δlogit| = %.3g%n", type, tied, heads, kvHeads, maxDiff);
    assertTrue(maxDiff < 1e-4, "max |Δlogit| " + maxDiff + " ≥ 1e-4");
  }
}
