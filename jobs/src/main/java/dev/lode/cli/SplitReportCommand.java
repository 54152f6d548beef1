package dev.lode.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lode.jobs.gold.SplitReport;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lode report split}: rows per split and origin, date ranges, synthetic factor, refusals, and the leakage
 * checks. Exit 1 when any leakage check is not zero.
 */
@Command(name = "split", description = "A gold round's split: rows per split and origin, date ranges, synthetic "
    + "factor per repository and generator, refused candidates, and the leakage checks (all must be 0).")
final class SplitReportCommand extends SparkCommand {
  @Option(names = "--round", defaultValue = "0", paramLabel = "N", description = "Gold round (default: the latest)")
  int round;

  @Option(names = "--format", defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
  ResultPrinter.Format format;

  @Override
  public Integer call() throws Exception {
    SplitReport.Report r = SplitReport.of(open("report split"), round);
    if (format == ResultPrinter.Format.json) {
      ObjectMapper json = new ObjectMapper();
      ObjectNode o = json.createObjectNode();
      o.put("round", r.round()).put("gold_version", r.goldVersion())
          .put("train_cutoff", String.valueOf(r.trainCutoff())).put("dev_cutoff", String.valueOf(r.devCutoff()));
      var rows = o.putArray("rows");
      r.rowsBySplit().toJSON().collectAsList().forEach(s -> rows.add(read(json, s)));
      var factors = o.putArray("factors");
      r.factors().toJSON().collectAsList().forEach(s -> factors.add(read(json, s)));
      ObjectNode rej = o.putObject("rejected");
      r.rejected().forEach(rej::put);
      ObjectNode leak = o.putObject("leakage");
      r.leakage().forEach(leak::put);
      System.out.println(json.writeValueAsString(o));
    } else {
      System.out.println("gold round " + r.round() + " (gold.examples version " + r.goldVersion()
          + "): train < " + r.trainCutoff() + " <= dev < " + r.devCutoff() + " <= test");
      System.out.println("\nrows per split and origin");
      ResultPrinter.print(r.rowsBySplit(), ResultPrinter.Format.table, 0, System.out);
      System.out.println("\nsynthetic rows in train per repository and generator; factor = synthetic / real, "
            + "x_<generator> = that generator's part of it");
      ResultPrinter.print(r.factors(), ResultPrinter.Format.table, 0, System.out);
      System.out.println("\nrefused candidates by generator and reason");
      for (Map.Entry<String, Long> e : r.rejected().entrySet()) {
        System.out.printf("  %-45s %d%n", e.getKey(), e.getValue());
      }
      System.out.println("\nleakage checks (each must be 0)");
      for (Map.Entry<String, Long> e : r.leakage().entrySet()) {
        System.out.printf("  %-45s %d%s%n", e.getKey(), e.getValue(), e.getValue() == 0 ? "" : "   <-- LEAK");
      }
    }
    return r.clean() ? 0 : Lode.EXIT_FAILED;
  }

  private static com.fasterxml.jackson.databind.JsonNode read(ObjectMapper json, String s) {
    try {
      return json.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
