package dev.lode.train.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.ConfigFlags;
import dev.lode.config.ConfigSections;
import dev.lode.train.io.HfModelReader;
import dev.lode.train.io.HfModelWriter;
import dev.lode.train.io.PeftAdapterReader;
import dev.lode.train.lora.LoraModel;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.score.Scorer;
import dev.lode.train.tokenizer.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code model …}: use a model (and adapter) outside training. */
@Command(name = "model", description = "Score text with a model (and adapter), or merge an adapter into a model.",
    subcommands = {ModelCommand.Score.class, ModelCommand.Merge.class})
public final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(name = "score", modelTransformer = ConfigFlags.class, description = "Print {\"tokens\": [ids…], "
      + "\"logprobs\": [log p(token_i | tokens_<i) for i ≥ 1]} for a text, as one JSON object on stdout.")
  @ConfigSections("train.device")
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin CommonOptions options;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face model directory.")
    Path model;

    @Option(names = "--adapter", paramLabel = "DIR", description = "PEFT LoRA adapter directory.")
    Path adapter;

    @Option(names = "--text", required = true, paramLabel = "STRING", description = "Text to score.")
    String text;

    @Override
    public Integer call() throws Exception {
      return TrainerCli.run(spec, () -> {
        TrainerCli.start(options);
        TrainerCli.existingDir(model, "--model");
        if (adapter != null) {
          TrainerCli.existingDir(adapter, "--adapter");
        }
        try (Scorer scorer = Scorer.load(model, adapter)) {
          spec.commandLine().getOut().println(scorer.score(text).toJson());
        }
        return 0;
      });
    }
  }

  @Command(name = "merge", description = "Fold a LoRA adapter into its base (W + scaling·B·A) and write the merged "
      + "model as a Hugging Face directory.")
  static final class Merge implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin CommonOptions options;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Base model directory.")
    Path model;

    @Option(names = "--adapter", required = true, paramLabel = "DIR", description = "PEFT LoRA adapter directory.")
    Path adapter;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Merged model directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
      return TrainerCli.run(spec, () -> {
        TrainerCli.start(options);
        TrainerCli.existingDir(model, "--model");
        TrainerCli.existingDir(adapter, "--adapter");
        LlamaModel base = HfModelReader.read(model);
        LoraModel peft = new LoraModel(base);
        peft.add(PeftAdapterReader.read(adapter, "adapter", base));
        peft.setActive("adapter");
        peft.merge();
        HfModelWriter.write(base, out);
        for (String f : List.of(HfTokenizer.TOKENIZER, HfTokenizer.TOKENIZER_CONFIG)) {
          if (Files.isRegularFile(model.resolve(f))) {
            Files.copy(model.resolve(f), out.resolve(f), StandardCopyOption.REPLACE_EXISTING);
          }
        }
        spec.commandLine().getOut().println("merged " + adapter + " into " + model + " → " + out);
        return 0;
      });
    }
  }
}
