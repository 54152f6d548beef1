package dev.lode.cli;

import static org.apache.spark.sql.functions.col;

import dev.lode.jobs.train.AdapterRef;
import dev.lode.jobs.train.AdapterRegistry;
import dev.lode.jobs.train.AdaptersJob;
import dev.lode.jobs.train.EvalJob;
import dev.lode.jobs.train.EvalResults;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.StageOutcome;
import dev.lode.lakehouse.Tables;
import dev.lode.train.registry.PromotionGates.Verdict;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lode adapters …}: the adapter registry (ops.adapters): list, show, promote, retire, roll back. */
@Command(name = "adapters", description = "The adapter registry: list | show NAME[@V] | promote NAME@V | "
    + "retire NAME@V | rollback NAME.", subcommands = {AdaptersCommand.ListAll.class, AdaptersCommand.Show.class,
        AdaptersCommand.Promote.class, AdaptersCommand.Retire.class, AdaptersCommand.Rollback.class})
final class AdaptersCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  static AdapterRef ref(String text) {
    try {
      return AdapterRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static Row require(Lakehouse lakehouse, AdapterRef ref) {
    try {
      return new AdapterRegistry(lakehouse).require(ref);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  @Command(name = "list", description = "Every adapter version: status, scope, round, gold version, rows, losses.")
  static final class ListAll extends SparkCommand {
    @Option(names = "--format", defaultValue = "table", description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
    ResultPrinter.Format format;

    @Override
    public Integer call() {
      var rows = new AdapterRegistry(open("adapters list")).rows().orderBy("name", "version").selectExpr(
          "adapter_id", "status", "scope", "round", "source_version AS gold_version", "row_count AS rows",
          "round(metrics['train_loss'], 4) AS train_loss", "round(metrics['test_loss'], 4) AS test_loss",
          "round(metrics['base_test_loss'], 4) AS base_test_loss", "base_kind", "created_at");
      ResultPrinter.print(rows, format, 0, System.out);
      return 0;
    }
  }

  @Command(name = "show", description = "One adapter version (NAME: its current one): lineage, base, settings, "
      + "metrics, evaluations.")
  static final class Show extends SparkCommand {
    @Parameters(paramLabel = "NAME[@V]")
    String adapter;

    @Override
    public Integer call() {
      Lakehouse lakehouse = open("adapters show");
      Row r = require(lakehouse, ref(adapter));
      for (String c : Tables.OPS_ADAPTERS.columns()) {
        Object v = r.isNullAt(r.fieldIndex(c)) ? null : r.get(r.fieldIndex(c));
        if (c.equals("metrics")) {
          v = AdapterRegistry.metrics(r);
        }
        System.out.printf("%-18s %s%n", c, v);
      }
      var evals = lakehouse.table(Tables.OPS_EVALS);
      if (evals.exists()) {
        String id = r.getAs("adapter_id");
        String base = EvalResults.baseSubject(r.getAs("base_sha256"));
        System.out.println("evaluations (gold version " + r.getAs("source_version") + "):");
        ResultPrinter.print(evals.current().where(col("subject").isin(id, base)
                .and(col("source_version").equalTo(r.<Long>getAs("source_version")))
                .and(col("selection").equalTo(EvalResults.selection(r.getAs("scope"), r.getAs("predicate")))))
            .groupBy("split", "metric").pivot("kind", List.of("base", "adapter")).agg(
                org.apache.spark.sql.functions.round(org.apache.spark.sql.functions.last("value"), 4))
            .orderBy("split", "metric"), ResultPrinter.Format.table, 0, System.out);
      }
      return 0;
    }
  }

  @Command(name = "promote", description = "Make NAME@V production if it passes the gates (gates.sft in "
      + "conf/lode.yaml); the production version it replaces is retired and remembered for rollback.")
  static final class Promote extends SparkCommand {
    @Parameters(paramLabel = "NAME@V")
    String adapter;

    @Override
    public Integer call() throws Exception {
      AdapterRef ref = ref(adapter);
      if (ref.version() == null) {
        throw new UsageException("promote takes NAME@VERSION, not '" + adapter + "'");
      }
      Lakehouse lakehouse = open("adapters promote");
      Row cand = require(lakehouse, ref);
      if (!AdapterRegistry.EVALUATING.equals(cand.getAs("status"))
          && !AdapterRegistry.PRODUCTION.equals(cand.getAs("status"))) {
        throw new UsageException(adapter + " is " + cand.getAs("status") + "; only an evaluated adapter can be "
            + "promoted (lode eval " + adapter + ")");
      }
      Optional<Row> prod = new AdapterRegistry(lakehouse).production(ref.name());
      if (prod.isPresent() && !prod.get().getAs("adapter_id").equals(cand.getAs("adapter_id"))) {
        // like for like: production measured on the candidate's gold version and rows, if not yet
        String pid = prod.get().getAs("adapter_id");
        long gold = cand.getAs("source_version");
        String sel = EvalResults.selection(cand.getAs("scope"), cand.getAs("predicate"));
        if (new EvalResults(lakehouse).value(pid, "test", "loss", gold, sel).isEmpty()) {
          System.out.println("evaluating production " + pid + " on " + cand.getAs("adapter_id") + "'s gold version "
              + gold);
          run(lakehouse, new EvalJob(new EvalJob.Request(List.of(AdapterRef.parse(pid)), cand)));
        }
      }
      try {
        StageOutcome<AdaptersJob.Change> o = run(lakehouse, new AdaptersJob.Promote(ref));
        if (o.skipped()) {
          System.out.println(skippedLine("promote", o));
          return 0;
        }
        AdaptersJob.Change c = o.result();
        print(c.verdicts());
        System.out.println(c.adapterId() + ": " + c.from() + " -> " + c.to()
            + (c.displaced() == null ? "" : "; " + c.displaced() + " retired (lode adapters rollback "
                + ref.name() + " restores it)"));
        return 0;
      } catch (AdaptersJob.Refused r) {
        print(r.verdicts());
        System.err.println("lode adapters promote: " + r.getMessage());
        System.err.println("the registry is unchanged");
        return Lode.EXIT_FAILED;
      }
    }

    static void print(List<Verdict> verdicts) {
      for (Verdict v : verdicts) {
        System.out.println("  " + (v.passed() ? "pass" : "FAIL") + "  " + v.gate() + ": " + v.detail());
      }
    }
  }

  @Command(name = "retire", description = "Stop serving NAME@V; its files and registry row stay.")
  static final class Retire extends SparkCommand {
    @Parameters(paramLabel = "NAME@V")
    String adapter;

    @Override
    public Integer call() throws Exception {
      AdapterRef ref = ref(adapter);
      Lakehouse lakehouse = open("adapters retire");
      require(lakehouse, ref);
      AdaptersJob.Change c = runChange(lakehouse, new AdaptersJob.Retire(ref));
      System.out.println(c.adapterId() + ": " + c.from() + " -> " + c.to());
      return 0;
    }

    private AdaptersJob.Change runChange(Lakehouse lakehouse, AdaptersJob.Retire stage) throws Exception {
      try {
        return run(lakehouse, stage).result();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
  }

  @Command(name = "rollback", description = "Make the production version NAME's current one replaced current "
      + "again (a registry update only; no file changes).")
  static final class Rollback extends SparkCommand {
    @Parameters(paramLabel = "NAME")
    String adapter;

    @Override
    public Integer call() throws Exception {
      AdapterRef ref = ref(adapter);
      Lakehouse lakehouse = open("adapters rollback");
      AdapterRegistry registry = new AdapterRegistry(lakehouse);
      Row prod = registry.production(ref.name()).orElseThrow(() -> new UsageException("adapter " + ref.name()
          + " has no production version to roll back (names: " + registry.names() + ")"));
      if (prod.getAs("replaced_version") == null) {
        throw new UsageException(prod.getAs("adapter_id") + " replaced no earlier production version; nothing to "
            + "roll back to");
      }
      AdaptersJob.Change c = run(lakehouse, new AdaptersJob.Rollback(ref)).result();
      System.out.println(c.adapterId() + ": " + c.from() + " -> " + c.to() + "; " + c.displaced() + " retired");
      return 0;
    }
  }
}
