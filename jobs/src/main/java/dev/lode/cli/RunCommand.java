package dev.lode.cli;

import dev.lode.jobs.Flow;
import dev.lode.jobs.Stages;
import dev.lode.jobs.mine.RepoUnavailableException;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Stage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code lode run}: every stage, in flow order, on its embedded default: with no arguments it mines the git
 * repository it is run from into {@code ./warehouse}, carries it through curation and gold, pretrains a base on the
 * mined code when the round has none, trains the {@code lode} adapter, evaluates it against its base and promotes it
 * if the gates accept it ({@link Flow}). All stages share one run id in {@code ops.runs}; a stage whose inputs did
 * not change since its last run is skipped. It ends with a one-screen summary.
 */
@Command(name = "run", description = "Run every stage in flow order on the embedded default (the repository you are "
    + "in, ./warehouse): mine, curate, gold, base, train, eval, promote; then print a summary.")
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
    Flow.Result r = Flow.run(lakehouse, runId, commandLine(), stages);
    LOG.info("run {}: done ({})", runId, r.dataStatus().word());
    RunSummary.print(lakehouse, runId, r.stageLines(), r.promotion(), System.out);
    return r.dataStatus().exitCode();
  }
}
