package dev.lode.train.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.TrainConfig;
import dev.lode.train.base.ModelPresets;
import dev.lode.train.lora.LoraModel;
import dev.lode.train.model.FloatMatrix;
import dev.lode.train.model.KvCache;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.ModelFixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cached decoding against full forward passes over the whole sequence, with and without a LoRA adapter. */
class GreedyDecoderTest {
  private static final List<String> ALL = List.of("q", "k", "v", "o", "gate", "up", "down");

  private static LlamaModel model(String type, boolean tied, int heads, int kvHeads, boolean lora, long seed) {
    LlamaConfig cfg = ModelFixtures.config(type, tied, heads, kvHeads);
    LlamaModel model = ModelFixtures.randomModel(cfg, seed);
    if (lora) {
      LoraModel peft = new LoraModel(model);
      peft.add(ModelFixtures.adapterWithRandomB(model, "a", new TrainConfig.Lora(4, 8, 0.1, ALL, false), seed));
      peft.setActive("a");
    }
    return model;
  }

  /** The last row of a full forward pass over {@code ids}. */
  private static float[] lastLogits(LlamaModel model, int[] ids) {
    FloatMatrix logits = model.logits(ids, 1, ids.length);
    float[] row = new float[model.config().vocabSize()];
    logits.getRow(ids.length - 1, row);
    return row;
  }

  @ParameterizedTest(name = "{0} tied={1} heads={2}/{3} lora={4}")
  @CsvSource({
      "qwen2,   false, 4, 2, false",
      "qwen2,   false, 4, 2, true",
      "llama,   true,  4, 4, true",
      "mistral, false, 4, 1, false",
  })
  void cachedStepsGiveTheLogitsOfAFullForwardOverTheWholeSequence(String type, boolean tied, int heads,
      int kvHeads, boolean lora) {
    LlamaModel model = model(type, tied, heads, kvHeads, lora, 61);
    int vocab = model.config().vocabSize();
    SplittableRandom rng = new SplittableRandom(62);
    KvCache cache = new KvCache(model.config(), 40);
    List<Integer> seen = new ArrayList<>();
    double worst = 0;
    // the prompt, then single tokens, with a few multi-token chunks in between (teacher-forced ids)
    for (int chunk : new int[] {6, 1, 1, 3, 1, 2, 1, 1, 1, 5, 1}) {
      int[] ids = rng.ints(chunk, 0, vocab).toArray();
      float[] cached = model.decode(cache, ids);
      Arrays.stream(ids).forEach(seen::add);
      float[] full = lastLogits(model, seen.stream().mapToInt(Integer::intValue).toArray());
      for (int v = 0; v < vocab; v++) {
        worst = Math.max(worst, Math.abs(cached[v] - full[v]));
      }
      assertEquals(seen.size(), cache.length());
    }
    System.out.printf("cached vs full logits %s tied=%s heads=%d/%d lora=%s: max |Δ| %.3g%n", type, tied, heads,
        kvHeads, lora, worst);
    assertTrue(worst < 1e-4, "max |Δlogit| " + worst);
  }

  @ParameterizedTest(name = "lora={0}")
  @CsvSource({"false", "true"})
  void greedyOutputIsTheArgmaxOfRepeatedFullForwards(boolean lora) {
    LlamaModel model = model("qwen2", false, 4, 2, lora, 63);
    int[] prompt = new SplittableRandom(64).ints(7, 0, model.config().vocabSize()).toArray();
    List<Integer> streamed = new ArrayList<>();
    GreedyDecoder.Result r = new GreedyDecoder(model).generate(prompt, 20, Set.of(), streamed::add);
    int[] expected = repeatedFullForwards(model, prompt, r.generated().length);
    assertArrayEquals(expected, r.generated());
    assertEquals(20, r.generated().length);
    assertEquals(GreedyDecoder.Stop.MAX_TOKENS, r.stop());
    assertEquals(Arrays.stream(r.generated()).boxed().toList(), streamed);
    assertArrayEquals(prompt, Arrays.copyOf(r.sequence(), prompt.length));
    System.out.printf("greedy lora=%s: %s, %.0f tokens/s (decode steps %.0f tokens/s)%n", lora,
        Arrays.toString(r.generated()), r.tokensPerSecond(), r.decodeTokensPerSecond());
  }

