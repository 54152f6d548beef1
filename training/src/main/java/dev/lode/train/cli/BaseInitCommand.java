package dev.lode.train.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.ConfigFlags;
import dev.lode.config.ConfigSections;
import dev.lode.config.TrainConfig;
import dev.lode.train.base.BaseModelInitializer;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.sft.DocumentSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code base init}: a fresh model of the Llama family in Hugging Face format, of preset {@code train.base.preset},
 * with its own byte-level tokenizer. Here the tokenizer holds the bytes alone; a command that has texts to learn
 * BPE merges from (the lakehouse's code, in {@code lode}) extends this one and streams them through
 * {@link #tokenizerDocuments}.
 */
@Command(name = "init", modelTransformer = ConfigFlags.class, description = "Create a freshly initialised model "
    + "(Hugging Face format) with a byte-level BPE tokenizer of the 256 bytes and the special tokens.")
@ConfigSections("train.base.preset")
public class BaseInitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin protected CommonOptions options;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to create.")
  Path out;

  @Option(names = "--force", description = "Overwrite a model already in --out.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    return TrainerCli.run(spec, () -> {
      TrainConfig train = TrainerCli.start(options);
      if (Files.isRegularFile(out.resolve("config.json")) && !force) {
        throw new IllegalArgumentException(out + " already holds a model; pass --force to replace it");
      }
      String preset = train.base().preset();
      LlamaConfig cfg = BaseModelInitializer.create(tokenizerDocuments(train), train.base(), train.seed(), out);
      spec.commandLine().getOut().println("created " + preset + " model (" + cfg.parameterCount()
          + " parameters, vocab " + cfg.vocabSize() + ") in " + out);
      return 0;
    });
  }

  /**
   * The texts the tokenizer learns its BPE merges from, streamed (and bounded by {@code train.base.lakehouse_max_files}
   * and {@code lakehouse_max_bytes}); null here, for bytes only. An {@link IllegalArgumentException} refuses the
   * command line (exit 2) naming what is missing.
   */
  protected DocumentSource tokenizerDocuments(TrainConfig train) {
    return null;
  }
}
