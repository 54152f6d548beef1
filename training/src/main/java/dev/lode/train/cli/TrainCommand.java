package dev.lode.train.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.ConfigFlags;
import dev.lode.config.ConfigSections;
import dev.lode.config.TrainConfig;
import dev.lode.train.sft.ChatJsonlSource;
import dev.lode.train.sft.StepListener;
import dev.lode.train.sft.TextJsonlSource;
import dev.lode.train.sft.Trainer;
import dev.lode.train.sft.TrainingJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train …}: LoRA SFT and full-parameter base training. Every {@code train:} setting of conf/lode.yaml is a
 * flag of both (see {@link ConfigFlags}); sft adds those of {@code train.lora}.
 */
@Command(name = "train", description = "Train: a LoRA adapter on chat JSONL (sft) or every weight on text (base).",
    subcommands = {TrainCommand.Sft.class, TrainCommand.Base.class})
public final class TrainCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** What both runs take besides their settings: the model to start from, where to write, whether to resume. */
  abstract static class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin CommonOptions options;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face model directory.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
    boolean resume;

    /** Trains as {@code train} says, from {@link #model} into {@link #out}. */
    abstract Trainer.Result train(TrainConfig train) throws IOException;

    /** What {@link #out} holds afterwards, for the closing line. */
    abstract String result();

    @Override
    public Integer call() throws Exception {
      return TrainerCli.run(spec, () -> {
        TrainConfig train = TrainerCli.start(options);
        TrainerCli.existingDir(model, "--model");
        Trainer.Result r = train(train);
        double last = r.losses().isEmpty() ? Double.NaN : r.losses().get(r.losses().size() - 1);
        String devLoss = r.devLosses().isEmpty() ? ""
            : String.format(Locale.ROOT, ", dev loss %.4f", r.devLosses().get(r.devLosses().size() - 1).loss());
        String skipped = r.skips().total() == 0 ? "" : ", " + r.skips().total() + " examples skipped";
        spec.commandLine().getOut().println(String.format(Locale.ROOT,
            "trained %d steps, final loss %.4f%s, %.0f tokens/s, MFU %.1f%%%s; %s in %s",
            r.steps(), last, devLoss, r.tokensPerSecond(), 100 * r.mfu(), skipped, result(), out));
        return 0;
      });
    }
  }

  @Command(name = "sft", modelTransformer = ConfigFlags.class, description = "Train a LoRA adapter on chat JSONL "
      + "({\"messages\": [{role, content}, …]}), loss on assistant tokens only; writes a PEFT adapter to --out.")
  @ConfigSections({"train", "train.lora"})
  static final class Sft extends Run {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Chat JSONL.")
    Path data;

    @Option(names = "--dev", paramLabel = "FILE", description = "Chat JSONL whose loss per completion token is "
        + "measured every train.eval_every steps and at the last (the first train.eval_rows conversations).")
    Path dev;

    @Override
    Trainer.Result train(TrainConfig train) throws IOException {
      return TrainingJob.sft(model, new ChatJsonlSource(data), dev == null ? null : new ChatJsonlSource(dev), out,
          train, resume, System.err, StepListener.NONE);
    }

    @Override
    String result() {
      return "PEFT adapter";
    }
  }

  @Command(name = "base", modelTransformer = ConfigFlags.class, description = "Train every weight of a model on "
      + "text JSONL ({\"text\": …} per line); writes a Hugging Face model directory to --out.")
  @ConfigSections("train")
  static final class Base extends Run {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Text JSONL.")
    Path data;

    @Override
    Trainer.Result train(TrainConfig train) throws IOException {
      return TrainingJob.base(model, new TextJsonlSource(data), out, train, resume, System.err, StepListener.NONE);
    }

    @Override
    String result() {
      return "model";
    }
  }
}
