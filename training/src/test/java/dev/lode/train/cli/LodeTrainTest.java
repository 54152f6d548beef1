package dev.lode.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The training module's own main, run as a GPU box would run it: no Spark anywhere on the classpath. */
class LodeTrainTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run lodeTrain(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = LodeTrain.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void baseInitThenSftThenScoreRunEndToEndWithoutSpark() throws IOException {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.sql.SparkSession"),
        "the trainer's classpath holds no Spark");
    Path model = dir.resolve("model");
    Run init = lodeTrain("base", "init", "--out", model);
    assertEquals(0, init.code(), init.err());
    assertTrue(Files.isRegularFile(model.resolve("tokenizer.json")), init.out());

    Path chat = dir.resolve("chat.jsonl");
    Files.writeString(chat, String.join("\n",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"add\"}, {\"role\": \"assistant\", \"content\": \"a + b\"}]}",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"sub\"}, {\"role\": \"assistant\", \"content\": \"a - b\"}]}",
        ""));
    Path adapter = dir.resolve("adapter");
    Run sft = lodeTrain("train", "sft", "--model", model, "--data", chat, "--out", adapter, "--steps", 2,
        "--batch-size", 1, "--seq-len", 32, "--warmup-steps", 0, "--checkpoint-every", 0, "--peak-gflops", 1,
        "--lora-r", 4, "--lora-target-modules", "q,v", "--lora-use-rslora");
    assertEquals(0, sft.code(), sft.err());
    assertTrue(sft.out().startsWith("trained 2 steps"), sft.out());
    JsonNode peft = JSON.readTree(adapter.resolve("adapter_config.json").toFile());
    assertEquals(4, peft.get("r").asInt());
    assertEquals(List.of("q_proj", "v_proj"), List.of(JSON.convertValue(peft.get("target_modules"), String[].class)));
    assertTrue(peft.get("use_rslora").asBoolean());

    Run score = lodeTrain("model", "score", "--model", model, "--adapter", adapter, "--text", "def add(a, b):");
    assertEquals(0, score.code(), score.err());
    JsonNode scores = JSON.readTree(score.out());
    assertEquals(scores.get("tokens").size() - 1, scores.get("logprobs").size(), score.out());
    scores.get("logprobs").forEach(lp -> assertTrue(lp.asDouble() <= 0, score.out()));
  }

  @Test
  void aMissingInputOrARefusedSettingExitsWithTwoNamingIt() {
    Path nowhere = dir.resolve("nowhere");
    Run missing = lodeTrain("train", "sft", "--model", nowhere, "--data", "chat.jsonl", "--out", dir.resolve("o"));
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--model " + nowhere), missing.err());
    Run refused = lodeTrain("model", "score", "--model", dir, "--text", "x", "--device", "tpu");
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("train.device"), refused.err());
  }
}
