package dev.lode.cli;

import dev.lode.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lode} command. Exit codes: 0 ok, 1 failed, 2 bad usage or configuration (nothing touched),
 * 3 finished but some input failed (e.g. a repository that could not be mined; see bronze.repos).
 */
@Command(name = "lode", mixinStandardHelpOptions = true, versionProvider = LodeVersion.class,
    description = "Git history → Delta lakehouse → training data and LoRA adapters, on Apache Spark.",
    subcommands = {
        RunCommand.class,
        MineCommand.class,
        CurateCommand.class,
        GoldCommand.class,
        ExportCommand.class,
        ReportCommand.class,
        SqlCommand.class,
        TablesCommand.class,
        BenchCommand.class,
        BaseCommand.class,
        TrainCommand.class,
        EvalCommand.class,
        AdaptersCommand.class,
        LineageCommand.class,
        GenerateCommand.class,
        dev.lode.train.cli.ModelCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class Lode implements Runnable {
  public static final int EXIT_FAILED = 1;

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code; what {@code main} does, without exiting. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Lode());
    cli.setExecutionExceptionHandler(Lode::handle);
    cli.setErr(new PrintWriter(System.err, true));
    return cli.execute(args);
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    ConfigException config = findConfig(e);
    if (config != null) {
      cmd.getErr().println("lode: configuration refused: " + config.getMessage());
      return ConfigException.EXIT_CODE;
    }
    if (e instanceof UsageException) {
      cmd.getErr().println("lode " + cmd.getCommandName() + ": " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    cmd.getErr().println("lode " + cmd.getCommandName() + ": failed: " + e);
    if (System.getenv("LODE_DEBUG") != null) {
      e.printStackTrace(cmd.getErr());
    } else {
      cmd.getErr().println("(set LODE_DEBUG=1 for the stack trace)");
    }
    return EXIT_FAILED;
  }

  private static ConfigException findConfig(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConfigException ce) {
        return ce;
      }
    }
    return null;
  }
}
