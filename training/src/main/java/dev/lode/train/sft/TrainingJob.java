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
 * The two training runs, from a model directory and a data source to an output directory: {@link #sft} trains a
 * LoRA adapter on conversations (written in PEFT's format), {@link #base} trains every weight on documents (written
 * as a Hugging Face model directory, tokenizer included). Data streams from its source through the tokenizer into
 * the packer; nothing holds the dataset, so a Delta table of any size trains like a small file.
 */
public final class TrainingJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

  private TrainingJob() {}

  /**
   * Trains a LoRA adapter ({@code train.lora}) on {@code source}'s conversations and writes it to {@code out};
   * with {@code dev} not null, the dev loss is measured on it every {@code train.eval_every} steps and reported to
   * {@code listener}, which also hears every step.
   *
   * @throws IllegalArgumentException when {@code source} yields no usable example (naming it and its skip counts)
   */
  public static Trainer.Result sft(Path modelDir, ExampleSource source, ExampleSource dev, Path out,
      TrainConfig train, boolean resume, PrintStream err, StepListener listener) throws IOException {
    checkOut(out, resume);
    LlamaModel model = HfModelReader.read(modelDir);
    int seq = checkSeq(train, model);
    try (HfTokenizer tok = HfTokenizer.load(modelDir)) {
      ChatEncoder encoder = new ChatEncoder(tok, model.config().vocabSize(), seq + 1);
      EncodedSource data = EncodedSource.chat(source, encoder);
      EncodedSource devData = dev == null ? null : EncodedSource.chat(dev, encoder);
      LoraModel peft = new LoraModel(model);
      LoraAdapter adapter = LoraAdapter.initialise("default", train.lora(), model,
          modelDir.toAbsolutePath().toString(), train.seed());
      peft.add(adapter);
      peft.setActive("default");
      model.setBaseTrainable(false);
      adapter.setTrainable(true);
      return run(model, adapter, train, data, devData, padId(tok), out, resume, err, listener);
    }
  }

  /**
   * Trains every weight on {@code source}'s documents and writes the model, tokenizer included, to {@code out};
   * {@code listener} hears every step.
   *
   * @throws IllegalArgumentException when {@code source} yields no usable document (naming it and its skip counts)
   */
  public static Trainer.Result base(Path modelDir, DocumentSource source, Path out, TrainConfig train,
      boolean resume, PrintStream err, StepListener listener) throws IOException {
    checkOut(out, resume);
    LlamaModel model = HfModelReader.read(modelDir);
    int seq = checkSeq(train, model);
    Trainer.Result r;
    try (HfTokenizer tok = HfTokenizer.load(modelDir)) {
      EncodedSource data = EncodedSource.text(source, new DocumentEncoder(tok, model.config().vocabSize(), seq + 1));
      model.setBaseTrainable(true);
      r = run(model, null, train, data, null, padId(tok), out, resume, err, listener);
    }
    for (String f : List.of(HfTokenizer.TOKENIZER, HfTokenizer.TOKENIZER_CONFIG)) {
      if (Files.isRegularFile(modelDir.resolve(f))) {
        Files.copy(modelDir.resolve(f), out.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return r;
  }

  private static Trainer.Result run(LlamaModel model, LoraAdapter adapter, TrainConfig train, EncodedSource data,
      EncodedSource dev, int pad, Path out, boolean resume, PrintStream err, StepListener listener)
      throws IOException {
    RowPacker rows = new RowPacker(data, RowPacker.Packing.of(train.packing()), train.seqLen(), train.shuffleBuffer(),
        train.seed(), pad);
    ProgressBar progress = progress(train, err);
    Trainer.Result r = new Trainer(model, adapter, train, rows, dev, pad, out, progress, listener).run(resume);
    LOG.info("{}: {}; {} rows, {} learned tokens", data.describe(), r.skips(), r.rows(), r.learnedTokens());
    if (r.skips().total() > 0) {
      progress.message("skipped from " + data.describe() + ": " + r.skips());
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
