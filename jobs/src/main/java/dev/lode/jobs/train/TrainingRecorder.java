package dev.lode.jobs.train;

import dev.lode.lakehouse.StageRun;
import dev.lode.lakehouse.Tables;
import dev.lode.train.registry.PromotionGates.DevPoint;
import dev.lode.train.sft.StepListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Collects what a training run reports step by step (loss, learning rate, throughput, gradient norm, and the dev
 * loss every {@code train.eval_every} steps) and writes it to {@code ops.train_metrics} at the end, one row per step,
 * with the records it skipped to {@code ops.train_skips}.
 */
final class TrainingRecorder implements StepListener {
  private final Map<Integer, double[]> steps = new LinkedHashMap<>();
  private final Map<Integer, Double> dev = new LinkedHashMap<>();

  @Override
  public void step(int step, double loss, double lr, double tokensPerSecond, double gradNorm) {
    steps.put(step, new double[] {loss, lr, tokensPerSecond, gradNorm});
  }

  @Override
  public void eval(int step, double devLoss) {
    dev.put(step, devLoss);
  }

  List<DevPoint> devLosses() {
    return dev.entrySet().stream().map(e -> new DevPoint(e.getKey(), e.getValue())).toList();
  }

  /** Writes the steps and skips (reason → count, with the first record ids) of {@code target}'s training. */
  void write(StageRun run, String target, Map<String, Long> skipCounts, Map<String, List<String>> skipExamples) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<Integer, double[]> e : steps.entrySet()) {
      double[] v = e.getValue();
      rows.add(Tables.OPS_TRAIN_METRICS.newRow().set("run_id", run.runId()).set("target", target)
          .set("step", e.getKey()).set("loss", v[0]).set("lr", v[1]).set("tokens_per_s", v[2])
          .set("grad_norm", v[3]).set("dev_loss", dev.get(e.getKey())).build());
    }
    var metrics = run.table(Tables.OPS_TRAIN_METRICS);
    metrics.insertNew(metrics.frame(rows));
    List<Row> skipped = new ArrayList<>();
    for (Map.Entry<String, Long> e : skipCounts.entrySet()) {
      skipped.add(Tables.OPS_TRAIN_SKIPS.newRow().set("run_id", run.runId()).set("target", target)
          .set("reason", e.getKey()).set("count", e.getValue())
          .set("examples", skipExamples.getOrDefault(e.getKey(), List.of())).build());
    }
    var skips = run.table(Tables.OPS_TRAIN_SKIPS);
    if (skipped.isEmpty()) {
      skips.ensure();
    } else {
      skips.insertNew(skips.frame(skipped));
    }
    run.count(target + ".skipped", skipCounts.values().stream().mapToLong(Long::longValue).sum());
  }
}
