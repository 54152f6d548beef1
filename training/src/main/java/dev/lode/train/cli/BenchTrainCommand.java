package dev.lode.train.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.ConfigFlags;
import dev.lode.config.ConfigSections;
import dev.lode.config.TrainConfig;
import dev.lode.train.Device;
import dev.lode.train.base.ModelPresets;
import dev.lode.train.bench.TorchAnchor;
import dev.lode.train.bench.TrainBenchmark;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.ModelFlops;
import dev.lode.train.model.Parallel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench train}: LoRA SFT step throughput of the tiny preset (forward, backward, AdamW), Lode beside the
 * PyTorch peer script run with the same shape ({@code train.bench}) in the same invocation.
 */
@Command(name = "train", modelTransformer = ConfigFlags.class, description = "Time LoRA SFT steps on the tiny "
    + "preset beside PyTorch (shared/bench/torch_lora_anchor.py); last line one JSON object.")
@ConfigSections("train.bench")
public final class BenchTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions options;

  @Option(names = "--anchor", paramLabel = "PATH", description = "The PyTorch peer script. Default: "
      + "<repository root>/../shared/bench/torch_lora_anchor.py.")
  Path anchor;

  @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
      description = "Python with torch (Debian's python3-torch). Default: ${DEFAULT-VALUE}.")
  Path python;

  @Option(names = "--no-torch", description = "Skip the PyTorch peer (prints null for it).")
  boolean noTorch;

  @Override
  public Integer call() throws Exception {
    return TrainerCli.run(spec, () -> {
      TrainConfig train = options.config().train();
      Device.select("cpu", train.threads()); // the peer runs on the CPU, so Lode's side does too
      TrainConfig.Bench b = train.bench();
      LlamaConfig c = ModelPresets.tiny();
      double peak = ModelFlops.peak(train.peakGflops());
      System.err.printf(Locale.ROOT, "lode: tiny preset, batch %d × seq %d, LoRA r=%d on q,k,v,o,gate,up,down; "
          + "%d threads; peak %.1f GFLOP/s (%s)%n", b.batchSize(), b.seqLen(), b.rank(), Parallel.threads(),
          peak / 1e9, train.peakGflops() > 0 ? "train.peak_gflops" : "measured sgemm");
      TrainBenchmark.Result lode = new TrainBenchmark(b).run(peak);
      System.err.printf(Locale.ROOT, "lode:  %.1f tokens/s, %.1f ms/step, MFU %.1f%%, loss %.4f%n",
          lode.tokensPerSecond(), lode.stepMillis(), 100 * lode.mfu(), lode.lastLoss());
      Double torch = null;
      if (noTorch) {
        System.err.println("torch: skipped (--no-torch)");
      } else {
        Path script = anchor != null ? anchor : TorchAnchor.defaultScript(repositoryRoot());
        TorchAnchor.Outcome t = TorchAnchor.run(python, script, Parallel.threads(), c.hiddenSize(), c.numLayers(),
            c.numHeads(), c.numKvHeads(), c.intermediateSize(), c.vocabSize(), b.seqLen(), b.batchSize(), b.rank(),
            b.steps(), 1800);
        torch = t.tokensPerSecond();
        System.err.println(torch != null ? "torch: " + t.detail() : "torch: not run: " + t.detail());
      }
      String ratio = torch == null ? "null" : String.format(Locale.ROOT, "%.3f", lode.tokensPerSecond() / torch);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "{\"lode_tokens_per_s\": %.1f, \"torch_tokens_per_s\": %s, \"ratio\": %s, "
          + "\"mfu\": %.4f}%n", lode.tokensPerSecond(),
          torch == null ? "null" : String.format(Locale.ROOT, "%.1f", torch), ratio, lode.mfu());
      out.flush();
      return 0;
    });
  }

  /**
   * The checkout Lode was built in: the nearest directory above this class's jar (training/target/…,
   * jobs/target/lib/…) or classes directory that holds the root pom and training/; else the working directory.
   */
  private static Path repositoryRoot() {
    try {
      Path from = Path.of(BenchTrainCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = from.getParent(); p != null; p = p.getParent()) {
        if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("training"))) {
          return p;
        }
      }
    } catch (Exception ignored) {
      // no code source (or not a file): fall through to the working directory
    }
    return Path.of("").toAbsolutePath();
  }
}
