package dev.lode.train.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.Param;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a model as a Hugging Face directory: {@code config.json} and float32 weights, in one
 * {@code model.safetensors} or, past {@code maxShardBytes}, in shards {@code model-0000k-of-0000n.safetensors} with
 * {@code model.safetensors.index.json}, as transformers' {@code save_pretrained} lays them out.
 */
public final class HfModelWriter {
  public static final long DEFAULT_MAX_SHARD_BYTES = 5L << 30;
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HfModelWriter() {}

  public static void write(LlamaModel model, Path dir) throws IOException {
    write(model, dir, DEFAULT_MAX_SHARD_BYTES);
  }

  public static void write(LlamaModel model, Path dir, long maxShardBytes) throws IOException {
    Files.createDirectories(dir);
    JSON.writeValue(dir.resolve(HfModelReader.CONFIG).toFile(), model.config().toJson(JSON));
    List<SafetensorsWriter> shards = new ArrayList<>();
    List<List<String>> names = new ArrayList<>();
    SafetensorsWriter current = null;
    for (Param p : model.parameters().values()) {
      long bytes = 4L * p.value().size();
      if (current == null || (current.dataBytes() > 0 && current.dataBytes() + bytes > maxShardBytes)) {
        current = new SafetensorsWriter().metadata("format", "pt");
        shards.add(current);
        names.add(new ArrayList<>());
      }
      boolean vector = p.value().rows() == 1;
      current.add(p.name(), p.value().toArray(), p.hfShape(vector));
      names.get(names.size() - 1).add(p.name());
    }
    if (shards.size() == 1) {
      shards.get(0).write(dir.resolve(HfModelReader.WEIGHTS));
      Files.deleteIfExists(dir.resolve(HfModelReader.INDEX));
      return;
    }
    ObjectNode index = JSON.createObjectNode();
    long total = 0;
    ObjectNode map = JSON.createObjectNode();
    for (int i = 0; i < shards.size(); i++) {
      String file = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
      shards.get(i).write(dir.resolve(file));
      total += shards.get(i).dataBytes();
      for (String name : names.get(i)) {
        map.put(name, file);
      }
    }
    index.putObject("metadata").put("total_size", total);
    index.set("weight_map", map);
    JSON.writeValue(dir.resolve(HfModelReader.INDEX).toFile(), index);
    Files.deleteIfExists(dir.resolve(HfModelReader.WEIGHTS));
  }
}
