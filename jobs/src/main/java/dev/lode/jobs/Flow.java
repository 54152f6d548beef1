package dev.lode.jobs;

import static org.apache.spark.sql.functions.col;

import dev.lode.jobs.train.AdapterRef;
import dev.lode.jobs.train.AdaptersJob;
import dev.lode.jobs.train.TrainJob;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.StageOutcome;
import dev.lode.lakehouse.StageStatus;
import dev.lode.lakehouse.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code lode run} runs under one run id: the data stages it is given (mine → curate → gold), then the model
 * stages (base → train → eval → promote), the later ones taking what the earlier ones produced (or, when a stage
 * was skipped, what the run whose results stand produced, so that they skip too when nothing changed).
 */
public final class Flow {
  private static final Logger LOG = LoggerFactory.getLogger(Flow.class);

  /**
   * How each stage ended, in order (a refused promotion is reported in {@code promotion}, not as a status), the
   * data stages' overall status, and the promotion's outcome (null when there was nothing to promote).
   */
  public record Result(List<String> stageLines, List<StageStatus> statuses, StageStatus dataStatus,
      String promotion) {}

  private Flow() {}

  public static Result run(Lakehouse lakehouse, String runId, String args, List<Stage<?>> dataStages)
      throws Exception {
    List<String> lines = new ArrayList<>();
    List<StageStatus> statuses = new ArrayList<>();
    StageStatus data = StageStatus.SKIPPED;
    for (Stage<?> stage : dataStages) {
      data = data.and(stage(lakehouse, runId, args, stage, lines, statuses).status());
    }
    stage(lakehouse, runId, args, Stages.base(), lines, statuses);
    StageOutcome<TrainJob.Summary> trained = stage(lakehouse, runId, args, Stages.train(), lines, statuses);
    List<AdapterRef> adapters = adapters(lakehouse, trained);
    stage(lakehouse, runId, args, Stages.eval(adapters), lines, statuses);
    String promotion = null;
    for (AdapterRef a : adapters) {
      try {
        StageOutcome<AdaptersJob.Change> p = stage(lakehouse, runId, args, Stages.promote(a), lines, statuses);
        promotion = p.skipped() ? a + ": promotion stands (skipped)" : a + " promoted to production";
      } catch (AdaptersJob.Refused r) {
        promotion = a + " stays a candidate: " + r.getMessage();
      }
    }
    return new Result(lines, statuses, data, promotion);
  }

  private static <R> StageOutcome<R> stage(Lakehouse lakehouse, String runId, String args, Stage<R> stage,
      List<String> lines, List<StageStatus> statuses) throws Exception {
    LOG.info("run {}: stage {}", runId, stage.name());
    long t0 = System.nanoTime();
    StageOutcome<R> outcome;
    try {
      outcome = lakehouse.run(runId, stage, args);
    } catch (Exception e) {
      lines.add(String.format(Locale.ROOT, "%s failed %.1f s", stage.name(), (System.nanoTime() - t0) / 1e9));
      throw e;
    }
    lines.add(String.format(Locale.ROOT, "%s %s %.1f s", stage.name(), outcome.status().word(),
        (System.nanoTime() - t0) / 1e9));
    statuses.add(outcome.status());
    return outcome;
  }

  /** The adapters the train stage made, or, when it was skipped, those of the run whose results stand. */
  private static List<AdapterRef> adapters(Lakehouse lakehouse, StageOutcome<TrainJob.Summary> trained) {
    if (!trained.skipped()) {
      return trained.result().adapters().stream().map(t -> AdapterRef.parse(t.adapterId())).toList();
    }
    return lakehouse.table(Tables.OPS_ADAPTERS).current().where(col("run_id").equalTo(trained.skippedSince()))
        .orderBy("adapter_id").select("adapter_id").collectAsList().stream()
        .map(r -> AdapterRef.parse(r.getString(0))).toList();
  }
}
