package dev.lode.train.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.TrainConfig;
import dev.lode.train.sft.DocumentSource;
import dev.lode.train.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseModelInitializerTest {
  @TempDir Path dir;

  private long read;

  /** An endless stream of code, counting what is read. */
  private DocumentSource endlessCode() {
    return DocumentSource.of("endless", () -> IntStream.iterate(0, i -> i + 1).mapToObj(i -> {
      read++;
      return new DocumentSource.Document("f" + i, "def add(a, b):\n    return a + b\n");
    }).iterator());
  }

  @Test
  void theTokenizerLearnsFromAStreamBoundedByMaxFiles() throws IOException {
    TrainConfig.Base base = new TrainConfig.Base("tiny", 1, 1e-3, 1, 16, 2, 50, 0);
    BaseModelInitializer.create(endlessCode(), base, 1, dir.resolve("files"));
    assertEquals(50, read, "lakehouse_max_files documents, no more");
    try (HfTokenizer tok = HfTokenizer.load(dir.resolve("files"))) {
      assertTrue(tok.encode(" return").ids().length == 1, "merges learned from the stream");
    }
  }

  @Test
  void theTokenizerLearnsFromAStreamBoundedByMaxBytes() throws IOException {
    TrainConfig.Base base = new TrainConfig.Base("tiny", 1, 1e-3, 1, 16, 2, 0, 320);
    BaseModelInitializer.create(endlessCode(), base, 1, dir.resolve("bytes"));
    assertEquals(10, read, "32-character documents until lakehouse_max_bytes (320) characters were read");
  }
}
