package dev.lode.train.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.TrainConfig;
import dev.lode.train.lora.LoraAdapter;
import dev.lode.train.lora.LoraModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Examples packed into one row, with per-example positions and a block-diagonal mask, must train exactly as the
 * same examples one by one: the same summed loss and the same gradient of every trained weight. The last test
 * shows the comparison has teeth: with the whole-row causal mask (and positions running on across examples) it
 * fails.
 */
class PackingIsolationTest {
  /** Relative tolerance on loss and gradients: float32 rounding of differently shaped products. */
  private static final double TOLERANCE = 1e-5;

  /** One training example: inputs, next-token targets and loss weights (0 on its prompt tokens). */
  record Example(int[] ids, int[] targets, float[] weights) {
    int length() {
      return ids.length;
    }
  }

  /** Rows of packed examples with their positions and segments; the tail of a row is padding with weight 0. */
  record Packed(int[] ids, int[] targets, float[] weights, int[] positions, int[] segments, int batch, int seq) {}

  enum Mode {
    /** A LoRA adapter on every projection of a Qwen2-style model (q/k/v biases, GQA, untied head). */
    LORA,
    /** Every base weight of a Llama model with a tied embedding (the embedding gets head and gather gradients). */
    FULL
  }

  /** A model set up for one mode, and the weights whose gradients it trains. */
  private record Setup(LlamaModel model, List<Param> trained) {}

  private static Setup setup(Mode mode) {
    if (mode == Mode.FULL) {
      LlamaModel model = ModelFixtures.randomModel(ModelFixtures.config("llama", true, 4, 2), 31);
      model.setBaseTrainable(true);
      return new Setup(model, List.copyOf(model.parameters().values()));
    }
    LlamaModel model = ModelFixtures.randomModel(ModelFixtures.config("qwen2", false, 4, 2), 32);
    LoraModel peft = new LoraModel(model);
    LoraAdapter adapter = adapterWithRandomB(model, "a", 33);
    peft.add(adapter);
    peft.setActive("a");
    adapter.setTrainable(true);
    return new Setup(model, adapter.parameters());
  }

  /** A rank-4 adapter on all seven projections, no dropout, B not zero so that A has a gradient too. */
  static LoraAdapter adapterWithRandomB(LlamaModel model, String name, long seed) {
    TrainConfig.Lora lora = new TrainConfig.Lora(4, 8, 0.0, List.of("q", "k", "v", "o", "gate", "up", "down"),
        false);
    return ModelFixtures.adapterWithRandomB(model, name, lora, seed);
  }

