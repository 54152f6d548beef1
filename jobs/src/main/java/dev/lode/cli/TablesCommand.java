package dev.lode.cli;

import dev.lode.jobs.JobContext;
import dev.lode.lakehouse.DeltaTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lode tables}: every table of the catalogue with its row count and Delta version. */
@Command(name = "tables", description = "List the lakehouse tables with row count and Delta version.")
final class TablesCommand extends SparkCommand {
  @Option(names = "--format", defaultValue = "table", description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
  ResultPrinter.Format format;

  @Override
  public Integer call() {
    JobContext ctx = open("tables");
    ResultPrinter.print(DeltaTables.overview(ctx.spark(), ctx.warehouse()), format, 0, System.out);
    return 0;
  }
}
