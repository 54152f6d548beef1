package dev.lode.train.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lode-train}: the trainer's commands on a machine without Spark (a GPU box): {@code base init},
 * {@code train sft|base}, {@code model score|merge} and {@code bench train}, the same command classes
 * {@code lode} offers. Exit codes as {@code lode}'s: 0 ok, 1 failed, 2 bad usage or configuration (naming the
 * input, nothing written), 3 finished but some input failed.
 *
 * <pre>{@code
 * java -cp "lode-training.jar:lib/*" dev.lode.train.cli.LodeTrain train sft --model DIR --data FILE --out DIR
 * }</pre>
 */
@Command(name = "lode-train", mixinStandardHelpOptions = true, versionProvider = LodeTrain.Version.class,
    description = "Lode's trainer without Spark: base models, LoRA SFT, scoring, merging, the training benchmark.",
    subcommands = {
        BaseCommand.class,
        TrainCommand.class,
        ModelCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class LodeTrain implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line {@code main} runs, for callers that set its output streams first. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new LodeTrain());
    cli.setExecutionExceptionHandler(LodeTrain::failed);
    return cli;
  }

  /** What no command turned into an exit code itself: an unexpected failure. */
  private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": failed: " + e);
    if (System.getenv("LODE_DEBUG") != null) {
      e.printStackTrace(cmd.getErr());
    } else {
      cmd.getErr().println("(set LODE_DEBUG=1 for the stack trace)");
    }
    return TrainerCli.EXIT_FAILED;
  }

  /** {@code lode-train --version}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String lode = LodeTrain.class.getPackage().getImplementationVersion();
      return new String[] {
          "lode-train " + (lode == null ? "(development build)" : lode),
          "java " + System.getProperty("java.version"),
      };
    }
  }
}
