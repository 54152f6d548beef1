package dev.lode.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.TrainConfig;
import dev.lode.lakehouse.DeltaTables;
import dev.lode.lakehouse.LodeSession;
import dev.lode.lakehouse.Tables;
import dev.lode.train.base.BaseModelInitializer;
import dev.lode.train.model.LlamaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lode base …}: base models. */
@Command(name = "base", description = "Base models: create one to train on.", subcommands = BaseCommand.Init.class)
final class BaseCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }

  /** {@code lode base init}: a fresh model of the Llama family in Hugging Face format, with its own tokenizer. */
  @Command(name = "init", description = "Create a freshly initialised model (Hugging Face format) with a byte-level "
      + "BPE tokenizer: bytes only, or trained on the lakehouse's code with --from-lakehouse.")
  static final class Init implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Init.class);

    @Mixin CommonOptions options;

    @Option(names = "--preset", paramLabel = "NAME", description = "tiny or small. Default: train.base.preset.")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to create.")
    Path out;

    @Option(names = "--from-lakehouse", description = "Train the tokenizer on new_content of bronze.file_changes "
        + "(at most train.base.lakehouse_max_files files / lakehouse_max_bytes characters).")
    boolean fromLakehouse;

    @Option(names = "--force", description = "Overwrite a model already in --out.")
    boolean force;

    @Override
    public Integer call() throws Exception {
      TrainConfig train = TrainerCli.start(options, null);
      String name = preset != null ? preset : train.base().preset();
      if (Files.isRegularFile(out.resolve("config.json")) && !force) {
        throw new UsageException(out + " already holds a model; pass --force to replace it");
      }
      List<String> texts = fromLakehouse ? lakehouseCode(train.base()) : List.of();
      return TrainerCli.run(() -> {
        LlamaConfig cfg = BaseModelInitializer.create(name, texts, train.base().bpeMinFrequency(), train.seed(), out);
        System.out.println("created " + name + " model (" + cfg.parameterCount() + " parameters, vocab "
            + cfg.vocabSize() + ") in " + out);
        return 0;
      });
    }

    /** Source text from bronze.file_changes, read through Spark; the trainer itself never sees Spark. */
    private List<String> lakehouseCode(TrainConfig.Base base) {
      var config = options.config();
      SparkSession spark = LodeSession.open(config, options.warehouse(), "lode base init");
      try {
        if (!DeltaTables.exists(spark, options.warehouse(), Tables.BRONZE_FILE_CHANGES)) {
          throw new UsageException("--from-lakehouse: " + Tables.BRONZE_FILE_CHANGES.qualifiedName()
              + " does not exist in " + options.warehouse().root() + "; run lode mine first");
        }
        var rows = DeltaTables.read(spark, options.warehouse(), Tables.BRONZE_FILE_CHANGES)
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
        LOG.info("--from-lakehouse: {} files, {} characters from {}", texts.size(), chars,
            Tables.BRONZE_FILE_CHANGES.qualifiedName());
        if (texts.isEmpty()) {
          throw new UsageException("--from-lakehouse: " + Tables.BRONZE_FILE_CHANGES.qualifiedName()
              + " holds no text content to train a tokenizer on");
        }
        return texts;
      } finally {
        spark.stop();
      }
    }
  }
}
