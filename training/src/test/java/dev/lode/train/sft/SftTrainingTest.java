package dev.lode.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.ConfigLoader;
import dev.lode.config.TrainConfig;
import dev.lode.train.io.HfModelWriter;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.ModelFixtures;
import dev.lode.train.score.Scorer;
import dev.lode.train.tokenizer.ByteLevelBpeTrainer;
import dev.lode.train.tokenizer.TokenizerFilesWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftTrainingTest {
  @TempDir static Path shared;
  static Path model;
  static Path data;
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  private static final List<String> ALL = List.of("q", "k", "v", "o", "gate", "up", "down");

  @BeforeAll
  static void smallModelAndData() throws IOException {
    model = shared.resolve("model");
    LlamaConfig cfg = new LlamaConfig("llama", 259, 64, 128, 2, 4, 2, 16, 1e-6, 10000.0, 256, false,
        false, false, false, 0, 2);
    // weights at the scale of a trained model: a fresh N(0, 0.02²) head bounds the logits to about ±1, which no
    // adapter can overfit through
    LlamaModel m = ModelFixtures.randomModel(cfg, 1);
    HfModelWriter.write(m, model);
    TokenizerFilesWriter.write(new ByteLevelBpeTrainer(259, 2, TokenizerFilesWriter.SPECIAL_TOKENS).train(), 256,
        model);
    data = shared.resolve("chat.jsonl");
    Files.writeString(data, String.join("\n",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"add\"}, {\"role\": \"assistant\", \"content\": \"a + b\"}]}",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"sub\"}, {\"role\": \"assistant\", \"content\": \"a - b\"}]}",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"mul\"}, {\"role\": \"assistant\", \"content\": \"a * b\"}]}",
        ""));
  }

  /**
   * {@code train:} for the small runs here, every setting the trainer reads pinned, as {@code --set} would give it;
   * MFU against a fixed 1 GFLOP/s so that no run measures a peak.
   */
  private static TrainConfig train(int steps, double lr, int checkpointEvery, String... more) {
    List<String> sets = new ArrayList<>(List.of("train.steps=" + steps, "train.batch_size=2",
        "train.seq_len=48", "train.grad_accum=2", "train.lr=" + lr, "train.warmup_steps=2", "train.min_lr_ratio=0.1",
        "train.weight_decay=0.0", "train.beta1=0.9", "train.beta2=0.999", "train.eps=1e-8", "train.grad_clip=1.0",
        "train.seed=7", "train.checkpoint_every=" + checkpointEvery, "train.keep_checkpoints=0",
        "train.log_every=1000", "train.peak_gflops=1"));
    sets.addAll(List.of(more));
    return ConfigLoader.load(null, sets).train();
  }

  /** {@code train.lora} settings: rank, alpha and dropout on all seven projections, no rsLoRA. */
  private static String[] lora(int r, double alpha, double dropout) {
    return new String[] {"train.lora.r=" + r, "train.lora.alpha=" + alpha, "train.lora.dropout=" + dropout,
        "train.lora.target_modules=[" + String.join(",", ALL) + "]", "train.lora.use_rslora=false"};
  }

  @Test
  void sftOverfitsAHandfulOfExamples() throws IOException {
    Path out = shared.resolve("overfit");
    Trainer.Result r = TrainingJob.sft(model, new ChatJsonlSource(data), out, train(60, 2e-2, 0, lora(8, 16, 0.0)),
        false, QUIET);
    double first = r.losses().get(0);
    double last = r.losses().get(r.losses().size() - 1);
    System.out.printf("SFT overfit: loss %.4f → %.4f in %d steps%n", first, last, r.steps());
    assertTrue(last < 0.3, "final loss " + last);
    assertTrue(Files.isRegularFile(out.resolve("adapter_model.safetensors")));
    // the trained adapter makes the reply likely: scored with it, the assistant bytes are near-certain
    try (Scorer base = Scorer.load(model, null); Scorer tuned = Scorer.load(model, out)) {
      String text = "<|im_start|>user\nsub<|im_end|>\n<|im_start|>assistant\na - b<|im_end|>\n";
      double[] b = base.score(text).logprobs();
      double[] t = tuned.score(text).logprobs();
      double sumB = 0;
      double sumT = 0;
      for (int i = b.length - 6; i < b.length; i++) {
        sumB += b[i];
        sumT += t[i];
      }
      assertTrue(sumT > sumB + 10, "adapter raises log p of the reply: base " + sumB + ", tuned " + sumT);
    }
  }

  @Test
  void resumeReproducesTheUninterruptedLossSequence() throws IOException {
    TrainConfig o = train(8, 5e-3, 4, lora(4, 8, 0.1)); // dropout on: masks must replay too
    Path full = shared.resolve("full");
    List<Double> uninterrupted = TrainingJob.sft(model, new ChatJsonlSource(data), full, o, false, QUIET)
        .losses();
    // an interrupted run: only the step-4 checkpoint survived
    Path resumed = shared.resolve("resumed");
    copyTree(full.resolve("checkpoint-4"), resumed.resolve("checkpoint-4"));
    List<Double> continued = TrainingJob.sft(model, new ChatJsonlSource(data), resumed, o, true, QUIET)
        .losses();
    assertEquals(uninterrupted, continued, "bit-identical loss sequence");
    assertEquals(Files.readAllBytes(full.resolve("adapter_model.safetensors")).length,
        Files.readAllBytes(resumed.resolve("adapter_model.safetensors")).length);
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(full.resolve("adapter_model.safetensors")),
        Files.readAllBytes(resumed.resolve("adapter_model.safetensors"))), "same adapter bytes");
  }

  @Test
  void divergenceStopsWithAClearErrorAndKeepsTheLastGoodCheckpoint() throws IOException {
    Path out = shared.resolve("diverge");
    // A learning rate of 1e30 is past train.lr's bound, which the configuration refuses; the trainer's own guard is
    // what is tested here, so the record is built directly, as code embedding the trainer could.
    TrainConfig d = ConfigLoader.defaults().train();
    TrainConfig o = new TrainConfig("cpu", 0, 7, 6, 2, 48, 1, 1e30, 0, 1.0, 0.0, 0.9, 0.999, 1e-8, 0.0, 1, 0, 1000,
        1, new TrainConfig.Lora(4, 8, 0.0, ALL, false), d.base(), d.bench());
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> TrainingJob.sft(model,
        new ChatJsonlSource(data), out, o, false, QUIET));
    System.out.println("divergence: " + e.getMessage());
    assertTrue(e.getMessage().contains("Last good checkpoint: " + out.resolve("checkpoint-1")), e.getMessage());
    assertTrue(Files.isRegularFile(out.resolve("checkpoint-1").resolve("adapter_model.safetensors")));
    assertFalse(Files.exists(out.resolve("trainer_state.json")), "no final result written after divergence");
  }

  @Test
  void badTrainingDataNamesTheFileAndLine() throws IOException {
    Path bad = shared.resolve("bad.jsonl");
    Files.writeString(bad, "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}, "
        + "{\"role\": \"assistant\", \"content\": \"y\"}]}\n{\"messages\": [{\"role\": \"user\"}]}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ChatJsonlSource(bad).read());
    assertTrue(e.getMessage().contains(bad + ":2"), e.getMessage());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path dst = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(p, dst);
        }
      }
    }
  }
}
