package dev.lode.cli;

import dev.lode.jobs.train.Lineage;
import dev.lode.lakehouse.Lakehouse;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lode lineage NAME@V}: the commits (repository, sha, subject) an adapter learned from, by time travel to the
 * gold.examples version its registry row names; {@code --rows} lists the gold rows, {@code --sql} prints the query
 * for {@code lode sql} or a notebook.
 */
@Command(name = "lineage", description = "The gold rows and commits an adapter learned from (Delta time travel to "
    + "the gold.examples version it read).")
final class LineageCommand extends SparkCommand {
  @Parameters(paramLabel = "NAME[@V]")
  String adapter;

  @Option(names = "--rows", description = "List the gold rows rather than their commits.")
  boolean rows;

  @Option(names = "--sql", description = "Print the query instead of running it.")
  boolean sql;

  @Option(names = "--limit", defaultValue = "0", description = "At most this many lines (0: all).")
  int limit;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
  ResultPrinter.Format format;

  @Override
  public Integer call() {
    Lakehouse lakehouse = open("lineage");
    Row a = AdaptersCommand.require(lakehouse, AdaptersCommand.ref(adapter));
    if (sql) {
      System.out.println(Lineage.sql(a) + ";");
      return 0;
    }
    var result = rows ? Lineage.rows(lakehouse, a) : Lineage.commits(lakehouse, a);
    long n = result.count();
    System.out.println(a.getAs("adapter_id") + " learned from " + (rows ? n + " gold rows" : n + " commits")
        + " (gold.examples version " + a.getAs("source_version") + ", round " + a.getAs("round")
        + (a.getAs("predicate") == null ? "" : ", where " + a.getAs("predicate")) + "):");
    ResultPrinter.print(result, format, limit, System.out);
    return 0;
  }
}
