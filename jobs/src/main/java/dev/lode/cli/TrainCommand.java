package dev.lode.cli;

import dev.lode.config.ConfigFlags;
import dev.lode.config.ConfigSections;
import dev.lode.jobs.train.BaseJob;
import dev.lode.jobs.train.TrainJob;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.StageOutcome;
import dev.lode.lakehouse.Tables;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lode train …}: training straight from the lakehouse. {@code sft} trains LoRA adapters on gold.examples'
 * train split; {@code base} pretrains a base model on the mined code when the user brings none. (Training on JSONL
 * files, without a lakehouse, is {@code lode-train train sft --data FILE}.)
 */
@Command(name = "train", description = "Train from the lakehouse: LoRA adapters on gold.examples (sft), or a base "
    + "model on the mined code before the gold round's train cutoff (base).",
    subcommands = {TrainCommand.Sft.class, TrainCommand.Base.class})
final class TrainCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(name = "sft", modelTransformer = ConfigFlags.class, description = {
      "Train a LoRA adapter on the train split of a gold round, read from gold.examples at a pinned Delta version "
          + "and registered in ops.adapters as NAME@<next version>.",
      "Every train and train.lora setting of conf/lode.yaml is also a flag (--steps, --lora-r, …)."})
  @ConfigSections({"train", "train.lora"})
  static final class Sft extends SparkCommand {
    @Option(names = "--adapter", defaultValue = "lode", paramLabel = "NAME",
        description = "Adapter name; with --per, the prefix of each adapter's name. Default: ${DEFAULT-VALUE}.")
    String adapter;

    @Option(names = "--where", paramLabel = "SQL",
        description = "SQL predicate on gold.examples columns, e.g. \"language = 'python'\".")
    String where;

    @Option(names = "--round", defaultValue = "latest", paramLabel = "latest|N",
        description = "Gold round to train on. Default: ${DEFAULT-VALUE} (the highest complete round).")
    String round;

    @Option(names = "--base", paramLabel = "DIR", description = "A Hugging Face model directory to train over, "
        + "used as it is; default: the base Lode pretrained for the round (lode train base).")
    Path base;

    @Option(names = "--per", defaultValue = "all", paramLabel = "all|language|task",
        description = "One adapter for all rows, or one per language (task) with at least train.min_rows rows.")
    String per;

    @Override
    public Integer call() throws Exception {
      options.config();
      TrainJob.Request request;
      try {
        request = new TrainJob.Request(adapter, where, round, base, per(per));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      Lakehouse lakehouse = open("train sft");
      preflight(lakehouse, request);
      StageOutcome<TrainJob.Summary> outcome = run(lakehouse, new TrainJob(request));
      if (outcome.skipped()) {
        System.out.println(skippedLine("train", outcome) + "; its adapters stand");
        return 0;
      }
      TrainJob.Summary s = outcome.result();
      for (TrainJob.Trained t : s.adapters()) {
        System.out.println(describe(s.plan(), t));
      }
      return outcome.status().exitCode();
    }

    static TrainJob.Per per(String text) {
      try {
        return TrainJob.Per.valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--per '" + text + "': all, language or task");
      }
    }
  }

  /** Checks the request against the current lakehouse before a run is recorded: a refusal writes nothing. */
  static void preflight(Lakehouse lakehouse, TrainJob.Request request) throws Exception {
    var gold = lakehouse.table(Tables.GOLD_EXAMPLES);
    if (!gold.exists()) {
      throw new UsageException(Tables.GOLD_EXAMPLES.qualifiedName() + " does not exist in "
          + lakehouse.warehouse().root() + "; run lode gold first");
    }
    try {
      TrainJob.plan(lakehouse, gold.current(), gold.version(), lakehouse.table(Tables.OPS_RUNS).current(), request);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static String describe(TrainJob.Plan plan, TrainJob.Trained t) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%s: %d steps on %d rows (%d replayed) of gold round %d (gold.examples version %d) over base %s; final "
            + "loss %.4f, %.0f tokens/s; %s", t.adapterId(), t.steps(), t.rows(), t.replayRows(), plan.round(),
        plan.goldVersion(), plan.base().id(), t.trainLoss(), t.tokensPerSecond(), t.path()));
    if (!t.devLosses().isEmpty()) {
      sb.append("\n  dev loss:");
      t.devLosses().forEach(p -> sb.append(String.format(Locale.ROOT, " %d:%.4f", p.step(), p.loss())));
    }
    long skipped = t.skips().values().stream().mapToLong(Long::longValue).sum();
    if (skipped > 0) {
      sb.append("\n  skipped ").append(skipped).append(" records: ");
      for (Map.Entry<String, Long> e : t.skips().entrySet()) {
        sb.append(e.getKey()).append('=').append(e.getValue()).append(' ');
      }
      sb.append("(ops.train_skips)");
    }
    return sb.toString();
  }

  @Command(name = "base", modelTransformer = ConfigFlags.class, description = {
      "Pretrain the train.base.preset model (every weight, with a BPE tokenizer) on the text of files changed by "
          + "commits before the latest gold round's train cutoff; recorded in ops.models.",
      "Every train.base setting is also a flag (--base-steps, --base-preset, …)."})
  @ConfigSections("train.base")
  static final class Base extends SparkCommand {
    @Override
    public Integer call() throws Exception {
      options.config();
      Lakehouse lakehouse = open("train base");
      if (!lakehouse.table(Tables.GOLD_EXAMPLES).exists()) {
        throw new UsageException(Tables.GOLD_EXAMPLES.qualifiedName() + " does not exist; run lode gold first (its "
            + "train cutoff bounds the code a base may learn from)");
      }
      StageOutcome<BaseJob.Summary> o = run(lakehouse, new BaseJob());
      if (o.skipped()) {
        System.out.println(skippedLine("base", o) + "; its model stands");
        return 0;
      }
      System.out.println(describe(o.result()));
      return o.status().exitCode();
    }
  }

  static String describe(BaseJob.Summary b) {
    return b.reused()
        ? "base " + b.modelId() + " (gold round " + b.round() + ") already exists: " + b.path()
        : String.format(Locale.ROOT, "base %s: %d steps on %d files (%d characters) of commits before %s (gold round "
            + "%d's train cutoff); final loss %.4f, %.0f tokens/s; %s", b.modelId(), b.steps(), b.files(),
            b.chars(), b.cutoff(), b.round(), b.finalLoss(), b.tokensPerSecond(), b.path());
  }
}
