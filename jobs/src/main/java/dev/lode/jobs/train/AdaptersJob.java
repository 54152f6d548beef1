package dev.lode.jobs.train;

import static org.apache.spark.sql.functions.col;

import dev.lode.config.GatesConfig;
import dev.lode.lakehouse.StageRun;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import dev.lode.train.registry.PromotionGates;
import dev.lode.train.registry.PromotionGates.DevPoint;
import dev.lode.train.registry.PromotionGates.Evidence;
import dev.lode.train.registry.PromotionGates.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.spark.sql.Row;

/**
 * The registry's status changes, each a recorded stage run that upserts whole rows of {@code ops.adapters}:
 * {@link Promote} (gates first), {@link Retire} and {@link Rollback}. No adapter directory is touched, and no
 * version is ever deleted: rolling back is a registry update only.
 */
public final class AdaptersJob {
  private AdaptersJob() {}

  /** A promotion the gates refused, naming the gate. */
  public static final class Refused extends RuntimeException {
    private final List<Verdict> verdicts;

    Refused(String adapter, Verdict failed, List<Verdict> verdicts) {
      super("promotion of " + adapter + " refused by gate " + failed.gate() + ": " + failed.detail());
      this.verdicts = verdicts;
    }

    public List<Verdict> verdicts() {
      return verdicts;
    }
  }

  /** What a status change did. */
  public record Change(String adapterId, String from, String to, List<Verdict> verdicts, String displaced) {}

  private abstract static class RegistryStage implements Stage<Change> {
    final AdapterRef ref;

    RegistryStage(AdapterRef ref) {
      this.ref = ref;
    }

    @Override
    public List<TableDef> reads() {
      return List.of(Tables.OPS_ADAPTERS, Tables.OPS_EVALS, Tables.OPS_TRAIN_METRICS);
    }

    @Override
    public List<TableDef> writes() {
      return List.of(Tables.OPS_ADAPTERS);
    }

    @Override
    public String parameters() {
      return ref.toString();
    }

    /** Retire and rollback depend on no setting and always run (they are what the user just asked for). */
    @Override
    public List<String> settings() {
      return List.of();
    }

    @Override
    public boolean skipWhenUnchanged() {
      return false;
    }

    void write(StageRun run, List<Row> rows) {
      run.table(Tables.OPS_ADAPTERS).upsert(run.table(Tables.OPS_ADAPTERS).frame(rows));
      run.count("adapters_changed", rows.size());
    }
  }

  /**
   * {@code lode adapters promote NAME@V}: checks the gates of {@code gates.sft.<user|embedded>} (by the base the
   * adapter was trained on) against the candidate's evaluation, then makes it production and retires the version
   * it replaces, which it records so that rollback can restore it.
   */
  public static final class Promote extends RegistryStage {
    public Promote(AdapterRef ref) {
      super(ref);
    }

    @Override
    public String name() {
      return "promote";
    }

    @Override
    public List<String> settings() {
      return List.of("gates");
    }

    /** A promotion already made, with nothing it depends on changed since, is skipped (lode run's second run). */
    @Override
    public boolean skipWhenUnchanged() {
      return true;
    }

    @Override
    public Change run(StageRun run) {
      AdapterRegistry registry = new AdapterRegistry(run.lakehouse());
      Row cand = registry.require(ref);
      String id = cand.getAs("adapter_id");
      String status = cand.getAs("status");
      if (status.equals(AdapterRegistry.PRODUCTION)) {
        return new Change(id, status, status, List.of(), null);
      }
      Row prod = registry.production(cand.getAs("name")).orElse(null);
      List<Verdict> verdicts = PromotionGates.check(gates(run, cand), evidence(run, cand, prod));
      Verdict failed = PromotionGates.firstFailure(verdicts);
      if (failed != null) {
        throw new Refused(id, failed, verdicts);
      }
      List<Row> rows = new ArrayList<>();
      Map<String, Object> promote = new HashMap<>();
      promote.put("status", AdapterRegistry.PRODUCTION);
      promote.put("replaced_version", prod == null ? null : prod.getAs("version"));
      rows.add(AdapterRegistry.withChanges(cand, promote));
      if (prod != null) {
        rows.add(AdapterRegistry.withChanges(prod, Map.of("status", AdapterRegistry.RETIRED)));
      }
      write(run, rows);
      return new Change(id, status, AdapterRegistry.PRODUCTION, verdicts,
          prod == null ? null : prod.getAs("adapter_id"));
    }

    private static GatesConfig.Set gates(StageRun run, Row cand) {
      GatesConfig.Stage sft = run.config().gates().sft();
      return "user".equals(cand.getAs("base_kind")) ? sft.user() : sft.embedded();
    }

