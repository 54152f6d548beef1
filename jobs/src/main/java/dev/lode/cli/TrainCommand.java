package dev.lode.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.TrainConfig;
import dev.lode.train.lora.LoraConfig;
import dev.lode.train.sft.ChatJsonlSource;
import dev.lode.train.sft.TrainOptions;
import dev.lode.train.sft.Trainer;
import dev.lode.train.sft.TrainingDivergedException;
import dev.lode.train.sft.TrainingJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lode train …}: LoRA SFT and full-parameter base training. Settings: {@code train:} in conf/lode.yaml. */
@Command(name = "train", description = "Train: a LoRA adapter on chat JSONL (sft) or every weight on text (base).",
    subcommands = {TrainCommand.Sft.class, TrainCommand.Base.class})
final class TrainCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }

  /** Options both runs take; each overrides the {@code train:} setting of the same name. */
  static class RunOptions {
    @Mixin CommonOptions options;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face model directory.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--steps", paramLabel = "N", description = "Optimiser steps (train.steps).")
    Integer steps;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per micro-batch (train.batch_size).")
    Integer batchSize;

    @Option(names = "--seq-len", paramLabel = "N", description = "Tokens per packed row (train.seq_len).")
    Integer seqLen;

    @Option(names = "--grad-accum", paramLabel = "N", description = "Micro-batches per step (train.grad_accum).")
    Integer gradAccum;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate (train.lr).")
    Double lr;

    @Option(names = "--warmup-steps", paramLabel = "N", description = "Warmup steps (train.warmup_steps).")
    Integer warmup;

    @Option(names = "--seed", paramLabel = "N", description = "Seed (train.seed).")
    Long seed;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Checkpoint interval (train.checkpoint_every).")
    Integer checkpointEvery;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
    boolean resume;

    @Option(names = "--device", paramLabel = "DEV", description = "cpu or cuda (train.device).")
    String device;

    /** The {@code train:} settings with this command line's overrides applied, validated like the file. */
    TrainConfig config() {
      setIf("steps", steps);
      setIf("batch_size", batchSize);
      setIf("seq_len", seqLen);
      setIf("grad_accum", gradAccum);
      setIf("lr", lr);
      setIf("warmup_steps", warmup);
      setIf("seed", seed);
      setIf("checkpoint_every", checkpointEvery);
      return TrainerCli.start(options, device);
    }

    void setIf(String key, Object value) {
      if (value != null) {
        options.set("train." + key, value);
      }
    }
  }

  @Command(name = "sft", description = "Train a LoRA adapter on chat JSONL ({\"messages\": [{role, content}, …]}), "
      + "loss on assistant tokens only; writes a PEFT adapter to --out.")
  static final class Sft extends RunOptions implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Chat JSONL.")
    Path data;

    @Option(names = "--lora-r", paramLabel = "R", description = "Rank (train.lora.r).")
    Integer r;

    @Option(names = "--lora-alpha", paramLabel = "A", description = "Alpha (train.lora.alpha).")
    Double alpha;

    @Option(names = "--lora-dropout", paramLabel = "P", description = "Dropout (train.lora.dropout).")
    Double dropout;

    @Option(names = "--lora-targets", split = ",", paramLabel = "M", description = "Any of q,k,v,o,gate,up,down "
        + "(train.lora.target_modules).")
    List<String> targets;

    @Option(names = "--rslora", negatable = true, description = "Rank-stabilised scaling (train.lora.use_rslora).")
    Boolean rslora;

    @Override
    public Integer call() throws Exception {
      setIf("lora.r", r);
      setIf("lora.alpha", alpha);
      setIf("lora.dropout", dropout);
      setIf("lora.target_modules", targets == null ? null : "[" + String.join(",", targets) + "]");
      setIf("lora.use_rslora", rslora);
      TrainConfig train = config();
      TrainerCli.existingDir(model, "--model");
      return TrainerCli.run(() -> {
        TrainOptions o = TrainingJob.options(train);
        LoraConfig lora = TrainingJob.lora(train.lora());
        try {
          Trainer.Result res = TrainingJob.sft(model, new ChatJsonlSource(data), out, o, lora, resume, System.err);
          report(res, out, "PEFT adapter");
          return 0;
        } catch (TrainingDivergedException e) {
          System.err.println("lode train sft: " + e.getMessage());
          return Lode.EXIT_FAILED;
        }
      });
    }
  }

  @Command(name = "base", description = "Train every weight of a model on text JSONL ({\"text\": …} per line); "
      + "writes a Hugging Face model directory to --out.")
  static final class Base extends RunOptions implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Text JSONL.")
    Path data;

    @Override
    public Integer call() throws Exception {
      TrainConfig train = config();
      TrainerCli.existingDir(model, "--model");
      return TrainerCli.run(() -> {
        try {
          Trainer.Result res = TrainingJob.base(model, data, out, TrainingJob.options(train), resume, System.err);
          report(res, out, "model");
          return 0;
        } catch (TrainingDivergedException e) {
          System.err.println("lode train base: " + e.getMessage());
          return Lode.EXIT_FAILED;
        }
      });
    }
  }

  static void report(Trainer.Result r, Path out, String what) {
    double last = r.losses().isEmpty() ? Double.NaN : r.losses().get(r.losses().size() - 1);
    System.out.println(String.format(Locale.ROOT, "trained %d steps, final loss %.4f, %.0f tokens/s, MFU %.1f%%; %s in %s",
        r.steps(), last, r.tokensPerSecond(), 100 * r.mfu(), what, out));
  }
}
