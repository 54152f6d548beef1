package dev.lode.train.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.TrainConfig;
import dev.lode.train.io.PeftAdapterReader;
import dev.lode.train.io.PeftAdapterWriter;
import dev.lode.train.lora.LoraModel;
import dev.lode.train.model.FloatMatrix;
import dev.lode.train.model.Linear;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.ModelFixtures;
import dev.lode.train.model.Param;
import dev.lode.train.model.WeightNames;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two PEFT adapters over one base: each gives its own logits, and switching never touches the base weights. */
class AdapterSwitcherTest {
  private static final long BASE_SEED = 81;
  private final LlamaConfig cfg = ModelFixtures.config("qwen2", false, 4, 2);
  private final int[] ids = new SplittableRandom(82).ints(2 * 8, 0, cfg.vocabSize()).toArray();
  @TempDir
  Path dir;
  private Map<String, Path> dirs;

  @BeforeEach
  void writeAdapters() throws java.io.IOException {
    LlamaModel model = ModelFixtures.randomModel(cfg, BASE_SEED);
    dirs = new LinkedHashMap<>();
    dirs.put("one", dir.resolve("one"));
    dirs.put("two", dir.resolve("two"));
    PeftAdapterWriter.write(ModelFixtures.adapterWithRandomB(model, "one",
        new TrainConfig.Lora(4, 8, 0.0, List.of("q", "k", "v", "o", "gate", "up", "down"), false), 83),
        dirs.get("one"));
    PeftAdapterWriter.write(ModelFixtures.adapterWithRandomB(model, "two",
        new TrainConfig.Lora(2, 4, 0.05, List.of("q", "v", "down"), true), 84), dirs.get("two"));
  }

  /** A fresh base model with only {@code name} loaded and active (or none). */
  private float[] soleAdapterLogits(String name) {
    LlamaModel model = ModelFixtures.randomModel(cfg, BASE_SEED);
    if (name != null) {
      LoraModel peft = new LoraModel(model);
      peft.add(PeftAdapterReader.read(dirs.get(name), name, model));
      peft.setActive(name);
    }
    return model.logits(ids, 2, 8).toArray();
  }

  @Test
  void eachAdapterGivesItsOwnLogitsAndTheBaseStaysPut() {
    LlamaModel model = ModelFixtures.randomModel(cfg, BASE_SEED);
    Map<String, Param> paramsBefore = new LinkedHashMap<>(model.parameters());
    Map<String, FloatMatrix> valuesBefore = new LinkedHashMap<>();
    Map<String, float[]> dataBefore = new LinkedHashMap<>();
    paramsBefore.forEach((k, p) -> {
      valuesBefore.put(k, p.value());
      dataBefore.put(k, p.value().toArray());
    });
    Linear q0 = model.projection(0, "self_attn.q_proj").base();

    AdapterSwitcher switcher = AdapterSwitcher.load(model, dirs);
    assertEquals(Set.of("one", "two"), switcher.names());
    assertNull(switcher.active());
    Map<String, float[]> expected = new LinkedHashMap<>();
    for (String name : Arrays.asList("one", "two", null)) {
      expected.put(String.valueOf(name), soleAdapterLogits(name));
    }
    assertTrue(maxDiff(expected.get("one"), expected.get("two")) > 1e-2, "the adapters should differ");
    assertTrue(maxDiff(expected.get("two"), expected.get("null")) > 1e-2, "an adapter should change the logits");
    for (String name : Arrays.asList("one", "two", "one", null, "two", null, "one")) {
      switcher.switchTo(name);
      assertEquals(name, switcher.active());
      assertArrayEquals(expected.get(String.valueOf(name)), model.logits(ids, 2, 8).toArray(), "active " + name);
    }

    assertEquals(paramsBefore.keySet(), model.parameters().keySet());
    for (var e : paramsBefore.entrySet()) {
      Param now = model.parameters().get(e.getKey());
      assertSame(e.getValue(), now, e.getKey());
      assertSame(valuesBefore.get(e.getKey()), now.value(), e.getKey());
      assertArrayEquals(dataBefore.get(e.getKey()), now.value().toArray(), e.getKey());
    }
    assertSame(q0, model.projection(0, "self_attn.q_proj").base());
    assertSame(model.parameters().get(WeightNames.projection(0, "self_attn.q_proj") + ".weight"), q0.weight());
  }

  @Test
  void greedyGenerationFollowsTheActiveAdapter() {
    AdapterSwitcher switcher = AdapterSwitcher.load(ModelFixtures.randomModel(cfg, BASE_SEED), dirs);
    int[] prompt = Arrays.copyOf(ids, 6);
    GreedyDecoder decoder = new GreedyDecoder(switcher.model());
    for (String name : Arrays.asList("two", "one", null)) {
      switcher.switchTo(name);
      int[] got = decoder.generate(prompt, 10, Set.of()).generated();
      LlamaModel alone = ModelFixtures.randomModel(cfg, BASE_SEED);
      if (name != null) {
        LoraModel peft = new LoraModel(alone);
        peft.add(PeftAdapterReader.read(dirs.get(name), name, alone));
        peft.setActive(name);
      }
      assertArrayEquals(new GreedyDecoder(alone).generate(prompt, 10, Set.of()).generated(), got, "adapter " + name);
    }
  }

  @Test
  void switchingIsTimedAndCheap() {
    AdapterSwitcher switcher = AdapterSwitcher.load(ModelFixtures.randomModel(cfg, BASE_SEED), dirs);
    assertEquals(-1, switcher.lastSwitchNanos());
    long[] times = new long[200];
    for (int i = 0; i < times.length; i++) {
      times[i] = switcher.switchTo(i % 2 == 0 ? "one" : "two");
      assertEquals(times[i], switcher.lastSwitchNanos());
    }
    Arrays.sort(times);
    System.out.printf("adapter switch over %d projections: median %.1f µs, max %.1f µs%n",
        cfg.numLayers() * 7, times[times.length / 2] / 1e3, times[times.length - 1] / 1e3);
    assertTrue(times[times.length / 2] < 5_000_000, "a switch should not reload anything: "
        + times[times.length / 2] + " ns");
    assertThrows(IllegalArgumentException.class, () -> switcher.switchTo("three"));
    assertEquals("two", switcher.active());
  }

  private static double maxDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
