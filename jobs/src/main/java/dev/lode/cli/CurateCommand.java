package dev.lode.cli;

import dev.lode.jobs.curate.CurateJob;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.StageOutcome;
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
    Lakehouse lakehouse = open("curate");
    if (!lakehouse.table(Tables.BRONZE_COMMITS).exists()) {
      throw new UsageException("no bronze.commits in warehouse " + lakehouse.warehouse().root()
          + ": mine repositories first (lode mine)");
    }
    StageOutcome<CurateJob.Summary> outcome = run(lakehouse, new CurateJob());
    if (outcome.skipped()) {
      System.out.println(skippedLine("curate", outcome));
      return 0;
    }
    CurateJob.Summary s = outcome.result();
    System.out.printf("curate %s: %d new commits, %d kept (%.1f%%), %d displaced; see: lode report funnel --run %s%n",
        runId, s.commits(), s.kept(), s.commits() == 0 ? 0.0 : 100.0 * s.kept() / s.commits(), s.displaced(),
        runId);
    return outcome.status().exitCode();
  }
}
