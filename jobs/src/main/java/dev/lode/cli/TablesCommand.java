package dev.lode.cli;

import dev.lode.jobs.JobContext;
import dev.lode.lakehouse.DeltaTables;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
    List<Row> rows = new ArrayList<>();
    for (TableDef t : Tables.all()) {
      boolean exists = DeltaTables.exists(ctx.spark(), ctx.warehouse(), t);
      Long count = exists ? ctx.spark().table(t.qualifiedName()).count() : null;
      Long version = exists ? DeltaTables.version(ctx.spark(), ctx.warehouse(), t) : null;
      rows.add(RowFactory.create(t.qualifiedName(), count, version, ctx.warehouse().path(t), t.description()));
    }
    StructType schema = new StructType()
        .add("table", DataTypes.StringType)
        .add("rows", DataTypes.LongType)
        .add("version", DataTypes.LongType)
        .add("path", DataTypes.StringType)
        .add("description", DataTypes.StringType);
    ResultPrinter.print(ctx.spark().createDataFrame(rows, schema), format, 0, System.out);
    return 0;
  }
}
