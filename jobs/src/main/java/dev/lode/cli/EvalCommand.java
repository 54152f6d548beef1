package dev.lode.cli;

import dev.lode.jobs.train.AdapterRef;
import dev.lode.jobs.train.AdapterRegistry;
import dev.lode.jobs.train.Artifacts;
import dev.lode.jobs.train.BaseModel;
import dev.lode.jobs.train.EvalJob;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.StageOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lode eval [NAME[@V] …]}: adapters against their bases on the dev and test splits they were trained for. */
@Command(name = "eval", modelTransformer = dev.lode.config.ConfigFlags.class, description = {
    "Evaluate adapters (default: every one not evaluated yet) against their base on the chronological dev and "
        + "test splits of their gold round: loss, perplexity, greedy-generation metrics; into ops.evals.",
    "Every eval setting of conf/lode.yaml is also a flag (--eval-max-rows, …)."})
@dev.lode.config.ConfigSections("eval")
final class EvalCommand extends SparkCommand {
  @Parameters(arity = "0..*", paramLabel = "NAME[@V]")
  List<String> adapters = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    options.config();
    List<AdapterRef> refs = new ArrayList<>();
    for (String a : adapters) {
      refs.add(AdaptersCommand.ref(a));
    }
    Lakehouse lakehouse = open("eval");
    AdapterRegistry registry = new AdapterRegistry(lakehouse);
    for (AdapterRef ref : refs) {
      Row r = AdaptersCommand.require(lakehouse, ref);
      try {
        BaseModel.of(r);
        Artifacts.verify("adapter " + r.getAs("adapter_id"), Path.of(r.<String>getAs("path")),
            Artifacts.ADAPTER_WEIGHTS, r.getAs("adapter_sha256"));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    if (refs.isEmpty() && registry.rows().where("status = 'trained'").isEmpty()) {
      System.out.println("eval: no adapter waiting for evaluation (name one to evaluate it again)");
      return 0;
    }
    StageOutcome<EvalJob.Summary> o = run(lakehouse, new EvalJob(new EvalJob.Request(refs, null)));
    if (o.skipped()) {
      System.out.println(skippedLine("eval", o) + "; its results stand");
      return 0;
    }
    for (EvalJob.Result r : o.result().results()) {
      System.out.print(describe(r));
    }
    return o.status().exitCode();
  }

  static String describe(EvalJob.Result r) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s on gold round %d (gold.examples version %d):%n",
        r.adapterId(), r.round(), r.goldVersion()));
    sb.append(String.format(Locale.ROOT, "  %-6s %-10s %10s %10s%n", "split", "metric", "base", "adapter"));
    for (String split : r.adapter().keySet()) {
      EvalJob.Side b = r.base().get(split);
      EvalJob.Side a = r.adapter().get(split);
      sb.append(String.format(Locale.ROOT, "  %-6s %-10s %10.4f %10.4f%n", split, "loss", b.loss(), a.loss()));
      sb.append(String.format(Locale.ROOT, "  %-6s %-10s %10.2f %10.2f   (%d rows, %d completion tokens)%n", split,
          "perplexity", b.perplexity(), a.perplexity(), a.rows(), a.tokens()));
    }
    if (r.generation() != null) {
      for (Map.Entry<String, double[]> m : r.generation().metrics().entrySet()) {
        double[] base = r.baseGeneration() == null ? null : r.baseGeneration().metrics().get(m.getKey());
        sb.append(String.format(Locale.ROOT, "  %-6s %-20s %s %10.3f   (n=%d)%n", "test", m.getKey(),
            base == null ? "         -" : String.format(Locale.ROOT, "%10.3f", base[0]), m.getValue()[0],
            (long) m.getValue()[1]));
      }
    }
    return sb.toString();
  }
}
