package dev.lode.cli;

import dev.lode.jobs.JobContext;
import dev.lode.jobs.Stage;
import dev.lode.jobs.StageStatus;
import dev.lode.jobs.Stages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code lode run}: every stage, in flow order, on its embedded default: with no arguments it mines the git
 * repository it is run from into {@code ./warehouse} and carries it through every later stage. All stages share one
 * run id in {@code ops.runs}.
 */
@Command(name = "run", description = "Run every stage in flow order on the embedded default "
    + "(the repository you are in, ./warehouse).")
final class RunCommand extends SparkCommand {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Override
  public Integer call() throws Exception {
    JobContext ctx = open("run");
    StageStatus status = StageStatus.OK;
    for (Stage stage : Stages.inFlowOrder()) {
      LOG.info("run {}: stage {}", ctx.runId(), stage.name());
      status = status.and(stage.runDefault(ctx));
    }
    LOG.info("run {}: done ({})", ctx.runId(), status.name().toLowerCase());
    return status.exitCode();
  }
}
