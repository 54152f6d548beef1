package dev.lode.train.sft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lode.config.TrainConfig;
import dev.lode.train.io.HfModelWriter;
import dev.lode.train.io.PeftAdapterWriter;
import dev.lode.train.io.SafetensorsReader;
import dev.lode.train.io.SafetensorsWriter;
import dev.lode.train.lora.LoraAdapter;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.Param;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code OUT/checkpoint-N/}: the trained weights in their release format (a PEFT adapter, or a full Hugging Face
 * model), {@code optimizer.safetensors} (AdamW moments) and {@code trainer_state.json} (step, loss history and dev
 * losses).
 * A checkpoint is written under a temporary name and renamed when complete, so a crash mid-write never leaves a
 * checkpoint that looks whole.
 */
public final class Checkpoints {
  public static final String STATE = "trainer_state.json";
  public static final String OPTIMIZER = "optimizer.safetensors";
  private static final String PREFIX = "checkpoint-";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What a checkpoint restores. */
  public record State(int step, List<Double> losses, List<Trainer.DevLoss> devLosses, Path dir) {}

  private final Path out;
  private final int keep;
  private final long seed;

  /** Checkpoints of a run into {@code out}, keeping {@code train.keep_checkpoints} and recording {@code train.seed}. */
  public Checkpoints(Path out, TrainConfig train) {
    this.out = out;
    this.keep = train.keepCheckpoints();
    this.seed = train.seed();
  }

  /** Writes checkpoint-{step}; returns its directory. */
  public Path save(int step, List<Double> losses, List<Trainer.DevLoss> devLosses, LlamaModel model,
      LoraAdapter adapter, AdamW opt) throws IOException {
    Path dir = out.resolve(PREFIX + step);
    Path tmp = out.resolve(PREFIX + step + ".partial");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    writeWeights(tmp, model, adapter);
    SafetensorsWriter moments = new SafetensorsWriter().metadata("format", "lode-adamw");
    opt.state().forEach((name, v) -> moments.add(name, v, v.length));
    moments.write(tmp.resolve(OPTIMIZER));
    writeState(tmp, step, losses, devLosses, adapter == null ? "full" : "lora");
    deleteTree(dir);
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    prune();
    return dir;
  }

  /** The adapter (or full model) and trainer state of a finished run, in OUT itself. */
  public void saveFinal(int step, List<Double> losses, List<Trainer.DevLoss> devLosses, LlamaModel model,
      LoraAdapter adapter) throws IOException {
    writeWeights(out, model, adapter);
    writeState(out, step, losses, devLosses, adapter == null ? "full" : "lora");
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Path> latest() throws IOException {
    if (!Files.isDirectory(out)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+"))
          .filter(p -> Files.isRegularFile(p.resolve(STATE)))
          .max(Comparator.comparingInt(Checkpoints::stepOf));
    }
  }

  /** Loads a checkpoint's weights into the trainable parameters and the optimiser's moments. */
  public State restore(Path dir, List<Param> trainable, AdamW opt) throws IOException {
    JsonNode state = JSON.readTree(dir.resolve(STATE).toFile());
    int step = state.path("global_step").asInt(-1);
    if (step < 0) {
      throw new IOException(dir.resolve(STATE) + ": has no global_step");
    }
    List<Double> losses = new ArrayList<>();
    state.path("losses").forEach(n -> losses.add(n.asDouble()));
    List<Trainer.DevLoss> devLosses = new ArrayList<>();
    state.path("dev_losses").forEach(n -> devLosses.add(new Trainer.DevLoss(n.path("step").asInt(),
        n.path("loss").asDouble())));
    Path weights = Files.isRegularFile(dir.resolve(PeftAdapterWriter.WEIGHTS)) ? dir.resolve(PeftAdapterWriter.WEIGHTS)
        : dir.resolve("model.safetensors");
    try (SafetensorsReader r = SafetensorsReader.open(weights)) {
      for (Param p : trainable) {
        String key = r.tensors().containsKey(p.name()) ? p.name() : PeftAdapterWriter.KEY_PREFIX + p.name();
        if (!r.tensors().containsKey(key)) {
          throw new IOException(weights + ": checkpoint has no weight " + p.name() + " (different run settings?)");
        }
        float[] v = r.readFloats(key);
        if (v.length != p.value().size()) {
          throw new IOException(weights + ": weight " + p.name() + " has " + v.length + " values, expected "
              + p.value().size());
        }
        p.value().copyFrom(v);
      }
    }
    Map<String, float[]> moments = new LinkedHashMap<>();
    try (SafetensorsReader r = SafetensorsReader.open(dir.resolve(OPTIMIZER))) {
      for (String name : r.tensors().keySet()) {
        moments.put(name, r.readFloats(name));
      }
    }
    opt.restore(moments, step);
    return new State(step, losses, devLosses, dir);
  }

  private static void writeWeights(Path dir, LlamaModel model, LoraAdapter adapter) throws IOException {
    if (adapter != null) {
      PeftAdapterWriter.write(adapter, dir);
    } else {
      HfModelWriter.write(model, dir);
    }
  }

  private void writeState(Path dir, int step, List<Double> losses, List<Trainer.DevLoss> devLosses, String mode)
      throws IOException {
    ObjectNode s = JSON.createObjectNode();
    s.put("global_step", step);
    s.put("mode", mode);
    s.put("seed", seed);
    var arr = s.putArray("losses");
    losses.forEach(arr::add);
    var dev = s.putArray("dev_losses");
    devLosses.forEach(d -> dev.addObject().put("step", d.step()).put("loss", d.loss()));
    Path tmp = dir.resolve(STATE + ".partial");
    JSON.writeValue(tmp.toFile(), s);
    Files.move(tmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void prune() throws IOException {
    if (keep <= 0) {
      return;
    }
    List<Path> all;
    try (Stream<Path> s = Files.list(out)) {
      all = s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+"))
          .sorted(Comparator.comparingInt(Checkpoints::stepOf)).toList();
    }
    for (int i = 0; i < all.size() - keep; i++) {
      deleteTree(all.get(i));
    }
  }

  private static int stepOf(Path p) {
    return Integer.parseInt(p.getFileName().toString().substring(PREFIX.length()));
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
