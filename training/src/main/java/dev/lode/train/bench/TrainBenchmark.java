package dev.lode.train.bench;

import dev.lode.config.TrainConfig;
import dev.lode.train.base.ModelPresets;
import dev.lode.train.lora.LoraAdapter;
import dev.lode.train.lora.LoraModules;
import dev.lode.train.lora.LoraModel;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.ModelFlops;
import dev.lode.train.model.Param;
import dev.lode.train.sft.AdamW;
import java.util.SplittableRandom;

/**
 * Times LoRA SFT steps (forward, backward, AdamW) of the {@code tiny} preset on random tokens: the same work as the
 * PyTorch peer script, so the two figures can stand side by side.
 */
public final class TrainBenchmark {
  /** What one run measured. */
  public record Result(double tokensPerSecond, double stepMillis, double mfu, double lastLoss, long loraParams,
      long totalParams) {}

  private final TrainConfig.Bench shape;

  /** The run {@code train.bench} describes: its batch, sequence length, rank and (warmup) steps. */
  public TrainBenchmark(TrainConfig.Bench shape) {
    this.shape = shape;
  }

  public Result run(double peakFlops) {
    int batch = shape.batchSize();
    int seq = shape.seqLen();
    int rank = shape.rank();
    int warmup = shape.warmupSteps();
    int steps = shape.steps();
    LlamaConfig cfg = ModelPresets.tiny();
    LlamaModel model = new LlamaModel(cfg);
    SplittableRandom rng = new SplittableRandom(0);
    for (Param p : model.parameters().values()) {
      float[] v = new float[p.value().size()];
      boolean norm = p.value().rows() == 1;
      for (int i = 0; i < v.length; i++) {
        v[i] = norm ? 1f : (float) (rng.nextGaussian() * 0.02);
      }
      p.value().copyFrom(v);
    }
    TrainConfig.Lora lora = new TrainConfig.Lora(rank, 2.0 * rank, 0.0, LoraModules.ALL, false);
    LoraModel peft = new LoraModel(model);
    LoraAdapter adapter = LoraAdapter.initialise("bench", lora, model, "tiny", 0);
    peft.add(adapter);
    peft.setActive("bench");
    adapter.setTrainable(true);
    AdamW opt = new AdamW(adapter.parameters(), 0.9, 0.999, 1e-8, 0.01);
    int n = batch * seq;
    int[] tokens = rng.ints(batch * (seq + 1), 0, cfg.vocabSize()).toArray();
    int[] ids = new int[n];
    int[] targets = new int[n];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(tokens, b * (seq + 1), ids, b * seq, seq);
      System.arraycopy(tokens, b * (seq + 1) + 1, targets, b * seq, seq);
    }
    float[] weights = new float[n];
    java.util.Arrays.fill(weights, 1f);
    double loss = 0;
    long t0 = 0;
    for (int s = 0; s < warmup + steps; s++) {
      if (s == warmup) {
        t0 = System.nanoTime();
      }
      model.forward(ids, batch, seq, true, s);
      loss = model.lossAndBackward(targets, weights, 1f / n) / n;
      opt.step(1e-3);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long loraParams = adapter.parameters().stream().mapToLong(p -> p.value().size()).sum();
    double tokensPerSecond = (double) n * steps / seconds;
    double mfu = tokensPerSecond * ModelFlops.perToken(cfg, seq, loraParams, false) / peakFlops;
    return new Result(tokensPerSecond, 1000 * seconds / steps, mfu, loss, loraParams, cfg.parameterCount());
  }
}
