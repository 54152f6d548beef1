package dev.lode.train.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.Param;
import dev.lode.train.model.WeightNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads a Hugging Face model directory: {@code config.json} and the weights, from {@code model.safetensors} or the
 * shards listed in {@code model.safetensors.index.json}. Every weight the decoder needs must be present with its
 * exact shape; a weight the decoder does not know is refused (it would mean a different architecture).
 */
public final class HfModelReader {
  public static final String CONFIG = "config.json";
  public static final String WEIGHTS = "model.safetensors";
  public static final String INDEX = "model.safetensors.index.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private HfModelReader() {}

  public static LlamaConfig readConfig(Path dir) {
    Path file = dir.resolve(CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(dir + " is not a Hugging Face model directory: " + CONFIG + " is missing");
    }
    try {
      JsonNode json = JSON.readTree(file.toFile());
      if (json == null || !json.isObject()) {
        throw new ModelFormatException(file + ": not a JSON object");
      }
      return LlamaConfig.fromJson(json, file.toString());
    } catch (IOException e) {
      throw new ModelFormatException(file + ": not valid JSON: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(e.getMessage(), e);
    }
  }

  public static LlamaModel read(Path dir) {
    LlamaConfig config = readConfig(dir);
    LlamaModel model = new LlamaModel(config);
    Map<String, Path> where = weightFiles(dir);
    Map<Path, SafetensorsReader> open = new LinkedHashMap<>();
    try {
      Set<String> seen = new HashSet<>();
      for (Param p : model.parameters().values()) {
        Path file = where.get(p.name());
        if (file == null) {
          throw new ModelFormatException(dir + ": weight '" + p.name() + "' is missing from the checkpoint");
        }
        SafetensorsReader reader = open.computeIfAbsent(file, SafetensorsReader::open);
        load(reader, p);
        seen.add(p.name());
      }
      Set<String> unknown = new TreeSet<>();
      for (Path file : new HashSet<>(where.values())) {
        SafetensorsReader reader = open.computeIfAbsent(file, SafetensorsReader::open);
        for (String name : reader.tensors().keySet()) {
          if (!seen.contains(name) && !ignorable(name, config)) {
            unknown.add(name);
          }
        }
      }
      if (!unknown.isEmpty()) {
        throw new ModelFormatException(dir + ": weights this " + config.modelType() + " decoder does not have: "
            + String.join(", ", unknown.stream().limit(8).toList()) + (unknown.size() > 8 ? ", …" : ""));
      }
    } finally {
      open.values().forEach(SafetensorsReader::close);
    }
    return model;
  }

  /** Copies one tensor into a parameter, checking Hugging Face's shape ([n] for vectors, [out, in] for matrices). */
  static void load(SafetensorsReader reader, Param p) {
    TensorInfo t = reader.tensors().get(p.name());
    if (t == null) {
      throw new ModelFormatException(reader.file() + ": has no tensor '" + p.name() + "'");
    }
    int rows = p.value().rows();
    int cols = p.value().cols();
    boolean ok = rows == 1 ? t.shape().length == 1 && t.shape()[0] == cols
        : t.shape().length == 2 && t.shape()[0] == rows && t.shape()[1] == cols;
    if (!ok) {
      throw new ModelFormatException(reader.file() + ": tensor '" + p.name() + "' has shape " + t.shapeString()
          + ", expected " + (rows == 1 ? "[" + cols + "]" : "[" + rows + ", " + cols + "]"));
    }
    p.value().copyFrom(reader.readFloats(p.name()));
  }

  /** Weight name → the safetensors file holding it. */
  static Map<String, Path> weightFiles(Path dir) {
    Path single = dir.resolve(WEIGHTS);
    Path index = dir.resolve(INDEX);
    Map<String, Path> where = new LinkedHashMap<>();
    if (Files.isRegularFile(single)) {
      try (SafetensorsReader r = SafetensorsReader.open(single)) {
        r.tensors().keySet().forEach(name -> where.put(name, single));
      }
      return where;
    }
    if (!Files.isRegularFile(index)) {
      throw new ModelFormatException(dir + ": neither " + WEIGHTS + " nor " + INDEX + " is present");
    }
    try {
      JsonNode map = JSON.readTree(index.toFile()).get("weight_map");
      if (map == null || !map.isObject()) {
        throw new ModelFormatException(index + ": has no weight_map object");
      }
      Path root = dir.toAbsolutePath().normalize();
      map.fields().forEachRemaining(e -> {
        String shard = e.getValue().asText();
        Path file = root.resolve(shard).normalize();
        if (!e.getValue().isTextual() || !file.startsWith(root) || !file.getParent().equals(root)) {
          throw new ModelFormatException(index + ": weight '" + e.getKey() + "' points at '" + shard
              + "', which is not a file in the model directory");
        }
        if (!Files.isRegularFile(file)) {
          throw new ModelFormatException(index + ": shard '" + shard + "' of weight '" + e.getKey() + "' is missing");
        }
        where.put(e.getKey(), file);
      });
    } catch (IOException e) {
      throw new ModelFormatException(index + ": not valid JSON: " + e.getMessage(), e);
    }
    return where;
  }

  /** Buffers some exporters leave in checkpoints, and the duplicate head of a tied model. */
  private static boolean ignorable(String name, LlamaConfig config) {
    return name.endsWith(".rotary_emb.inv_freq") || (config.tieWordEmbeddings() && name.equals(WeightNames.LM_HEAD));
  }
}
