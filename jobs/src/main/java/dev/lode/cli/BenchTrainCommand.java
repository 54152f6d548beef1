package dev.lode.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.TrainConfig;
import dev.lode.train.bench.TorchAnchor;
import dev.lode.train.bench.TrainBenchmark;
import dev.lode.train.base.ModelPresets;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.ModelFlops;
import dev.lode.train.model.Parallel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lode bench train}: LoRA SFT step throughput of the tiny preset (forward, backward, AdamW), Lode beside the
 * PyTorch peer script run with the same shape in the same invocation.
 */
@Command(name = "train", description = "Time LoRA SFT steps on the tiny preset beside PyTorch "
    + "(shared/bench/torch_lora_anchor.py); last line one JSON object.")
final class BenchTrainCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--anchor", paramLabel = "PATH", description = "The PyTorch peer script. Default: "
      + "<repository root>/../shared/bench/torch_lora_anchor.py.")
  Path anchor;

  @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
      description = "Python with torch (Debian's python3-torch). Default: ${DEFAULT-VALUE}.")
  Path python;

  @Option(names = "--steps", paramLabel = "N", description = "Timed steps (train.bench.steps).")
  Integer steps;

  @Option(names = "--no-torch", description = "Skip the PyTorch peer (prints null for it).")
  boolean noTorch;

  @Override
  public Integer call() {
    TrainConfig train = TrainerCli.start(options, "cpu");
    TrainConfig.Bench b = train.bench();
    int timed = steps != null ? steps : b.steps();
    LlamaConfig c = ModelPresets.tiny();
    double peak = train.peakGflops() > 0 ? train.peakGflops() * 1e9 : ModelFlops.measuredPeak();
    System.err.printf(Locale.ROOT, "lode: tiny preset, batch %d × seq %d, LoRA r=%d on q,k,v,o,gate,up,down; "
        + "%d threads; peak %.1f GFLOP/s (%s)%n", b.batchSize(), b.seqLen(), b.rank(), Parallel.threads(), peak / 1e9,
        train.peakGflops() > 0 ? "train.peak_gflops" : "measured sgemm");
    TrainBenchmark.Result lode = new TrainBenchmark(b.batchSize(), b.seqLen(), b.rank(), b.warmupSteps(), timed)
        .run(peak);
    System.err.printf(Locale.ROOT, "lode:  %.1f tokens/s, %.1f ms/step, MFU %.1f%%, loss %.4f%n",
        lode.tokensPerSecond(), lode.stepMillis(), 100 * lode.mfu(), lode.lastLoss());
    Double torch = null;
    if (noTorch) {
      System.err.println("torch: skipped (--no-torch)");
    } else {
      Path script = anchor != null ? anchor : TorchAnchor.defaultScript(repositoryRoot());
      TorchAnchor.Outcome t = TorchAnchor.run(python, script, Parallel.threads(), c.hiddenSize(), c.numLayers(),
          c.numHeads(), c.numKvHeads(), c.intermediateSize(), c.vocabSize(), b.seqLen(), b.batchSize(), b.rank(),
          timed, 1800);
      torch = t.tokensPerSecond();
      System.err.println(torch != null ? "torch: " + t.detail() : "torch: not run: " + t.detail());
    }
    String ratio = torch == null ? "null" : String.format(Locale.ROOT, "%.3f", lode.tokensPerSecond() / torch);
    System.out.printf(Locale.ROOT, "{\"lode_tokens_per_s\": %.1f, \"torch_tokens_per_s\": %s, \"ratio\": %s, "
        + "\"mfu\": %.4f}%n", lode.tokensPerSecond(), torch == null ? "null" : String.format(Locale.ROOT, "%.1f", torch),
        ratio, lode.mfu());
    return 0;
  }

  /** The checkout this jar was built in: jobs/target/x.jar → the repository root; else the working directory. */
  private static Path repositoryRoot() {
    try {
      Path jar = Path.of(BenchTrainCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path jobs = jar.getParent() != null ? jar.getParent().getParent() : null; // jobs/target/… → jobs
      if (jobs != null && jobs.getFileName() != null && jobs.getFileName().toString().equals("jobs")
          && jobs.getParent() != null) {
        return jobs.getParent();
      }
    } catch (Exception ignored) {
      // fall through to the working directory
    }
    return Path.of("").toAbsolutePath();
  }
}
