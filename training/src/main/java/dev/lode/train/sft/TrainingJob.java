package dev.lode.train.sft;

import dev.lode.config.TrainConfig;
import dev.lode.train.io.HfModelReader;
import dev.lode.train.lora.LoraAdapter;
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

  /** Trains a LoRA adapter ({@code train.lora}) on {@code source}'s conversations and writes it to {@code out}. */
  public static Trainer.Result sft(Path modelDir, ExampleSource source, Path out, TrainConfig train, boolean resume,
      PrintStream err) throws IOException {
    checkOut(out, resume);
    LlamaModel model = HfModelReader.read(modelDir);
    List<TokenizedExample> examples;
    int pad;
    try (HfTokenizer tok = HfTokenizer.load(modelDir)) {
      examples = new ChatEncoder(tok, model.config().vocabSize()).encode(source.read());
      pad = padId(tok);
    }
    int seq = checkSeq(train, model);
    LOG.info("sft: {} examples from {}, {} learned tokens", examples.size(), source.describe(),
        examples.stream().mapToInt(TokenizedExample::learnedTokens).sum());
    LoraModel peft = new LoraModel(model);
    LoraAdapter adapter = LoraAdapter.initialise("default", train.lora(), model, modelDir.toAbsolutePath().toString(),
        train.seed());
    peft.add(adapter);
    peft.setActive("default");
    model.setBaseTrainable(false);
    adapter.setTrainable(true);
    PackedRows rows = new PackedRows(examples, seq, train.seed(), pad);
    Trainer trainer = new Trainer(model, adapter, train, rows, out, progress(train, err));
    return trainer.run(resume);
  }

  /** Trains every weight on {@code textJsonl}'s texts and writes the model, tokenizer included, to {@code out}. */
  public static Trainer.Result base(Path modelDir, Path textJsonl, Path out, TrainConfig train, boolean resume,
      PrintStream err) throws IOException {
    checkOut(out, resume);
    LlamaModel model = HfModelReader.read(modelDir);
    List<TokenizedExample> docs;
    int pad;
    try (HfTokenizer tok = HfTokenizer.load(modelDir)) {
      docs = TextJsonlSource.read(textJsonl, tok, model.config().vocabSize());
      pad = padId(tok);
    }
    int seq = checkSeq(train, model);
    model.setBaseTrainable(true);
    Trainer trainer = new Trainer(model, null, train, new PackedRows(docs, seq, train.seed(), pad), out,
        progress(train, err));
    Trainer.Result r = trainer.run(resume);
    for (String f : List.of(HfTokenizer.TOKENIZER, HfTokenizer.TOKENIZER_CONFIG)) {
      if (Files.isRegularFile(modelDir.resolve(f))) {
        Files.copy(modelDir.resolve(f), out.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return r;
  }

  private static ProgressBar progress(TrainConfig train, PrintStream err) {
    return new ProgressBar(err, train.steps(), System.console() != null, train.logEvery());
  }

  private static int checkSeq(TrainConfig train, LlamaModel model) {
    if (train.seqLen() > model.config().maxPositions()) {
      throw new IllegalArgumentException("seq_len " + train.seqLen() + " exceeds the model's max_position_embeddings "
          + model.config().maxPositions());
    }
    return train.seqLen();
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
