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
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop shared by SFT (LoRA: only the adapter trains) and base training (every weight trains): rows
 * streamed by the {@link RowPacker} → forward (with each row's positions and segments in isolated packing) →
 * weighted next-token loss → backward, accumulated over micro-batches and normalised by the learned tokens of the
 * whole optimiser step → clip → AdamW with warmup and cosine decay → checkpoint; every {@code train.eval_every} steps
 * and at the last, the dev loss ({@link CompletionLoss}) on the first {@code train.eval_rows} dev examples.
 *
 * <p>Every random choice (data order, dropout masks) is a function of the seed and the step, so a run resumed from
 * a checkpoint skips the rows of its finished steps and produces the same losses as one that never stopped. A NaN
 * or infinite loss or gradient stops the run before the optimiser touches the weights; the last checkpoint on disk
 * is the last good state.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  /** The dev loss per completion token measured after optimiser step {@code step}. */
  public record DevLoss(int step, double loss) {}

  /**
   * What a run did: every step's loss (a resumed run's include those before it), its speed and MFU, the dev losses,
   * the training data's skips (over its first pass), and the rows and learned tokens this invocation trained on.
   */
  public record Result(int steps, List<Double> losses, double tokensPerSecond, double mfu, List<DevLoss> devLosses,
      SkipCounts skips, long rows, long learnedTokens) {}

  private final LlamaModel model;
  private final LoraAdapter adapter; // null in full training
  private final TrainConfig train;
  private final RowPacker data;
  private final EncodedSource dev; // null: no dev loss
  private final int padId;
  private final Checkpoints checkpoints;
  private final ProgressBar progress;
  private final StepListener listener;

  /**
   * Trains {@code model} (only {@code adapter} when not null) as {@code train:} says on {@code data}'s rows, writing
   * into {@code out}; {@code dev}, when not null, is the data the dev loss is measured on.
   */
  public Trainer(LlamaModel model, LoraAdapter adapter, TrainConfig train, RowPacker data, EncodedSource dev,
      int padId, Path out, ProgressBar progress, StepListener listener) {
    this.model = model;
    this.adapter = adapter;
    this.train = train;
    this.data = data;
    this.dev = dev;
    this.padId = padId;
    this.checkpoints = new Checkpoints(out, train);
    this.progress = progress;
    this.listener = listener == null ? StepListener.NONE : listener;
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
    List<DevLoss> devLosses = new ArrayList<>();
    int start = 0;
    Path lastGood = null;
    int b = train.batchSize();
    int t = train.seqLen();
    int n = b * t;
    if (resume) {
      Optional<Path> latest = checkpoints.latest();
      if (latest.isPresent()) {
        Checkpoints.State s = checkpoints.restore(latest.get(), trainable, opt);
        start = s.step();
        losses.addAll(s.losses());
        devLosses.addAll(s.devLosses());
        lastGood = latest.get();
        data.skip((long) start * train.gradAccum() * b);
        progress.message("resumed from " + latest.get() + " at step " + start);
      } else {
        progress.message("--resume: no checkpoint in the output directory yet; starting at step 0");
      }
    }
    long trainableCount = trainable.stream().mapToLong(p -> p.value().size()).sum();
    double flopsPerToken = ModelFlops.perToken(model.config(), train.seqLen(), adapter == null ? 0 : trainableCount,
        adapter == null);
    double peak = ModelFlops.peak(train.peakGflops());
    boolean isolated = data.packing() == RowPacker.Packing.ISOLATED;
    int[][] inputs = new int[train.gradAccum()][n];
    int[][] targets = new int[train.gradAccum()][n];
    float[][] weights = new float[train.gradAccum()][n];
    int[][] positions = new int[train.gradAccum()][];
    int[][] segments = new int[train.gradAccum()][];
    if (isolated) {
      for (int m = 0; m < train.gradAccum(); m++) {
        positions[m] = new int[n];
        segments[m] = new int[n];
      }
    }
    long tokens = 0;
    long rows = 0;
    long learnedTotal = 0;
    long t0 = System.nanoTime();
    double tokensPerSecond = 0;
    try {
      for (int step = start; step < train.steps(); step++) {
        double learned = 0;
        for (int m = 0; m < train.gradAccum(); m++) {
          learned += data.fill(b, inputs[m], targets[m], weights[m], positions[m], segments[m]);
        }
        double lossSum = 0;
        if (learned > 0) {
          for (int m = 0; m < train.gradAccum(); m++) {
            model.forward(inputs[m], positions[m], segments[m], b, t, true,
                train.seed() * 1_000_003L + (long) step * 64 + m);
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
        rows += (long) b * train.gradAccum();
        learnedTotal += (long) learned;
        double seconds = (System.nanoTime() - t0) / 1e9;
        tokensPerSecond = tokens / seconds;
        progress.update(step + 1, loss, lr, tokensPerSecond, tokensPerSecond * flopsPerToken / peak);
        listener.step(step + 1, loss, lr, tokensPerSecond, norm);
        boolean last = step + 1 == train.steps();
        if (dev != null && train.evalEvery() > 0 && ((step + 1) % train.evalEvery() == 0 || last)) {
          double devLoss = CompletionLoss.evaluate(model, dev, train.evalRows(), b, t, padId).loss();
          devLosses.add(new DevLoss(step + 1, devLoss));
          listener.eval(step + 1, devLoss);
          progress.message(String.format(Locale.ROOT, "step %d: dev loss %.4f", step + 1, devLoss));
        }
        if (train.checkpointEvery() > 0 && ((step + 1) % train.checkpointEvery() == 0 || last)) {
          lastGood = checkpoints.save(step + 1, losses, devLosses, model, adapter, opt);
          LOG.debug("checkpoint {}", lastGood);
        }
      }
    } finally {
      data.close();
    }
    checkpoints.saveFinal(train.steps(), losses, devLosses, model, adapter);
    return new Result(train.steps(), losses, tokensPerSecond, tokensPerSecond * flopsPerToken / peak, devLosses,
        data.skips(), rows, learnedTotal);
  }

  private static TrainingDivergedException diverged(String what, int step, Path lastGood) {
    return new TrainingDivergedException("training stopped at step " + (step + 1) + ": " + what
        + "; nothing from this step was saved. Last good checkpoint: "
        + (lastGood == null ? "none yet (lower the learning rate or checkpoint more often)" : lastGood.toString()));
  }
}
