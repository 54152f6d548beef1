package dev.lode.cli;

import static org.apache.spark.sql.functions.col;

import dev.lode.jobs.Stages;
import dev.lode.jobs.train.AdapterRef;
import dev.lode.jobs.train.AdapterRegistry;
import dev.lode.jobs.train.EvalResults;
import dev.lode.lakehouse.GoldRounds;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Table;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.Row;

/**
 * The screen {@code lode run} ends with: how each stage ended, the rows at each layer, the adapter it registered,
 * and base against adapter on the chronological test split (loss and perplexity per completion token).
 */
final class RunSummary {
  private RunSummary() {}

  static void print(Lakehouse lakehouse, String runId, List<String> stages, String promotion, PrintStream out) {
    out.println();
    out.println("lode run " + runId + " — " + lakehouse.warehouse().root());
    out.println("stages:   " + String.join(" | ", stages));
    out.printf(Locale.ROOT, "bronze:   %d commits, %d file changes%n", count(lakehouse, Tables.BRONZE_COMMITS),
        count(lakehouse, Tables.BRONZE_FILE_CHANGES));
    out.printf(Locale.ROOT, "silver:   %d of %d commits kept%n", count(lakehouse, Tables.SILVER_EXAMPLES),
        count(lakehouse, Tables.SILVER_COMMIT_SCORES));
    Table gold = lakehouse.table(Tables.GOLD_EXAMPLES);
    if (gold.exists()) {
      int round = GoldRounds.latestComplete(gold.current(), lakehouse.table(Tables.OPS_RUNS).current());
      StringBuilder sb = new StringBuilder();
      for (Row r : gold.current().where(col("round").equalTo(round)).groupBy("split").count().orderBy("split")
          .collectAsList()) {
        sb.append(' ').append(r.getString(0)).append(' ').append(r.getLong(1));
      }
      out.printf(Locale.ROOT, "gold:     round %d (version %d):%s%n", round, gold.version(), sb);
    }
    Optional<Row> adapter = new AdapterRegistry(lakehouse).find(new AdapterRef(Stages.DEFAULT_ADAPTER, null));
    if (adapter.isEmpty()) {
      out.println("adapter:  none registered");
      return;
    }
    Row a = adapter.get();
    String id = a.getAs("adapter_id");
    out.printf(Locale.ROOT, "adapter:  %s (%s), %d train rows of gold version %d, base %s%n", id, a.getAs("status"),
        a.<Long>getAs("row_count"), a.<Long>getAs("source_version"), a.getAs("base_path"));
    EvalResults evals = new EvalResults(lakehouse);
    long v = a.getAs("source_version");
    String sel = EvalResults.selection(a.getAs("scope"), a.getAs("predicate"));
    String base = EvalResults.baseSubject(a.getAs("base_sha256"));
    for (String metric : List.of("loss", "perplexity")) {
      OptionalDouble b = evals.value(base, "test", metric, v, sel);
      OptionalDouble m = evals.value(id, "test", metric, v, sel);
      if (b.isPresent() && m.isPresent()) {
        out.printf(Locale.ROOT, "test %-10s base %.4f   adapter %.4f%n", metric + ":", b.getAsDouble(),
            m.getAsDouble());
      }
    }
    if (promotion != null) {
      out.println("registry: " + promotion);
    }
  }

  private static long count(Lakehouse lakehouse, TableDef def) {
    Table t = lakehouse.table(def);
    return t.exists() ? t.current().count() : 0;
  }
}
