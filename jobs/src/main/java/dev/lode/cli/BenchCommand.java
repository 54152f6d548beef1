package dev.lode.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lode bench …}: speed and memory measured side by side with a peer in the same run. Each prints its figures
 * and, as its last line, one JSON object.
 */
@Command(name = "bench", description = "Benchmarks: Lode side by side with a peer, last line one JSON object.",
    subcommands = {BenchMineCommand.class, BenchCurateCommand.class, BenchStreamCommand.class,
        dev.lode.train.cli.BenchTrainCommand.class})
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
