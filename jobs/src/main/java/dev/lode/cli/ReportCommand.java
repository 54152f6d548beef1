package dev.lode.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lode report …}: reports over the lakehouse for people (funnel, split; others join as stages add them). */
@Command(name = "report", description = "Reports over the lakehouse.",
    subcommands = {FunnelReportCommand.class, SplitReportCommand.class})
final class ReportCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
