package dev.lode.train.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lode.config.TrainConfig;
import dev.lode.train.lora.LoraAdapter;
import dev.lode.train.lora.LoraModules;
import dev.lode.train.lora.LoraWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a LoRA adapter exactly as PEFT's {@code save_pretrained} does, so PEFT, vLLM and llama.cpp load it:
 * {@code adapter_config.json} and {@code adapter_model.safetensors} with keys
 * {@code base_model.model.model.layers.{i}.self_attn.q_proj.lora_A.weight} [r × in] and {@code …lora_B.weight}
 * [out × r].
 */
public final class PeftAdapterWriter {
  public static final String CONFIG = "adapter_config.json";
  public static final String WEIGHTS = "adapter_model.safetensors";
  /** PEFT prefixes a causal LM's module paths with the wrapper's own attribute names. */
  public static final String KEY_PREFIX = "base_model.model.";

  private PeftAdapterWriter() {}

  public static void write(LoraAdapter adapter, Path dir) throws IOException {
    Files.createDirectories(dir);
    SafetensorsWriter weights = new SafetensorsWriter().metadata("format", "pt");
    for (var e : adapter.modules().entrySet()) {
      LoraWeights w = e.getValue();
      weights.add(KEY_PREFIX + e.getKey() + ".lora_A.weight", w.a().value().toArray(),
          w.a().value().rows(), w.a().value().cols());
      weights.add(KEY_PREFIX + e.getKey() + ".lora_B.weight", w.b().value().toArray(),
          w.b().value().rows(), w.b().value().cols());
    }
    weights.write(dir.resolve(WEIGHTS));
    HfModelWriter.JSON.writeValue(dir.resolve(CONFIG).toFile(), config(adapter));
  }

  /** adapter_config.json with every field PEFT 0.1x writes for a LoRA adapter. */
  static ObjectNode config(LoraAdapter adapter) {
    TrainConfig.Lora c = adapter.config();
    ObjectNode o = HfModelWriter.JSON.createObjectNode();
    o.putObject("alpha_pattern");
    o.putNull("auto_mapping");
    o.put("base_model_name_or_path", adapter.baseModel());
    o.put("bias", "none");
    o.put("fan_in_fan_out", false);
    o.put("inference_mode", true);
    o.put("init_lora_weights", true);
    o.putNull("layer_replication");
    o.putNull("layers_pattern");
    o.putNull("layers_to_transform");
    if (c.alpha() == Math.rint(c.alpha())) {
      o.put("lora_alpha", (long) c.alpha()); // PEFT writes an integer alpha as an integer
    } else {
      o.put("lora_alpha", c.alpha());
    }
    o.put("lora_dropout", c.dropout());
    o.putNull("modules_to_save");
    o.put("peft_type", "LORA");
    o.put("r", c.r());
    o.putObject("rank_pattern");
    o.putNull("revision");
    var targets = o.putArray("target_modules");
    c.targetModules().forEach(m -> targets.add(LoraModules.peftName(m)));
    o.put("task_type", "CAUSAL_LM");
    o.put("use_dora", false);
    o.put("use_rslora", c.useRslora());
    return o;
  }
}
