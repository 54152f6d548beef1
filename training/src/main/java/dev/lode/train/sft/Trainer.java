package dev.lode.train.sft;

import dev.lode.config.TrainConfig;
import dev.lode.train.lora.LoraAdapter;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.ModelFlops;
import dev.lode.train.model.Param;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop shared by SFT (LoRA: only the adapter trains) and base training (every weight trains): packed
 * rows → forward → weighted next-token loss → backward, accumulated over micro-batches and normalised by the
 * learned tokens of the whole optimiser step → clip → AdamW with warmup and cosine decay → checkpoint.
 *
 * <p>Every random choice (data order, dropout masks) is a function of the seed and the step, so a run resumed from
 * a checkpoint produces the same losses as one that never stopped. A NaN or infinite loss or gradient stops the run
 * before the optimiser touches the weights; the last checkpoint on disk is the last good state.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  /** What a run did. */
  public record Result(int steps, List<Double> losses, double tokensPerSecond, double mfu) {}

  private final LlamaModel model;
  private final LoraAdapter adapter; // null in full training
  private final TrainConfig train;
  private final PackedRows data;
  private final Checkpoints checkpoints;
  private final ProgressBar progress;

  /** Trains {@code model} (only {@code adapter} when not null) as {@code train:} says, writing into {@code out}. */
  public Trainer(LlamaModel model, LoraAdapter adapter, TrainConfig train, PackedRows data, Path out,
      ProgressBar progress) {
    this.model = model;
    this.adapter = adapter;
    this.train = train;
    this.data = data;
    this.checkpoints = new Checkpoints(out, train);
    this.progress = progress;
  }

  public Result run(boolean resume) throws IOException {
    List<Param> trainable = adapter != null ? adapter.parameters()
        : model.parameters().values().stream().filter(Param::trainable).toList();
    if (trainable.isEmpty() || trainable.stream().anyMatch(p -> !p.trainable())) {
      throw new IllegalStateException("nothing to train: mark the adapter or the model trainable first");
    }
    AdamW opt = new AdamW(trainable, train.beta1(), train.beta2(), train.eps(), train.weightDecay());
    LrSchedule schedule = new LrSchedule(train);
    List<Double> losses = new ArrayList<>();
    int start = 0;
    Path lastGood = null;
    if (resume) {
      Optional<Path> latest = checkpoints.latest();
      if (latest.isPresent()) {
        Checkpoints.State s = checkpoints.restore(latest.get(), trainable, opt);
        start = s.step();
        losses.addAll(s.losses());
        lastGood = latest.get();
        progress.message("resumed from " + latest.get() + " at step " + start);
      } else {
        progress.message("--resume: no checkpoint in the output directory yet; starting at step 0");
      }
    }
    long trainableCount = trainable.stream().mapToLong(p -> p.value().size()).sum();
    double flopsPerToken = ModelFlops.perToken(model.config(), train.seqLen(), adapter == null ? 0 : trainableCount,
        adapter == null);
    double peak = ModelFlops.peak(train.peakGflops());
    int b = train.batchSize();
    int t = train.seqLen();
    int n = b * t;
    int[][] inputs = new int[train.gradAccum()][n];
    int[][] targets = new int[train.gradAccum()][n];
    float[][] weights = new float[train.gradAccum()][n];
    long tokens = 0;
    long t0 = System.nanoTime();
    double tokensPerSecond = 0;
    for (int step = start; step < train.steps(); step++) {
      double learned = 0;
      for (int m = 0; m < train.gradAccum(); m++) {
        long firstRow = ((long) step * train.gradAccum() + m) * b;
        data.fill(firstRow, b, inputs[m], targets[m], weights[m]);
        for (float w : weights[m]) {
          learned += w;
        }
      }
      double lossSum = 0;
      if (learned > 0) {
        for (int m = 0; m < train.gradAccum(); m++) {
          model.forward(inputs[m], b, t, true, train.seed() * 1_000_003L + (long) step * 64 + m);
          lossSum += model.lossAndBackward(targets[m], weights[m], (float) (1.0 / learned));
        }
      }
      double loss = learned > 0 ? lossSum / learned : 0;
      if (!Double.isFinite(loss)) {
        throw diverged("loss is " + loss, step, lastGood);
      }
      double norm = opt.clipGradNorm(train.gradClip());
      if (!Double.isFinite(norm)) {
        throw diverged("gradient norm is " + norm, step, lastGood);
      }
      double lr = schedule.at(step);
      opt.step(lr);
      losses.add(loss);
      tokens += (long) n * train.gradAccum();
      double seconds = (System.nanoTime() - t0) / 1e9;
      tokensPerSecond = tokens / seconds;
      progress.update(step + 1, loss, lr, tokensPerSecond, tokensPerSecond * flopsPerToken / peak);
      boolean last = step + 1 == train.steps();
      if (train.checkpointEvery() > 0 && ((step + 1) % train.checkpointEvery() == 0 || last)) {
        lastGood = checkpoints.save(step + 1, losses, model, adapter, opt);
        LOG.debug("checkpoint {}", lastGood);
      }
    }
    checkpoints.saveFinal(train.steps(), losses, model, adapter);
    return new Result(train.steps(), losses, tokensPerSecond, tokensPerSecond * flopsPerToken / peak);
  }

  private static TrainingDivergedException diverged(String what, int step, Path lastGood) {
    return new TrainingDivergedException("training stopped at step " + (step + 1) + ": " + what
        + "; nothing from this step was saved. Last good checkpoint: "
        + (lastGood == null ? "none yet (lower the learning rate or checkpoint more often)" : lastGood.toString()));
  }
}
