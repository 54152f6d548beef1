package dev.lode.cli;

import dev.lode.jobs.gold.GoldJob;
import dev.lode.jobs.gold.QualityGates;
import dev.lode.lakehouse.StageOutcome;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code lode gold}: a new gold round from the curated commits no round has used yet. Fails (exit 1) naming the
 * quality gate that was missed, writing nothing, so the previous gold version stays current.
 */
@Command(name = "gold", description = "Make a gold round: real examples in each edit format, x4 validated synthetic "
    + "ones, a chronological split, decontamination and quality gates (silver.examples -> gold.examples, gold.pairs).")
final class GoldCommand extends SparkCommand {
  @Override
  public Integer call() throws Exception {
    var lakehouse = open("gold");
    try {
      StageOutcome<GoldJob.Summary> outcome = run(lakehouse, new GoldJob());
      if (outcome.skipped()) {
        System.out.println(skippedLine("gold", outcome) + "; gold is current");
        return 0;
      }
      GoldJob.Summary s = outcome.result();
      if (s.round() == 0) {
        System.out.println("gold: no new curated commits; gold is current");
        return 0;
      }
      System.out.println("gold round " + s.round() + ": train before " + s.split().trainEnd() + ", dev before "
          + s.split().devEnd());
      System.out.print(QualityGates.report(s.gates()));
      for (Map.Entry<String, Long> e : s.counts().entrySet()) {
        System.out.println("  " + e.getKey() + " = " + e.getValue());
      }
      return 0;
    } catch (QualityGates.GateFailure f) {
      System.err.println("lode gold: " + f.getMessage());
      System.err.println("nothing was written; the previous gold version is still current");
      return Lode.EXIT_FAILED;
    }
  }
}
