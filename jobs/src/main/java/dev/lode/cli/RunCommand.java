package dev.lode.cli;

import dev.lode.jobs.Stages;
import dev.lode.jobs.mine.RepoUnavailableException;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.StageOutcome;
import dev.lode.lakehouse.StageStatus;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code lode run}: every stage, in flow order, on its embedded default: with no arguments it mines the git
 * repository it is run from into {@code ./warehouse} and carries it through every later stage. All stages share one
 * run id in {@code ops.runs}; a stage whose inputs did not change since its last run is skipped.
 */
@Command(name = "run", description = "Run every stage in flow order on the embedded default "
    + "(the repository you are in, ./warehouse).")
final class RunCommand extends SparkCommand {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Override
  public Integer call() throws Exception {
    options.config();
    List<Stage<?>> stages;
    try {
      stages = Stages.inFlowOrder();
    } catch (RepoUnavailableException e) {
      throw new UsageException(e.getMessage());
    }
    Lakehouse lakehouse = open("run");
    StageStatus status = StageStatus.SKIPPED;
    for (Stage<?> stage : stages) {
      LOG.info("run {}: stage {}", runId, stage.name());
      StageOutcome<?> outcome = run(lakehouse, stage);
      status = status.and(outcome.status());
    }
    LOG.info("run {}: done ({})", runId, status.word());
    return status.exitCode();
  }
}
