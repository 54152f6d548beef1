package dev.lode.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.ConfigSections;
import dev.lode.config.TrainConfig;
import dev.lode.jobs.train.BaseJob;
import dev.lode.jobs.train.GoldExamples;
import dev.lode.jobs.train.LakehouseCode;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Table;
import dev.lode.lakehouse.Tables;
import dev.lode.lakehouse.Warehouse;
import dev.lode.train.cli.BaseInitCommand;
import dev.lode.train.sft.CloseableIterator;
import dev.lode.train.sft.DocumentSource;
import java.sql.Timestamp;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lode base …}: base models. */
@Command(name = "base", description = "Base models: create one to train on.", subcommands = BaseCommand.Init.class)
final class BaseCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** The trainer's {@code base init}, plus {@code --from-lakehouse}: a tokenizer that learned the mined code. */
  @Command(name = "init", description = "Create a freshly initialised model (Hugging Face format) with a byte-level "
      + "BPE tokenizer: bytes only, or trained on the lakehouse's code with --from-lakehouse.")
  @ConfigSections("train.base")
  static final class Init extends BaseInitCommand {
    @Option(names = "--from-lakehouse", description = "Train the tokenizer on new_content of bronze.file_changes of "
        + "the commits before the latest gold round's train cutoff (at most train.base.lakehouse_max_files files / "
        + "lakehouse_max_bytes characters), as lode train base does.")
    boolean fromLakehouse;

    @Override
    protected DocumentSource tokenizerDocuments(TrainConfig train) {
      return fromLakehouse ? lakehouseCode(options) : super.tokenizerDocuments(train);
    }
  }

  /**
   * The code {@code lode train base} reads ({@link LakehouseCode}: commits before the round's train cutoff), streamed
   * through Spark one partition at a time; each pass opens the lakehouse and stops its session when closed, so the
   * trainer itself never sees Spark. A missing table or gold round is refused naming it.
   */
  static DocumentSource lakehouseCode(CommonOptions options) {
    String name = Tables.BRONZE_FILE_CHANGES.qualifiedName();
    return DocumentSource.of(name + ".new_content before the gold round's train cutoff", () -> {
      Lakehouse lakehouse = Lakehouse.open(options.config(), Warehouse.resolve(options.warehouseOption()),
          "lode base init");
      try {
        Table files = lakehouse.table(Tables.BRONZE_FILE_CHANGES);
        Table gold = lakehouse.table(Tables.GOLD_EXAMPLES);
        if (!files.exists() || !gold.exists()) {
          throw new IllegalArgumentException("--from-lakehouse: " + (files.exists() ? Tables.GOLD_EXAMPLES
              .qualifiedName() : name) + " does not exist in " + lakehouse.warehouse().root() + "; run lode run "
              + "(or mine, curate, gold) first: the gold round's train cutoff bounds the code a tokenizer learns");
        }
        Dataset<Row> examples = gold.current();
        int round = GoldExamples.round(examples, lakehouse.table(Tables.OPS_RUNS).current(), "latest");
        Timestamp cutoff = GoldExamples.cutoff(examples, round);
        Dataset<Row> code = LakehouseCode.before(files.current(), lakehouse.table(Tables.BRONZE_COMMITS).current(),
            cutoff, options.config().train().base());
        Iterator<DocumentSource.Document> docs = BaseJob.documents(code, 0, name).open();
        return new CloseableIterator<DocumentSource.Document>() {
          @Override
          public boolean hasNext() {
            return docs.hasNext();
          }

          @Override
          public DocumentSource.Document next() {
            return docs.next();
          }

          @Override
          public void close() {
            lakehouse.spark().stop();
          }
        };
      } catch (RuntimeException e) {
        lakehouse.spark().stop();
        throw e;
      }
    });
  }
}
