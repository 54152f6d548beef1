package dev.lode.cli;

import dev.lode.jobs.JobContext;
import dev.lode.jobs.curate.CurateJob;
import dev.lode.jobs.curate.CurateStage;
import dev.lode.lakehouse.DeltaTables;
import dev.lode.lakehouse.Tables;
import picocli.CommandLine.Command;

/**
 * {@code lode curate}: scores every bronze commit not curated yet against the curation rules, removes exact and near
 * duplicates, and writes silver.commit_scores, silver.examples, silver.dedup_clusters and silver.funnel. Exit 3 when
 * some rule could not judge some commit (those commits are rejected with the error as their detail).
 */
@Command(name = "curate", description = "Score, filter and deduplicate bronze commits into silver "
    + "(commit_scores, examples, dedup_clusters, funnel). Rules and thresholds: the curate section of conf/lode.yaml.")
final class CurateCommand extends SparkCommand {
  @Override
  public Integer call() throws Exception {
    JobContext ctx = open("curate");
    if (!DeltaTables.exists(ctx.spark(), ctx.warehouse(), Tables.BRONZE_COMMITS)) {
      throw new UsageException("no bronze.commits in warehouse " + ctx.warehouse().root()
          + ": mine repositories first (lode mine)");
    }
    CurateJob.Summary s = CurateStage.run(ctx, "lode curate");
    System.out.printf("curate %s: %d new commits, %d kept (%.1f%%), %d displaced; see: lode report funnel --run %s%n",
        ctx.runId(), s.commits(), s.kept(), s.commits() == 0 ? 0.0 : 100.0 * s.kept() / s.commits(), s.displaced(),
        ctx.runId());
    return CurateStage.status(s).exitCode();
  }
}
