package dev.lode.cli;

import dev.lode.config.CommonOptions;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.StageOutcome;
import dev.lode.lakehouse.StageRun;
import dev.lode.lakehouse.Warehouse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A subcommand that runs in a Lode Spark session. The configuration is checked before the session starts. */
abstract class SparkCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  /** The run id this command's stages record under: {@code LODE_RUN_ID} (set by a scheduler) or a new one. */
  protected final String runId = StageRun.newRunId();

  /** Checks the configuration, then opens the session over the warehouse (registering every table). */
  protected Lakehouse open(String app) {
    var config = options.config(); // refuses a bad configuration before anything is touched
    return Lakehouse.open(config, warehouse(), "lode " + app);
  }

  protected Warehouse warehouse() {
    return Warehouse.resolve(options.warehouseOption());
  }

  /** Runs {@code stage} as one recorded run, its command line recorded with it. */
  protected <R> StageOutcome<R> run(Lakehouse lakehouse, Stage<R> stage) throws Exception {
    return lakehouse.run(runId, stage, commandLine());
  }

  /** {@code lode <command> <its arguments>}, as given. */
  protected String commandLine() {
    StringBuilder sb = new StringBuilder("lode");
    for (CommandSpec c = spec; c != null && c.parent() != null; c = c.parent()) {
      sb.insert(4, " " + c.name());
    }
    for (String a : spec.commandLine().getParseResult().originalArgs()) {
      sb.append(' ').append(a);
    }
    return sb.toString();
  }

  /** The line a command prints for a run that was skipped. */
  protected static String skippedLine(String stage, StageOutcome<?> o) {
    return stage + ": nothing it depends on changed since run " + o.skippedSince() + "; skipped";
  }
}
