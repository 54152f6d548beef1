package dev.lode.cli;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lode sql "<query>"}: Spark SQL over the lakehouse, every table known as {@code <layer>.<table>}. */
@Command(name = "sql", description = "Run a Spark SQL query over the lakehouse (tables are <layer>.<table>).")
final class SqlCommand extends SparkCommand {
  @Parameters(index = "0", paramLabel = "QUERY", description = "The query, e.g. \"select count(*) from bronze.commits\"")
  String query;

  @Option(names = "--format", defaultValue = "table",
      description = "table (aligned, for people), csv (with header) or json (one object per line, nothing else "
          + "on stdout). Default: ${DEFAULT-VALUE}.")
  ResultPrinter.Format format;

  @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
      description = "Print at most N rows (0: all; the table format prints at most 1000 unless given).")
  int limit;

  @Override
  public Integer call() throws Exception {
    var lakehouse = open("sql");
    int max = limit > 0 ? limit : format == ResultPrinter.Format.table ? 1000 : 0;
    Dataset<Row> result;
    try {
      result = lakehouse.spark().sql(query);
    } catch (Exception e) {
      // Spark declares no checked exceptions; an AnalysisException (parse errors included) means the query is
      // the bad input, which is a usage error rather than a failure of Lode.
      if (e instanceof AnalysisException) {
        throw new UsageException("query refused: " + e.getMessage());
      }
      throw e;
    }
    ResultPrinter.print(result, format, max, System.out);
    return 0;
  }
}