  static List<Example> examples(int vocab, long seed, int... lengths) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Example> out = new ArrayList<>();
    for (int len : lengths) {
      int[] tokens = rng.ints(len + 1, 1, vocab).toArray();
      int[] ids = java.util.Arrays.copyOf(tokens, len);
      int[] targets = java.util.Arrays.copyOfRange(tokens, 1, len + 1);
      float[] w = new float[len];
      for (int i = 0; i < len; i++) {
        w[i] = i < 2 ? 0f : 1f; // the first two tokens are "prompt"
      }
      out.add(new Example(ids, targets, w));
    }
    return out;
  }

  /** Packs each list of examples into one row of {@code seq} tokens, padding the rest with weight 0. */
  static Packed pack(List<List<Example>> rows, int seq) {
    int n = rows.size() * seq;
    int[] ids = new int[n];
    int[] targets = new int[n];
    float[] weights = new float[n];
    int[] positions = new int[n];
    int[] segments = new int[n];
    for (int b = 0; b < rows.size(); b++) {
      int at = b * seq;
      int segment = 0;
      for (Example e : rows.get(b)) {
        for (int i = 0; i < e.length(); i++) {
          ids[at] = e.ids()[i];
          targets[at] = e.targets()[i];
          weights[at] = e.weights()[i];
          positions[at] = i;
          segments[at] = segment;
          at++;
        }
        segment++;
      }
      for (int i = 0; at < (b + 1) * seq; i++, at++) { // padding: its own segment, weight 0
        positions[at] = i;
        segments[at] = segment;
      }
      assertTrue(at == (b + 1) * seq, "row " + b + " overflows " + seq + " tokens");
    }
    return new Packed(ids, targets, weights, positions, segments, rows.size(), seq);
  }

  private static void zeroGradients(List<Param> params) {
    params.forEach(p -> p.grad().fill(0f));
  }

  private static Map<String, float[]> gradients(List<Param> params) {
    Map<String, float[]> out = new LinkedHashMap<>();
    params.forEach(p -> out.put(p.name(), p.grad().toArray()));
    return out;
  }

  /** Loss sum and gradients of the examples run one by one (each a batch of one row of its own length). */
  private static double alone(Setup s, List<Example> examples) {
    double loss = 0;
    for (Example e : examples) {
      s.model().forward(e.ids(), 1, e.length(), true, 5);
      loss += s.model().lossAndBackward(e.targets(), e.weights(), 1f);
    }
    return loss;
  }

  /** How far the packed run is from the examples run alone: relative loss error and worst gradient error. */
  private record Comparison(double lossError, double gradientError, String worstParam) {
    boolean equal() {
      return lossError < TOLERANCE && gradientError < TOLERANCE;
    }
  }

  private static Comparison compare(Mode mode, List<List<Example>> rows, int seq, boolean withLayout) {
    Setup s = setup(mode);
    List<Example> all = rows.stream().flatMap(List::stream).toList();
    zeroGradients(s.trained());
    double expectedLoss = alone(s, all);
    Map<String, float[]> expected = gradients(s.trained());
    zeroGradients(s.trained());
    Packed p = pack(rows, seq);
    s.model().forward(p.ids(), withLayout ? p.positions() : null, withLayout ? p.segments() : null, p.batch(),
        p.seq(), true, 5);
    double loss = s.model().lossAndBackward(p.targets(), p.weights(), 1f);
    Map<String, float[]> actual = gradients(s.trained());
    double worst = 0;
    String worstParam = "";
    for (var e : expected.entrySet()) {
      float[] want = e.getValue();
      float[] got = actual.get(e.getKey());
      double scale = 0;
      double diff = 0;
      for (int i = 0; i < want.length; i++) {
        scale = Math.max(scale, Math.abs(want[i]));
        diff = Math.max(diff, Math.abs(want[i] - got[i]));
      }
      assertTrue(scale > 0, e.getKey() + " has no gradient: the comparison would prove nothing");
      double rel = diff / scale;
      if (rel > worst) {
        worst = rel;
        worstParam = e.getKey();
      }
    }
    return new Comparison(Math.abs(loss - expectedLoss) / Math.abs(expectedLoss), worst, worstParam);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void examplesPackedInOneRowTrainAsTheyWouldAlone(Mode mode) {
    List<Example> ex = examples(97, 41, 5, 9, 3);
    Comparison c = compare(mode, List.of(ex), 20, true);
    System.out.printf("packing %s, one row [5, 9, 3 | 3 pad]: loss rel error %.3g, worst gradient rel error %.3g"
        + " (%s)%n", mode, c.lossError(), c.gradientError(), c.worstParam());
    assertTrue(c.equal(), c.toString());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void packedRowsOfABatchTrainAsTheirExamplesWouldAlone(Mode mode) {
    List<Example> ex = examples(97, 42, 7, 4, 11, 2, 3);
    Comparison c = compare(mode, List.of(ex.subList(0, 2), ex.subList(2, 5)), 16, true);
    System.out.printf("packing %s, two rows [7, 4 | 5 pad] [11, 2, 3]: loss rel error %.3g, worst gradient rel "
        + "error %.3g (%s)%n", mode, c.lossError(), c.gradientError(), c.worstParam());
    assertTrue(c.equal(), c.toString());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theWholeRowCausalMaskFailsTheSameComparison(Mode mode) {
    List<Example> ex = examples(97, 41, 5, 9, 3);
    Comparison c = compare(mode, List.of(ex), 20, false);
    System.out.printf("no packing layout %s: loss rel error %.3g, worst gradient rel error %.3g%n", mode,
        c.lossError(), c.gradientError());
    assertTrue(c.lossError() > 1e-3 && c.gradientError() > 1e-2, c.toString());
  }

  @Test
  void segmentsAloneKeepExamplesApartInTheLogits() {
    LlamaModel model = ModelFixtures.randomModel(ModelFixtures.config("mistral", false, 4, 1), 43);
    List<Example> ex = examples(97, 44, 6, 5);
    Packed p = pack(List.of(ex), 12);
    float[] packed = model.logits(p.ids(), p.positions(), p.segments(), 1, 12).toArray();
    int v = model.config().vocabSize();
    int at = 0;
    double worst = 0;
    for (Example e : ex) {
      float[] alone = model.logits(e.ids(), 1, e.length()).toArray();
      for (int i = 0; i < alone.length; i++) {
        worst = Math.max(worst, Math.abs(alone[i] - packed[at * v + i]));
      }
      at += e.length();
    }
    System.out.printf("packed vs alone logits (multi-query): max |Δ| %.3g%n", worst);
    assertTrue(worst < 1e-5, "max |Δlogit| " + worst);
  }

  @Test
  void aSegmentThatComesBackAfterAnotherIsRefused() {
    LlamaModel model = ModelFixtures.randomModel(ModelFixtures.config("llama", false, 4, 2), 45);
    int[] ids = {1, 2, 3, 4, 5, 6};
    int[] segments = {0, 0, 1, 1, 0, 0};
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> model.logits(ids, null, segments, 1, 6));
    assertTrue(e.getMessage().contains("segment 0 of row 0 comes back at token 4"), e.getMessage());
  }
}
