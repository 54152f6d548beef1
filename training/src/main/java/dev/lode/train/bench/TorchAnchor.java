package dev.lode.train.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PyTorch peer script ({@code torch_lora_anchor.py}) with the same shape and reads its tokens/s. Debian's
 * {@code python3-torch} lives in {@code /usr/bin/python3}, which is often not the {@code python3} first on PATH, so
 * that one is tried first. Every reason it cannot run is returned, never swallowed.
 */
public final class TorchAnchor {
  /** tokens/s, or null with the reason. */
  public record Outcome(Double tokensPerSecond, String detail) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private TorchAnchor() {}

  /** The default script location: {@code <repository root>/../shared/bench/torch_lora_anchor.py}. */
  public static Path defaultScript(Path repoRoot) {
    return repoRoot.toAbsolutePath().normalize().resolveSibling("shared").resolve("bench")
        .resolve("torch_lora_anchor.py");
  }

  public static Outcome run(Path python, Path script, int threads, int d, int layers, int heads, int kvHeads, int ffn,
      int vocab, int seq, int batch, int rank, int steps, long timeoutSeconds) {
    if (!Files.isRegularFile(script)) {
      return new Outcome(null, "peer script " + script + " not found (give --anchor PATH)");
    }
    if (!Files.isExecutable(python)) {
      return new Outcome(null, "python " + python + " not found or not executable (give --python PATH)");
    }
    List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString()));
    for (int v : new int[] {d, layers, heads, kvHeads, ffn, vocab, seq, batch, rank, steps}) {
      cmd.add(Integer.toString(v));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("OPENBLAS_NUM_THREADS", "1"); // torch threads its own ops; see the script's header
    pb.environment().put("THREADS", Integer.toString(threads));
    try {
      Process p = pb.start();
      byte[] output;
      try (var in = p.getInputStream()) {
        output = in.readAllBytes();
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Outcome(null, "peer timed out after " + timeoutSeconds + " s");
      }
      String text = new String(output, StandardCharsets.UTF_8).strip();
      String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
      if (p.exitValue() != 0) {
        return new Outcome(null, "peer exited with " + p.exitValue() + ": " + tail(text));
      }
      JsonNode json = JSON.readTree(last);
      if (json == null || !json.path("tokens_per_s").isNumber()) {
        return new Outcome(null, "peer printed no tokens_per_s: " + tail(text));
      }
      return new Outcome(json.get("tokens_per_s").asDouble(), last);
    } catch (IOException e) {
      return new Outcome(null, "cannot run " + python + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, "interrupted");
    }
  }

  private static String tail(String s) {
    return s.length() <= 400 ? s : "…" + s.substring(s.length() - 400);
  }
}