  @Test
  void generationStopsAtAStopIdAndAtTheEndOfTheContext() {
    LlamaModel model = model("llama", true, 4, 2, true, 65);
    int[] prompt = new SplittableRandom(66).ints(5, 0, model.config().vocabSize()).toArray();
    int[] free = repeatedFullForwards(model, prompt, 12);
    int stopAt = 4;
    int stopId = free[stopAt];
    int first = 0;
    while (free[first] != stopId) {
      first++;
    }
    GreedyDecoder.Result stopped = new GreedyDecoder(model).generate(prompt, 12, Set.of(stopId, -5));
    assertEquals(GreedyDecoder.Stop.STOP_TOKEN, stopped.stop());
    assertArrayEquals(Arrays.copyOf(free, first + 1), stopped.generated());

    int context = model.config().maxPositions();
    int[] longPrompt = new SplittableRandom(67).ints(context - 4, 0, model.config().vocabSize()).toArray();
    GreedyDecoder.Result full = new GreedyDecoder(model).generate(longPrompt, 10, Set.of());
    assertEquals(GreedyDecoder.Stop.CONTEXT_FULL, full.stop());
    assertEquals(5, full.generated().length); // the 5th token is predicted from the last position
    assertArrayEquals(repeatedFullForwards(model, longPrompt, 5), full.generated());

    assertEquals(0, new GreedyDecoder(model).generate(prompt, 0, Set.of()).generated().length);
    assertThrows(IllegalArgumentException.class, () -> new GreedyDecoder(model).generate(new int[0], 3, Set.of()));
    assertThrows(IllegalArgumentException.class, () -> new GreedyDecoder(model).generate(new int[] {-1}, 3, Set.of()));
  }

  @Test
  void aFullCacheRefusesMoreTokens() {
    LlamaModel model = model("qwen2", false, 4, 2, false, 68);
    KvCache cache = new KvCache(model.config(), 4);
    model.decode(cache, new int[] {1, 2, 3});
    model.decode(cache, new int[] {4});
    assertThrows(IllegalArgumentException.class, () -> model.decode(cache, new int[] {5}));
    cache.clear();
    assertEquals(0, cache.length());
    assertArrayEquals(lastLogits(model, new int[] {9, 8}), model.decode(cache, new int[] {9, 8}), 1e-4f);
  }

  /** Decode speed on the {@code tiny} preset (7.4M parameters), cached against recomputing the whole sequence. */
  @Test
  void decodeThroughputOnTheTinyPreset() {
    LlamaModel model = ModelFixtures.randomModel(ModelPresets.tiny(), 69);
    int[] prompt = new SplittableRandom(70).ints(32, 0, model.config().vocabSize()).toArray();
    GreedyDecoder decoder = new GreedyDecoder(model);
    decoder.generate(prompt, 16, Set.of()); // warm-up
    GreedyDecoder.Result r = decoder.generate(prompt, 64, Set.of());
    long t0 = System.nanoTime();
    int[] reference = repeatedFullForwards(model, prompt, 16);
    double uncached = 16 * 1e9 / (System.nanoTime() - t0);
    System.out.printf("tiny preset, 32-token prompt: %d tokens, %.0f tokens/s overall, %.0f tokens/s per cached "
        + "step, prefill %.1f ms; without the cache %.0f tokens/s%n", r.generated().length, r.tokensPerSecond(),
        r.decodeTokensPerSecond(), r.prefillNanos() / 1e6, uncached);
    assertArrayEquals(reference, Arrays.copyOf(r.generated(), 16));
    assertTrue(r.decodeTokensPerSecond() > 0);
  }

  private static int[] repeatedFullForwards(LlamaModel model, int[] prompt, int count) {
    int[] seqIds = Arrays.copyOf(prompt, prompt.length + count);
    for (int i = 0; i < count; i++) {
      float[] logits = lastLogits(model, Arrays.copyOf(seqIds, prompt.length + i));
      seqIds[prompt.length + i] = GreedyDecoder.argmax(logits);
    }
    return Arrays.copyOfRange(seqIds, prompt.length, seqIds.length);
  }
}
