package dev.lode.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.ConfigLoader;
import dev.lode.config.TrainConfig;
import dev.lode.train.io.HfModelReader;
import dev.lode.train.io.HfModelWriter;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.ModelFixtures;
import dev.lode.train.score.Scorer;
import dev.lode.train.tokenizer.ByteLevelBpeTrainer;
import dev.lode.train.tokenizer.ChatMessage;
import dev.lode.train.tokenizer.HfTokenizer;
import dev.lode.train.tokenizer.TokenizerFilesWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
        "train.log_every=1000", "train.peak_gflops=1", "train.packing=causal", "train.shuffle_buffer=100",
        "train.eval_every=0", "train.eval_rows=10"));
    sets.addAll(List.of(more));
    return ConfigLoader.load(null, sets).train();
  }

  /** {@code train.lora} settings: rank, alpha and dropout on all seven projections, no rsLoRA. */
  private static String[] lora(int r, double alpha, double dropout) {
    return new String[] {"train.lora.r=" + r, "train.lora.alpha=" + alpha, "train.lora.dropout=" + dropout,
        "train.lora.target_modules=[" + String.join(",", ALL) + "]", "train.lora.use_rslora=false"};
  }

  private static String[] with(String[] sets, String... more) {
    return Stream.concat(Stream.of(sets), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void sftOverfitsAHandfulOfExamples() throws IOException {
    Path out = shared.resolve("overfit");
    Trainer.Result r = TrainingJob.sft(model, new ChatJsonlSource(data), null, out,
        train(60, 2e-2, 0, lora(8, 16, 0.0)), false, QUIET, StepListener.NONE);
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
    List<Double> uninterrupted = TrainingJob.sft(model, new ChatJsonlSource(data), null, full, o, false, QUIET,
        StepListener.NONE).losses();
    // an interrupted run: only the step-4 checkpoint survived
    Path resumed = shared.resolve("resumed");
    copyTree(full.resolve("checkpoint-4"), resumed.resolve("checkpoint-4"));
    List<Double> continued = TrainingJob.sft(model, new ChatJsonlSource(data), null, resumed, o, true, QUIET,
        StepListener.NONE).losses();
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
    TrainConfig o = new TrainConfig("cpu", 0, 7, 6, 2, 48, "causal", 100, 1, 1e30, 0, 1.0, 0.0, 0.9, 0.999, 1e-8, 0.0,
        1, 0, 1000, 0, 1, 1, 1, new TrainConfig.Lora(4, 8, 0.0, ALL, false), d.base(), d.bench());
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> TrainingJob.sft(model,
        new ChatJsonlSource(data), null, out, o, false, QUIET, StepListener.NONE));
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
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
      try (CloseableIterator<ExampleSource.Example> it = new ChatJsonlSource(bad).open()) {
        it.forEachRemaining(x -> { });
      }
    });
    assertTrue(e.getMessage().contains(bad + ":2"), e.getMessage());
  }

  /** A conversation of one user and one assistant turn, as chat JSONL writes it. */
  private static String chat(String user, String assistant) {
    return "{\"messages\": [{\"role\": \"user\", \"content\": \"" + user + "\"}, {\"role\": \"assistant\", "
        + "\"content\": \"" + assistant + "\"}]}";
  }

  /** A source that makes its examples as they are read, and counts passes opened, closed and examples read. */
  private static final class CountingSource implements ExampleSource {
    final int size;
    int opens;
    int closes;
    long read;

    CountingSource(int size) {
      this.size = size;
    }

    @Override
    public String describe() {
      return "generated(" + size + ")";
    }

    @Override
    public CloseableIterator<Example> open() {
      opens++;
      Iterator<Example> it = IntStream.range(0, size).mapToObj(i -> {
        read++;
        return new Example("gen:" + i, List.of(new ChatMessage("user", "n" + i % 7),
            new ChatMessage("assistant", "v" + i % 5)));
      }).iterator();
      return new CloseableIterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Example next() {
          return it.next();
        }

        @Override
        public void close() {
          closes++;
        }
      };
    }
  }

  @Test
  void aHundredThousandExamplesStreamThroughTheTrainerWithoutBeingMaterialised() throws IOException {
    CountingSource big = new CountingSource(100_000);
    Trainer.Result r = TrainingJob.sft(model, big, null, shared.resolve("stream"),
        train(3, 1e-3, 0, lora(4, 8, 0.0)), false, QUIET, StepListener.NONE);
    assertEquals(3, r.losses().size());
    assertEquals(12, r.rows(), "3 steps × grad_accum 2 × batch 2");
    assertEquals(1, big.opens, "one pass opened");
    assertEquals(1, big.closes, "and closed when training ended");
    assertTrue(big.read < 100 + 12 * 3, "read lazily: the shuffle buffer (100) and the rows trained, not 100k: "
        + big.read);
  }

  @Test
  void theTrainerOpensOnePassPerEpoch() throws IOException {
    CountingSource small = new CountingSource(3); // about two rows of 48 per epoch; 12 rows take several epochs
    TrainingJob.sft(model, small, null, shared.resolve("epochs"), train(3, 1e-3, 0, lora(4, 8, 0.0)), false, QUIET,
        StepListener.NONE);
    assertTrue(small.opens >= 3, "several epochs, one pass each: " + small.opens);
    assertEquals(small.opens, small.closes, "every pass closed");
    assertTrue(small.read > 3L * (small.opens - 1) && small.read <= 3L * small.opens,
        "every pass but the last read whole: " + small.read + " examples in " + small.opens + " passes");
  }

  @Test
  void badRecordsAreSkippedCountedAndNamedWhileTheRunGoesOn() throws IOException {
    Path mixed = shared.resolve("mixed.jsonl");
    Files.writeString(mixed, String.join("\n", chat("add", "a + b"),
        "{\"messages\": [{\"role\": \"user\", \"content\": \"no reply\"}]}",
        chat("sub", "a - b"), chat("long", "x".repeat(200)), chat("mul", "a * b"), ""));
    Trainer.Result r = TrainingJob.sft(model, new ChatJsonlSource(mixed), null, shared.resolve("mixed"),
        train(2, 1e-3, 0, lora(4, 8, 0.0)), false, QUIET, StepListener.NONE);
    assertEquals(Map.of("no_learned_tokens", 1L, "longer_than_seq_len", 1L), r.skips().byReason());
    assertEquals(List.of(mixed + ":2"), r.skips().firstIds().get("no_learned_tokens"));
    assertEquals(List.of(mixed + ":4"), r.skips().firstIds().get("longer_than_seq_len"));
    assertEquals(3, r.skips().keptCount());
    assertTrue(r.learnedTokens() > 0);
  }

  @Test
  void aSourceWithNothingToTrainOnIsRefusedNamingItAndItsSkips() throws IOException {
    Path unusable = shared.resolve("unusable.jsonl");
    Files.writeString(unusable, chat("long", "y".repeat(300)) + "\n" + chat("longer", "z".repeat(400)) + "\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingJob.sft(model,
        new ChatJsonlSource(unusable), null, shared.resolve("unusable"), train(2, 1e-3, 0, lora(4, 8, 0.0)), false,
        QUIET, StepListener.NONE));
    assertTrue(e.getMessage().contains(unusable.toString()) && e.getMessage().contains("longer_than_seq_len 2")
        && e.getMessage().contains(unusable + ":1"), e.getMessage());
    Path empty = shared.resolve("empty.jsonl");
    Files.writeString(empty, "\n");
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> TrainingJob.sft(model,
        new ChatJsonlSource(empty), null, shared.resolve("empty"), train(2, 1e-3, 0, lora(4, 8, 0.0)), false,
        QUIET, StepListener.NONE));
    assertTrue(none.getMessage().contains(empty.toString()) && none.getMessage().contains("0 used, 0 skipped"),
        none.getMessage());
  }

  @Test
  void everyStepAndTheDevLossEveryEvalEveryStepsAndAtTheLastReachTheListener() throws IOException {
    List<Integer> steps = new ArrayList<>();
    List<Double> norms = new ArrayList<>();
    List<Trainer.DevLoss> heard = new ArrayList<>();
    StepListener listener = new StepListener() {
      @Override
      public void step(int step, double loss, double lr, double tokensPerSecond, double gradNorm) {
        steps.add(step);
        norms.add(gradNorm);
        assertTrue(loss > 0 && lr > 0 && tokensPerSecond > 0, "step " + step);
      }

      @Override
      public void eval(int step, double devLoss) {
        heard.add(new Trainer.DevLoss(step, devLoss));
      }
    };
    Trainer.Result r = TrainingJob.sft(model, new ChatJsonlSource(data), new ChatJsonlSource(data),
        shared.resolve("eval"), train(5, 2e-2, 0, with(lora(8, 16, 0.0), "train.eval_every=2", "train.eval_rows=2")),
        false, QUIET, listener);
    assertEquals(List.of(1, 2, 3, 4, 5), steps);
    norms.forEach(n -> assertTrue(n > 0 && Double.isFinite(n), "gradient norm " + n));
    assertEquals(List.of(2, 4, 5), heard.stream().map(Trainer.DevLoss::step).toList());
    assertEquals(heard, r.devLosses());
    assertTrue(heard.get(2).loss() < heard.get(0).loss(), "training on the dev data lowers its loss: " + heard);
    Trainer.Result never = TrainingJob.sft(model, new ChatJsonlSource(data), new ChatJsonlSource(data),
        shared.resolve("eval-never"), train(2, 2e-2, 0, lora(8, 16, 0.0)), false, QUIET, StepListener.NONE);
    assertEquals(List.of(), never.devLosses(), "eval_every 0: never");
  }

  @Test
  void baseTrainingStreamsDocumentsAndTrainsALongOneAsWindows() throws IOException {
    Path text = shared.resolve("text.jsonl");
    Files.writeString(text, "{\"text\": \"def add(a, b): return a + b\"}\n{\"text\": \"" + "z = 1; ".repeat(20)
        + "\"}\n");
    Path out = shared.resolve("base");
    Trainer.Result r = TrainingJob.base(model, new TextJsonlSource(text), out, train(2, 1e-3, 0), false, QUIET,
        StepListener.NONE);
    assertEquals(2, r.losses().size());
    assertEquals(0, r.skips().total());
    assertEquals(1 + 3, r.skips().keptCount(), "27 tokens fit a row; 141 make three windows of at most 49");
    assertTrue(Files.isRegularFile(out.resolve("model.safetensors")) && Files.isRegularFile(out.resolve(
        "tokenizer.json")));
  }

  @Test
  void completionLossIsTheMeanNllOfTheLearnedTokensAsTheScorerSeesThem() {
    LlamaModel m = HfModelReader.read(model);
    List<ExampleSource.Example> examples = List.of(
        new ExampleSource.Example("a", List.of(new ChatMessage("user", "add"), new ChatMessage("assistant", "a+b"))),
        new ExampleSource.Example("b", List.of(new ChatMessage("user", "sub"), new ChatMessage("assistant", "a-b"))),
        new ExampleSource.Example("c", List.of(new ChatMessage("user", "mul"), new ChatMessage("assistant", "a*b"))),
        new ExampleSource.Example("skip", List.of(new ChatMessage("user", "nothing to learn"))));
    ExampleSource source = ExampleSource.of("three", examples::iterator);
    try (HfTokenizer tok = HfTokenizer.load(model)) {
      ChatEncoder encoder = new ChatEncoder(tok, m.config().vocabSize(), 49);
      double nll = 0;
      long learned = 0;
      Scorer scorer = new Scorer(m, tok);
      for (ExampleSource.Example e : examples.subList(0, 3)) {
        TokenizedExample t = encoder.encode(e).example();
        double[] lp = scorer.score(t.ids()).logprobs();
        for (int i = 1; i < t.ids().length; i++) {
          if (t.learn()[i]) {
            nll -= lp[i - 1];
            learned++;
          }
        }
      }
      // batches of two rows: the third example shares no batch with the others, and the skip is counted
      CompletionLoss.Result r = CompletionLoss.evaluate(m, EncodedSource.chat(source, encoder), 0, 2, 48, 0);
      assertEquals(nll / learned, r.loss(), 1e-4);
      assertEquals(Math.exp(r.loss()), r.perplexity(), 1e-9);
      assertEquals(learned, r.tokens());
      assertEquals(3, r.rows());
      assertEquals(Map.of("no_learned_tokens", 1L), r.skips().byReason());
      CompletionLoss.Result first = CompletionLoss.evaluate(m, EncodedSource.chat(source, encoder), 1, 2, 48, 0);
      assertEquals(1, first.rows(), "at most maxRows examples");
    }
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
