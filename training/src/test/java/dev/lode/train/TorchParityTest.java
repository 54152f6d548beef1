package dev.lode.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lode.train.io.HfModelWriter;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.ModelFixtures;
import dev.lode.train.score.Scorer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lode's log-probabilities against a forward pass in PyTorch ops, on a model directory Lode wrote. Skipped, with
 * the reason printed, where {@code /usr/bin/python3} has no torch (Debian: python3-torch libopenblas0-pthread).
 */
class TorchParityTest {
  private static final Path PYTHON = Path.of(System.getProperty("lode.test.python", "/usr/bin/python3"));

  @Test
  void logprobsMatchPyTorchOnAQwen2StyleModel(@TempDir Path dir) throws Exception {
    String why = torchMissing();
    if (why != null) {
      System.err.println("TorchParityTest skipped: " + why);
    }
    assumeTrue(why == null, why);
    LlamaConfig cfg = ModelFixtures.config("qwen2", false, 4, 2);
    LlamaModel model = ModelFixtures.randomModel(cfg, 21);
    HfModelWriter.write(model, dir);
    int[] ids = new SplittableRandom(2).ints(24, 0, cfg.vocabSize()).toArray();
    double[] lode = new Scorer(model, null).score(ids).logprobs();
    Path script = dir.resolve("torch_logprobs.py");
    try (InputStream in = getClass().getResourceAsStream("torch_logprobs.py")) {
      Files.copy(in, script);
    }
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), dir.toString()));
    for (int id : ids) {
      cmd.add(Integer.toString(id));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    JsonNode json = new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
    JsonNode torch = json.get("logprobs");
    assertEquals(lode.length, torch.size());
    double max = 0;
    for (int i = 0; i < lode.length; i++) {
      max = Math.max(max, Math.abs(lode[i] - torch.get(i).asDouble()));
    }
    System.out.printf("PyTorch %s parity: max |Δlogprob| = %.3g%n", json.get("torch").asText(), max);
    assertTrue(max < 1e-4, "max |Δlogprob| " + max);
  }

  private static String torchMissing() {
    if (!Files.isExecutable(PYTHON)) {
      return PYTHON + " not found";
    }
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch, numpy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return PYTHON + " cannot import torch and numpy (apt-get install python3-torch libopenblas0-pthread)";
      }
      return null;
    } catch (Exception e) {
      return "cannot run " + PYTHON + ": " + e.getMessage();
    }
  }
}
