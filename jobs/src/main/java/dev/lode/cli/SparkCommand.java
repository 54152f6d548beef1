package dev.lode.cli;

import dev.lode.config.CommonOptions;
import dev.lode.jobs.JobContext;
import dev.lode.lakehouse.LodeSession;
import dev.lode.lakehouse.StageRun;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;

/** A subcommand that runs in a Lode Spark session. The configuration is checked before the session starts. */
abstract class SparkCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  /** Checks the configuration, then opens the session (registering every table) and builds the job context. */
  protected JobContext open(String app) {
    var config = options.config(); // refuses a bad configuration before anything is touched
    SparkSession spark = LodeSession.open(config, options.warehouse(), "lode " + app);
    return new JobContext(spark, options.warehouse(), config, StageRun.newRunId());
  }
}
