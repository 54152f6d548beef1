package dev.lode.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lode tables}: every table of the catalogue with its row count and Delta version. */
@Command(name = "tables", description = "List the lakehouse tables with row count and Delta version.")
final class TablesCommand extends SparkCommand {
  @Option(names = "--format", defaultValue = "table", description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
  ResultPrinter.Format format;

  @Override
  public Integer call() {
    ResultPrinter.print(open("tables").overview(), format, 0, System.out);
    return 0;
  }
}
