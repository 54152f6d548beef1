package dev.lode.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.ConfigSections;
import dev.lode.config.TrainConfig;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Table;
import dev.lode.lakehouse.Tables;
import dev.lode.lakehouse.Warehouse;
import dev.lode.train.cli.BaseInitCommand;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    @Option(names = "--from-lakehouse", description = "Train the tokenizer on new_content of bronze.file_changes "
        + "(at most train.base.lakehouse_max_files files / lakehouse_max_bytes characters).")
    boolean fromLakehouse;

    @Override
    protected List<String> tokenizerTexts(TrainConfig train) {
      return fromLakehouse ? LakehouseCode.read(options, train.base()) : super.tokenizerTexts(train);
    }
  }

  /** Source text from bronze.file_changes, read through Spark: the trainer itself never sees Spark. */
  static final class LakehouseCode {
    private static final Logger LOG = LoggerFactory.getLogger(LakehouseCode.class);

    private LakehouseCode() {}

    /** Up to {@code base}'s limits of text content; refuses a missing or empty table naming it. */
    static List<String> read(CommonOptions options, TrainConfig.Base base) {
      Lakehouse lakehouse = Lakehouse.open(options.config(), Warehouse.resolve(options.warehouseOption()),
          "lode base init");
      try {
        Table files = lakehouse.table(Tables.BRONZE_FILE_CHANGES);
        String name = Tables.BRONZE_FILE_CHANGES.qualifiedName();
        if (!files.exists()) {
          throw new IllegalArgumentException("--from-lakehouse: " + name + " does not exist in "
              + lakehouse.warehouse().root() + "; run lode mine first");
        }
        Dataset<Row> rows = files.read()
            .where(functions.col("new_content").isNotNull().and(functions.not(functions.col("is_binary"))))
            .select("new_content");
        if (base.lakehouseMaxFiles() > 0) {
          rows = rows.limit(base.lakehouseMaxFiles());
        }
        List<String> texts = new ArrayList<>();
        long chars = 0;
        Iterator<Row> it = rows.toLocalIterator();
        while (it.hasNext() && (base.lakehouseMaxBytes() == 0 || chars < base.lakehouseMaxBytes())) {
          String s = it.next().getString(0);
          texts.add(s);
          chars += s.length();
        }
        LOG.info("--from-lakehouse: {} files, {} characters from {}", texts.size(), chars, name);
        if (texts.isEmpty()) {
          throw new IllegalArgumentException("--from-lakehouse: " + name + " holds no text content to train a "
              + "tokenizer on");
        }
        return texts;
      } finally {
        lakehouse.spark().stop();
      }
    }
  }
}
