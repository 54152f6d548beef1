package dev.lode.train.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lode.config.ConfigException;
import dev.lode.config.ConfigLoader;
import dev.lode.config.OneOf;
import dev.lode.config.TrainConfig;
import dev.lode.train.io.ModelFormatException;
import dev.lode.train.io.PeftAdapterReader;
import dev.lode.train.io.PeftAdapterWriter;
import dev.lode.train.io.SafetensorsReader;
import dev.lode.train.io.TensorInfo;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.ModelFixtures;
import dev.lode.train.model.Param;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraTest {
  private static final List<String> ALL = List.of("q", "k", "v", "o", "gate", "up", "down");
  private final LlamaConfig cfg = ModelFixtures.config("qwen2", false, 4, 2);
  private final int batch = 2;
  private final int seq = 7;
  private final int[] ids = new SplittableRandom(5).ints(batch * seq, 0, cfg.vocabSize()).toArray();
  private final int[] targets = new SplittableRandom(6).ints(batch * seq, 0, cfg.vocabSize()).toArray();

  /** An adapter whose B is not zero, so both A and B have gradients. */
  private LoraAdapter adapterWithRandomB(LlamaModel model, String name, TrainConfig.Lora lora, long seed) {
    LoraAdapter a = LoraAdapter.initialise(name, lora, model, "fixture", seed);
    SplittableRandom rng = new SplittableRandom(seed + 1);
    for (LoraWeights w : a.modules().values()) {
      float[] b = new float[w.b().value().size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) (rng.nextDouble() - 0.5) * 0.4f;
      }
      w.b().value().copyFrom(b);
    }
    return a;
  }

  private float[] weights(boolean somePromptRows) {
    float[] w = new float[batch * seq];
    for (int i = 0; i < w.length; i++) {
      w[i] = somePromptRows && i % 3 == 0 ? 0f : 1f;
    }
    return w;
  }

  private double loss(LlamaModel model, float[] w) {
    model.forward(ids, batch, seq, true, 1);
    double l = model.lossAndBackward(targets, w, 0f); // gradScale 0: loss only, gradients untouched
    return l;
  }

  @Test
  void loraGradientsMatchFiniteDifferences() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 11);
    LoraModel peft = new LoraModel(model);
    LoraAdapter adapter = adapterWithRandomB(model, "a", new TrainConfig.Lora(4, 8, 0.2, ALL, false), 3); // dropout on: masks replay per seed
    peft.add(adapter);
    peft.setActive("a");
    adapter.setTrainable(true);
    float[] w = weights(true);
    model.forward(ids, batch, seq, true, 1);
    model.lossAndBackward(targets, w, 1f);
    double worst = checkFiniteDifferences(model, adapter.parameters(), w, 40);
    System.out.printf("LoRA finite differences: worst relative error %.3g%n", worst);
    assertTrue(worst < 2e-2, "worst relative error " + worst);
  }

  @Test
  void fullParameterGradientsMatchFiniteDifferences() {
    LlamaModel model = ModelFixtures.randomModel(ModelFixtures.config("llama", true, 4, 2), 12);
    model.setBaseTrainable(true);
    float[] w = weights(true);
    int[] saved = ids.clone();
    model.forward(saved, batch, seq, true, 1);
    model.lossAndBackward(targets, w, 1f);
    double worst = checkFiniteDifferences(model, List.copyOf(model.parameters().values()), w, 40);
    System.out.printf("full-parameter finite differences: worst relative error %.3g%n", worst);
    assertTrue(worst < 2e-2, "worst relative error " + worst);
  }

  /** Central differences in float32 on the entries with the largest gradients of each weight. */
  private double checkFiniteDifferences(LlamaModel model, List<Param> params, float[] w, int perParamLimit) {
    double worst = 0;
    SplittableRandom rng = new SplittableRandom(9);
    int checked = 0;
    for (Param p : params) {
      float[] g = p.grad().toArray();
      int picks = Math.min(2, g.length);
      for (int k = 0; k < picks; k++) {
        int i = largest(g, rng);
        float orig = p.value().get(i);
        float h = 1e-2f * Math.max(1f, Math.abs(orig));
        p.value().set(i, orig + h);
        double up = loss(model, w);
        p.value().set(i, orig - h);
        double down = loss(model, w);
        p.value().set(i, orig);
        double numeric = (up - down) / (2 * h);
        double err = Math.abs(numeric - g[i]) / Math.max(1e-2, Math.abs(numeric) + Math.abs(g[i]));
        worst = Math.max(worst, err);
        g[i] = 0; // next pick: the next largest
        checked++;
      }
    }
    assertTrue(checked > 10);
    return worst;
  }

  private static int largest(float[] g, SplittableRandom rng) {
    int best = rng.nextInt(g.length);
    for (int i = 0; i < g.length; i++) {
      if (Math.abs(g[i]) > Math.abs(g[best])) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void freshAdapterStartsAsTheIdentity() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 13);
    float[] base = model.logits(ids, batch, seq).toArray();
    LoraModel peft = new LoraModel(model);
    peft.add(LoraAdapter.initialise("fresh", new TrainConfig.Lora(8, 16, 0.1, ALL, true), model, "fixture", 1));
    peft.setActive("fresh");
    assertArrayEquals(base, model.logits(ids, batch, seq).toArray());
  }

  @Test
  void mergedAdapterGivesTheSameLogits() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 14);
    float[] base = model.logits(ids, batch, seq).toArray();
    LoraModel peft = new LoraModel(model);
    peft.add(adapterWithRandomB(model, "a", new TrainConfig.Lora(4, 8, 0.0, List.of("q", "v", "down"), true), 4));
    peft.setActive("a");
    float[] lora = model.logits(ids, batch, seq).toArray();
    peft.merge();
    float[] merged = model.logits(ids, batch, seq).toArray();
    double diff = maxDiff(lora, merged);
    System.out.printf("merged vs LoRA: max |Δlogit| %.3g; LoRA vs base %.3g%n", diff, maxDiff(lora, base));
    assertTrue(diff < 1e-4, "merged logits differ by " + diff);
    assertTrue(maxDiff(lora, base) > 1e-2, "the adapter should change the logits");
    peft.unmerge();
    peft.setActive(null);
    assertTrue(maxDiff(base, model.logits(ids, batch, seq).toArray()) < 1e-5, "unmerge restores the base");
  }

  @Test
  void adaptersSwitchWithoutReloadingTheBase() {
    LlamaModel model = ModelFixtures.randomModel(cfg, 15);
    float[] base = model.logits(ids, batch, seq).toArray();
    LoraModel peft = new LoraModel(model);
    peft.add(adapterWithRandomB(model, "one", new TrainConfig.Lora(4, 8, 0.0, ALL, false), 5));
    peft.add(adapterWithRandomB(model, "two", new TrainConfig.Lora(2, 4, 0.0, List.of("q", "k"), false), 6));
    peft.setActive("one");
    float[] one = model.logits(ids, batch, seq).toArray();
    peft.setActive("two");
    float[] two = model.logits(ids, batch, seq).toArray();
    peft.setActive("one");
    assertArrayEquals(one, model.logits(ids, batch, seq).toArray());
    peft.setActive(null);
    assertArrayEquals(base, model.logits(ids, batch, seq).toArray());
    assertTrue(maxDiff(one, two) > 1e-2 && maxDiff(two, base) > 1e-2);
  }

  @Test
  void adapterRoundTripIsBitExactWithPeftNamesAndShapes(@TempDir Path dir) throws Exception {
    LlamaModel model = ModelFixtures.randomModel(cfg, 16);
    LoraAdapter a = adapterWithRandomB(model, "a", new TrainConfig.Lora(4, 8, 0.05, ALL, true), 7);
    PeftAdapterWriter.write(a, dir);
    try (SafetensorsReader r = SafetensorsReader.open(dir.resolve("adapter_model.safetensors"))) {
      Map<String, TensorInfo> t = r.tensors();
      assertEquals(cfg.numLayers() * 7 * 2, t.size());
      TensorInfo qa = t.get("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight");
      TensorInfo kb = t.get("base_model.model.model.layers.1.self_attn.k_proj.lora_B.weight");
      TensorInfo down = t.get("base_model.model.model.layers.1.mlp.down_proj.lora_A.weight");
      assertArrayEquals(new long[] {4, cfg.hiddenSize()}, qa.shape());
      assertArrayEquals(new long[] {cfg.kvDim(), 4}, kb.shape());
      assertArrayEquals(new long[] {4, cfg.intermediateSize()}, down.shape());
    }
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("adapter_config.json").toFile());
    assertEquals("LORA", json.get("peft_type").asText());
    assertEquals("CAUSAL_LM", json.get("task_type").asText());
    assertEquals(4, json.get("r").asInt());
    assertEquals(8, json.get("lora_alpha").asInt());
    assertEquals("none", json.get("bias").asText());
    assertTrue(json.get("use_rslora").asBoolean());
    LoraAdapter back = PeftAdapterReader.read(dir, "back", model);
    assertEquals(a.modules().keySet(), back.modules().keySet());
    for (String m : a.modules().keySet()) {
      assertArrayEquals(a.modules().get(m).a().value().toArray(), back.modules().get(m).a().value().toArray(), m);
      assertArrayEquals(a.modules().get(m).b().value().toArray(), back.modules().get(m).b().value().toArray(), m);
      assertEquals(a.modules().get(m).scaling(), back.modules().get(m).scaling());
    }
  }

  @Test
  void adapterWithOlderPeftKeysAndAllLinearTargetsLoads(@TempDir Path dir) throws Exception {
    LlamaModel model = ModelFixtures.randomModel(cfg, 17);
    LoraAdapter a = adapterWithRandomB(model, "a", new TrainConfig.Lora(2, 4, 0.0, List.of("q", "up"), false), 8);
    // as an older PEFT (or another tool) writes it: adapter name in the key, target_modules a string
    var w = new dev.lode.train.io.SafetensorsWriter();
    for (var e : a.modules().entrySet()) {
      var aw = e.getValue().a().value();
      var bw = e.getValue().b().value();
      w.add("base_model.model." + e.getKey() + ".lora_A.default.weight", aw.toArray(), aw.rows(), aw.cols());
      w.add("base_model.model." + e.getKey() + ".lora_B.default.weight", bw.toArray(), bw.rows(), bw.cols());
    }
    w.write(dir.resolve("adapter_model.safetensors"));
    java.nio.file.Files.writeString(dir.resolve("adapter_config.json"), "{\"peft_type\": \"LORA\", \"r\": 2, "
        + "\"lora_alpha\": 4, \"target_modules\": \"all-linear\", \"bias\": \"none\"}");
    LoraAdapter back = PeftAdapterReader.read(dir, "back", model);
    assertEquals(a.modules().keySet(), back.modules().keySet());
    LoraModel peft = new LoraModel(model);
    peft.add(a);
    peft.add(back);
    peft.setActive("a");
    float[] one = model.logits(ids, batch, seq).toArray();
    peft.setActive("back");
    assertArrayEquals(one, model.logits(ids, batch, seq).toArray());
  }

  @Test
  void adapterOfAnotherShapeIsRefusedNamingTheTensor(@TempDir Path dir) throws Exception {
    LlamaModel model = ModelFixtures.randomModel(cfg, 18);
    PeftAdapterWriter.write(LoraAdapter.initialise("a", new TrainConfig.Lora(2, 4, 0.0, ALL, false), model, "x", 1),
        dir);
    LlamaModel other = ModelFixtures.randomModel(ModelFixtures.config("llama", false, 4, 4), 18); // kv dim differs
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.lode.train.io.ModelFormatException.class,
        () -> PeftAdapterReader.read(dir, "a", other));
    assertTrue(e.getMessage().contains("k_proj.lora_B.weight") || e.getMessage().contains("v_proj.lora_B.weight"),
        e.getMessage());
  }

  @Test
  void adapterConfigOutsideTheLoraBoundsIsRefusedNamingTheFileAndItsKey(@TempDir Path dir) throws Exception {
    LlamaModel model = ModelFixtures.randomModel(cfg, 19);
    PeftAdapterWriter.write(LoraAdapter.initialise("a", new TrainConfig.Lora(2, 4, 0.0, ALL, false), model, "x", 1),
        dir);
    Path config = dir.resolve("adapter_config.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode written = (ObjectNode) json.readTree(config.toFile());
    for (Map.Entry<String, Double> bad : Map.of("lora_dropout", 1.5, "lora_alpha", 0.0, "r", -2.0).entrySet()) {
      ObjectNode o = written.deepCopy();
      if (bad.getKey().equals("r")) {
        o.put("r", bad.getValue().intValue());
      } else {
        o.put(bad.getKey(), bad.getValue());
      }
      json.writeValue(config.toFile(), o);
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> PeftAdapterReader.read(dir, "a", model));
      assertTrue(e.getMessage().startsWith(config + ": " + bad.getKey() + ": must be between"), e.getMessage());
    }
  }

  @Test
  void anEmptyListOfTargetModulesIsRefusedNamingTheSetting() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("train.lora.target_modules=[]")));
    assertEquals("train.lora.target_modules", e.key());
  }

  @Test
  void everyTargetModuleTheConfigurationAllowsAdaptsADecoderProjection() throws Exception {
    OneOf allowed = TrainConfig.Lora.class.getDeclaredMethod("targetModules").getAnnotation(OneOf.class);
    assertEquals(List.of(allowed.value()), LoraModules.ALL);
    LlamaModel model = ModelFixtures.randomModel(cfg, 20);
    for (String m : LoraModules.ALL) {
      assertTrue(model.projection(0, LoraModules.projection(m)) != null, m);
      assertEquals(m, LoraModules.fromPeft(LoraModules.peftName(m)));
    }
  }

  private static double maxDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @SuppressWarnings("unused")
  private static String show(float[] v) {
    return Arrays.toString(Arrays.copyOf(v, 5));
  }
}
