package dev.lode.train.lora;

import dev.lode.config.TrainConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.Param;
import dev.lode.train.model.WeightNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One named adapter: its {@link TrainConfig.Lora} hyperparameters and the A/B weights of each targeted projection,
 * keyed by the projection's module path ({@code model.layers.3.self_attn.q_proj}).
 */
public final class LoraAdapter {
  private final String name;
  private final TrainConfig.Lora config;
  private final String baseModel;
  private final Map<String, LoraWeights> modules = new LinkedHashMap<>();

  public LoraAdapter(String name, TrainConfig.Lora config, String baseModel) {
    this.name = name;
    this.config = config;
    this.baseModel = baseModel;
  }

  /** A fresh adapter for every target projection of {@code model}: A random, B zero (identity at start). */
  public static LoraAdapter initialise(String name, TrainConfig.Lora config, LlamaModel model, String baseModel,
      long seed) {
    LoraAdapter adapter = new LoraAdapter(name, config, baseModel);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int layer = 0; layer < model.config().numLayers(); layer++) {
      for (String module : config.targetModules()) {
        String projection = LoraModules.projection(module);
        var base = model.projection(layer, projection).base();
        String path = WeightNames.projection(layer, projection);
        adapter.modules.put(path, LoraWeights.initialise(path, base.inFeatures(), base.outFeatures(), config,
            rng.split()));
      }
    }
    return adapter;
  }

  public String name() {
    return name;
  }

  public TrainConfig.Lora config() {
    return config;
  }

  /** Where the base model came from, as recorded in PEFT's {@code base_model_name_or_path}. */
  public String baseModel() {
    return baseModel;
  }

  /** Module path → weights, in layer order. */
  public Map<String, LoraWeights> modules() {
    return Collections.unmodifiableMap(modules);
  }

  public void put(String modulePath, LoraWeights weights) {
    modules.put(modulePath, weights);
  }

  /** Every A and B, A before B per module. */
  public List<Param> parameters() {
    List<Param> out = new ArrayList<>();
    for (LoraWeights w : modules.values()) {
      out.add(w.a());
      out.add(w.b());
    }
    return out;
  }

  public void setTrainable(boolean trainable) {
    parameters().forEach(p -> p.setTrainable(trainable));
  }
}
