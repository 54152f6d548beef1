package dev.lode.jobs.curate;

import dev.lode.jobs.JobContext;
import dev.lode.jobs.Stage;
import dev.lode.jobs.StageStatus;
import dev.lode.lakehouse.StageRun;

/** The curate stage as {@code lode run} runs it: every new bronze commit, recorded in ops.runs as {@code curate}. */
public final class CurateStage implements Stage {
  @Override
  public String name() {
    return "curate";
  }

  @Override
  public StageStatus runDefault(JobContext ctx) throws Exception {
    return status(run(ctx, "lode run"));
  }

  /** Runs curation as one recorded stage run (ops.runs); a run whose body throws is recorded as failed. */
  public static CurateJob.Summary run(JobContext ctx, String args) throws Exception {
    return StageRun.record(ctx.spark(), ctx.warehouse(), ctx.config(), ctx.runId(), "curate", args,
        run -> CurateJob.run(ctx, run));
  }

  /** Partial when some rule evaluations failed with an error (their commits are rejected with it), else ok. */
  public static StageStatus status(CurateJob.Summary summary) {
    return summary.errors() > 0 ? StageStatus.PARTIAL : StageStatus.OK;
  }
}
