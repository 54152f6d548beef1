package dev.lode.train.sft;

import dev.lode.config.TrainConfig;
import dev.lode.train.io.HfModelReader;
import dev.lode.train.lora.LoraAdapter;
import dev.lode.train.lora.LoraConfig;
import dev.lode.train.lora.LoraModel;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two training runs the CLI offers, from a model directory and a data file to an output directory:
 * {@link #sft} trains a LoRA adapter on chat JSONL (written in PEFT's format), {@link #base} trains every weight on
 * text JSONL (written as a Hugging Face model directory, tokenizer included).
 */
public final class TrainingJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

  private TrainingJob() {}

  /** Settings from {@code train:}, before command-line overrides. */
  public static TrainOptions options(TrainConfig c) {
    return new TrainOptions(c.steps(), c.batchSize(), c.seqLen(), c.gradAccum(), c.lr(), c.warmupSteps(),
        c.minLrRatio(), c.weightDecay(), c.beta1(), c.beta2(), c.eps(), c.gradClip(), c.seed(), c.checkpointEvery(),
        c.keepCheckpoints(), c.logEvery(), c.peakGflops() * 1e9);
  }

  public static LoraConfig lora(TrainConfig.Lora c) {
    return new LoraConfig(c.r(), c.alpha(), c.dropout(), c.targetModules(), c.useRslora());
  }

  public static Trainer.Result sft(Path modelDir, ExampleSource source, Path out, TrainOptions o, LoraConfig lora,
      boolean resume, PrintStream err) throws IOException {
    checkOut(out, resume);
    LlamaModel model = HfModelReader.read(modelDir);
    List<TokenizedExample> examples;
    int pad;
    try (HfTokenizer tok = HfTokenizer.load(modelDir)) {
      examples = new ChatEncoder(tok, model.config().vocabSize()).encode(source.read());
      pad = padId(tok);
    }
    int seq = checkSeq(o, model);
    LOG.info("sft: {} examples from {}, {} learned tokens", examples.size(), source.describe(),
        examples.stream().mapToInt(TokenizedExample::learnedTokens).sum());
    LoraModel peft = new LoraModel(model);
    LoraAdapter adapter = LoraAdapter.initialise("default", lora, model, modelDir.toAbsolutePath().toString(),
        o.seed());
    peft.add(adapter);
    peft.setActive("default");
    model.setBaseTrainable(false);
    adapter.setTrainable(true);
    PackedRows rows = new PackedRows(examples, seq, o.seed(), pad);
    Trainer trainer = new Trainer(model, adapter, o, rows, out, progress(o, err));
    return trainer.run(resume);
  }

  public static Trainer.Result base(Path modelDir, Path textJsonl, Path out, TrainOptions o, boolean resume,
      PrintStream err) throws IOException {
    checkOut(out, resume);
    LlamaModel model = HfModelReader.read(modelDir);
    List<TokenizedExample> docs;
    int pad;
    try (HfTokenizer tok = HfTokenizer.load(modelDir)) {
      docs = TextJsonlSource.read(textJsonl, tok, model.config().vocabSize());
      pad = padId(tok);
    }
    int seq = checkSeq(o, model);
    model.setBaseTrainable(true);
    Trainer trainer = new Trainer(model, null, o, new PackedRows(docs, seq, o.seed(), pad), out, progress(o, err));
    Trainer.Result r = trainer.run(resume);
    for (String f : List.of(HfTokenizer.TOKENIZER, HfTokenizer.TOKENIZER_CONFIG)) {
      if (Files.isRegularFile(modelDir.resolve(f))) {
        Files.copy(modelDir.resolve(f), out.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return r;
  }

  private static ProgressBar progress(TrainOptions o, PrintStream err) {
    return new ProgressBar(err, o.steps(), System.console() != null, o.logEvery());
  }

  private static int checkSeq(TrainOptions o, LlamaModel model) {
    if (o.seqLen() > model.config().maxPositions()) {
      throw new IllegalArgumentException("seq_len " + o.seqLen() + " exceeds the model's max_position_embeddings "
          + model.config().maxPositions());
    }
    return o.seqLen();
  }

  private static int padId(HfTokenizer tok) {
    Integer eos = tok.eosId();
    return eos != null ? eos : 0;
  }

  /** Refuses to train over a finished run's output unless resuming, so no adapter is lost by accident. */
  private static void checkOut(Path out, boolean resume) throws IOException {
    if (!resume && Files.isRegularFile(out.resolve(Checkpoints.STATE))) {
      throw new IllegalArgumentException(out + " already holds a finished run (" + Checkpoints.STATE
          + "); choose another --out, or --resume to continue it");
    }
    if (!resume && Files.isDirectory(out)) {
      try (var s = Files.list(out)) {
        if (s.anyMatch(p -> p.getFileName().toString().startsWith("checkpoint-"))) {
          throw new IllegalArgumentException(out + " holds checkpoints of an earlier run; pass --resume to continue "
              + "it or choose another --out");
        }
      }
    }
    Files.createDirectories(out);
  }
}