    /** The candidate's evidence, every loss on the candidate's gold version and selection. */
    static Evidence evidence(StageRun run, Row cand, Row prod) {
      String id = cand.getAs("adapter_id");
      long gold = cand.getAs("source_version");
      String sel = EvalResults.selection(cand.getAs("scope"), cand.getAs("predicate"));
      EvalResults evals = new EvalResults(run.lakehouse());
      double test = evals.value(id, "test", "loss", gold, sel).orElseThrow(() -> new IllegalArgumentException(
          id + " has no test loss on gold version " + gold + " yet; run lode eval " + id + " first"));
      String base = EvalResults.baseSubject(cand.getAs("base_sha256"));
      double baseTest = evals.value(base, "test", "loss", gold, sel).orElseThrow(() -> new IllegalArgumentException(
          "the base of " + id + " has no test loss on gold version " + gold + "; run lode eval " + id + " first"));
      Double prodTest = null;
      if (prod != null) {
        String pid = prod.getAs("adapter_id");
        OptionalDouble p = evals.value(pid, "test", "loss", gold, sel);
        if (p.isEmpty()) {
          throw new IllegalArgumentException("production " + pid + " has no test loss on " + id + "'s gold version "
              + gold + "; run lode eval " + pid + " --gold-version " + gold + " first");
        }
        prodTest = p.getAsDouble();
      }
      OptionalDouble format = evals.value(id, "test", "format_accuracy", gold, sel);
      List<DevPoint> dev = run.lakehouse().table(Tables.OPS_TRAIN_METRICS).current()
          .where(col("target").equalTo(id).and(col("run_id").equalTo(cand.getAs("run_id")))
              .and(col("dev_loss").isNotNull()))
          .orderBy("step").select("step", "dev_loss").collectAsList().stream()
          .map(r -> new DevPoint(r.getInt(0), r.getDouble(1))).toList();
      int steps = run.lakehouse().table(Tables.OPS_TRAIN_METRICS).current()
          .where(col("target").equalTo(id).and(col("run_id").equalTo(cand.getAs("run_id"))))
          .selectExpr("coalesce(max(step), 0)").head().getInt(0);
      return new Evidence(test, baseTest, prodTest, dev, steps, format.isPresent() ? format.getAsDouble() : null);
    }
  }

  /** {@code lode adapters retire NAME@V}: the version stays on disk and in the registry, no longer served. */
  public static final class Retire extends RegistryStage {
    public Retire(AdapterRef ref) {
      super(ref);
    }

    @Override
    public String name() {
      return "retire";
    }

    @Override
    public Change run(StageRun run) {
      if (ref.version() == null) {
        throw new IllegalArgumentException("retire takes NAME@VERSION, not '" + ref + "'");
      }
      Row r = new AdapterRegistry(run.lakehouse()).require(ref);
      String from = r.getAs("status");
      if (!from.equals(AdapterRegistry.RETIRED)) {
        write(run, List.of(AdapterRegistry.withChanges(r, Map.of("status", AdapterRegistry.RETIRED))));
      }
      return new Change(r.getAs("adapter_id"), from, AdapterRegistry.RETIRED, List.of(), null);
    }
  }

  /**
   * {@code lode adapters rollback NAME}: the production version is retired and the one it replaced at its
   * promotion becomes production again.
   */
  public static final class Rollback extends RegistryStage {
    public Rollback(AdapterRef ref) {
      super(ref);
    }

    @Override
    public String name() {
      return "rollback";
    }

    @Override
    public Change run(StageRun run) {
      AdapterRegistry registry = new AdapterRegistry(run.lakehouse());
      Row prod = registry.production(ref.name()).orElseThrow(() -> new IllegalArgumentException(
          "adapter " + ref.name() + " has no production version to roll back"));
      Object replaced = prod.getAs("replaced_version");
      if (replaced == null) {
        throw new IllegalArgumentException(prod.getAs("adapter_id") + " replaced no earlier production version; "
            + "nothing to roll back to (retire it instead)");
      }
      Row previous = registry.require(new AdapterRef(ref.name(), (Integer) replaced));
      write(run, List.of(AdapterRegistry.withChanges(prod, Map.of("status", AdapterRegistry.RETIRED)),
          AdapterRegistry.withChanges(previous, Map.of("status", AdapterRegistry.PRODUCTION))));
      return new Change(previous.getAs("adapter_id"), previous.getAs("status"), AdapterRegistry.PRODUCTION, List.of(),
          prod.getAs("adapter_id"));
    }
  }
}
