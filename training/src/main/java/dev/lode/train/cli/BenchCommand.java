package dev.lode.train.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bench …} of the trainer alone: {@code bench train}. {@code lode bench} also registers it beside its own. */
@Command(name = "bench", description = "Benchmarks: Lode side by side with a peer, last line one JSON object.",
    subcommands = BenchTrainCommand.class)
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
