package dev.lode.train.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lode.config.ConfigException;
import dev.lode.config.ConfigValidator;
import dev.lode.config.TrainConfig;
import dev.lode.train.lora.LoraAdapter;
import dev.lode.train.lora.LoraModules;
import dev.lode.train.lora.LoraWeights;
import dev.lode.train.model.FloatMatrix;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.Param;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEFT LoRA adapter directory, whoever wrote it: {@code adapter_config.json} for r, alpha, dropout and
 * rsLoRA (held to {@code train.lora}'s bounds), and the A/B pairs from {@code adapter_model.safetensors} (F32, F16
 * or BF16). The adapted modules are taken from the weight keys, so a config with {@code target_modules:
 * "all-linear"} or a regex loads too. Each pair's shape is checked against the base model.
 */
public final class PeftAdapterReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** base_model.model.{module}.lora_{A|B}[.{adapter name}].weight — older PEFT kept the adapter name. */
  private static final Pattern KEY = Pattern.compile(
      "^base_model\\.model\\.(model\\.layers\\.\\d+\\.(?:self_attn|mlp)\\.[a-z_]+)\\.lora_([AB])(?:\\.[^.]+)?\\.weight$");

  private PeftAdapterReader() {}

  public static LoraAdapter read(Path dir, String name, LlamaModel model) {
    Path configFile = dir.resolve(PeftAdapterWriter.CONFIG);
    Path weightsFile = dir.resolve(PeftAdapterWriter.WEIGHTS);
    if (!Files.isRegularFile(configFile)) {
      throw new ModelFormatException(dir + " is not a PEFT adapter directory: " + PeftAdapterWriter.CONFIG
          + " is missing");
    }
    if (!Files.isRegularFile(weightsFile)) {
      throw new ModelFormatException(dir + ": " + PeftAdapterWriter.WEIGHTS + " is missing");
    }
    TrainConfig.Lora declared;
    JsonNode json;
    try {
      json = JSON.readTree(configFile.toFile());
    } catch (IOException e) {
      throw new ModelFormatException(configFile + ": not valid JSON: " + e.getMessage(), e);
    }
    declared = config(configFile, json);
    LoraAdapter adapter = new LoraAdapter(name, declared, json.path("base_model_name_or_path").asText(""));
    Map<String, Param[]> pairs = new LinkedHashMap<>();
    try (SafetensorsReader reader = SafetensorsReader.open(weightsFile)) {
      for (String key : reader.tensors().keySet()) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
          throw new ModelFormatException(weightsFile + ": key '" + key + "' is not a LoRA A/B weight of a decoder "
              + "projection (only LoRA on q/k/v/o/gate/up/down_proj is supported)");
        }
        String module = m.group(1);
        boolean isA = m.group(2).equals("A");
        TensorInfo t = reader.tensors().get(key);
        if (t.shape().length != 2) {
          throw new ModelFormatException(weightsFile + ": tensor '" + key + "' has shape " + t.shapeString()
              + ", expected a matrix");
        }
        var base = projection(model, module, weightsFile, key);
        int r = (int) (isA ? t.shape()[0] : t.shape()[1]);
        long expectedRows = isA ? r : base.outFeatures();
        long expectedCols = isA ? base.inFeatures() : r;
        if (t.shape()[0] != expectedRows || t.shape()[1] != expectedCols || r <= 0) {
          throw new ModelFormatException(weightsFile + ": tensor '" + key + "' has shape " + t.shapeString()
              + " but the base projection is [" + base.outFeatures() + " × " + base.inFeatures() + "], so lora_"
              + (isA ? "A needs [r, " + base.inFeatures() + "]" : "B needs [" + base.outFeatures() + ", r]"));
        }
        FloatMatrix value = FloatMatrix.of((int) t.shape()[0], (int) t.shape()[1], reader.readFloats(key));
        pairs.computeIfAbsent(module, k -> new Param[2])[isA ? 0 : 1] =
            new Param(module + (isA ? ".lora_A.weight" : ".lora_B.weight"), value);
      }
    }
    if (pairs.isEmpty()) {
      throw new ModelFormatException(weightsFile + ": holds no LoRA weights");
    }
    for (var e : pairs.entrySet()) {
      Param a = e.getValue()[0];
      Param b = e.getValue()[1];
      if (a == null || b == null) {
        throw new ModelFormatException(weightsFile + ": module '" + e.getKey() + "' has lora_"
            + (a == null ? "B" : "A") + " but no lora_" + (a == null ? "A" : "B"));
      }
      if (a.value().rows() != b.value().cols()) {
        throw new ModelFormatException(weightsFile + ": module '" + e.getKey() + "' has lora_A rank "
            + a.value().rows() + " but lora_B rank " + b.value().cols());
      }
      if (a.value().rows() != declared.r()) {
        throw new ModelFormatException(weightsFile + ": module '" + e.getKey() + "' has rank " + a.value().rows()
            + " but " + PeftAdapterWriter.CONFIG + " says r = " + declared.r());
      }
      adapter.put(e.getKey(),
          new LoraWeights(a, b, (float) LoraWeights.scaling(declared), (float) declared.dropout()));
    }
    return adapter;
  }

  private static TrainConfig.Lora config(Path file, JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new ModelFormatException(file + ": not a JSON object");
    }
    String type = json.path("peft_type").asText("");
    if (!type.equals("LORA")) {
      throw new ModelFormatException(file + ": peft_type is '" + type + "'; only LORA adapters are supported");
    }
    String bias = json.path("bias").asText("none");
    if (!bias.equals("none")) {
      throw new ModelFormatException(file + ": bias '" + bias + "' is not supported (only \"none\")");
    }
    for (String unsupported : List.of("rank_pattern", "alpha_pattern")) {
      JsonNode p = json.get(unsupported);
      if (p != null && !p.isNull() && p.size() > 0) {
        throw new ModelFormatException(file + ": " + unsupported + " (per-module ranks) is not supported");
      }
    }
    if (json.path("use_dora").asBoolean(false)) {
      throw new ModelFormatException(file + ": use_dora is not supported");
    }
    if (json.path("fan_in_fan_out").asBoolean(false)) {
      throw new ModelFormatException(file + ": fan_in_fan_out is not supported (Llama projections are not Conv1D)");
    }
    JsonNode r = json.get("r");
    JsonNode alpha = json.get("lora_alpha");
    if (r == null || !r.isIntegralNumber() || alpha == null || !alpha.isNumber()) {
      throw new ModelFormatException(file + ": r and lora_alpha must be numbers");
    }
    List<String> targets = new ArrayList<>();
    JsonNode t = json.get("target_modules");
    if (t != null && t.isArray()) {
      t.forEach(x -> {
        String module = LoraModules.fromPeft(x.asText());
        if (module != null) {
          targets.add(module);
        }
      });
    }
    if (targets.isEmpty()) { // a regex or "all-linear": the weight keys say which modules are adapted
      targets.addAll(LoraModules.ALL);
    }
    TrainConfig.Lora lora = new TrainConfig.Lora(r.asInt(), alpha.asDouble(), json.path("lora_dropout").asDouble(0.0),
        targets, json.path("use_rslora").asBoolean(false));
    try {
      ConfigValidator.validate(lora, "");
    } catch (ConfigException e) {
      throw new ModelFormatException(file + ": " + peftKey(e.key()) + e.getMessage().substring(e.key().length()), e);
    }
    return lora;
  }

  /** The key adapter_config.json spells a {@link TrainConfig.Lora} setting with, so that a refusal names it. */
  private static String peftKey(String setting) {
    return switch (setting) {
      case "alpha" -> "lora_alpha";
      case "dropout" -> "lora_dropout";
      default -> setting;
    };
  }

  private static dev.lode.train.model.Projection projection(LlamaModel model, String module, Path file, String key) {
    String rest = module.substring("model.layers.".length());
    int dot = rest.indexOf('.');
    try {
      int layer = Integer.parseInt(rest.substring(0, dot));
      return model.projection(layer, rest.substring(dot + 1));
    } catch (IllegalArgumentException e) { // NumberFormatException included: a layer index past int
      throw new ModelFormatException(file + ": tensor '" + key + "': " + e.getMessage(), e);
    }
  }
}
