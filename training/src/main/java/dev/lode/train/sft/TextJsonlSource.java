package dev.lode.train.sft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lode.train.tokenizer.HfTokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain-text JSONL for base (continued pre-)training, one document per line: {@code {"text": "…"}}. Each document
 * is tokenized and closed with the end-of-sequence token; every token is learned.
 */
public final class TextJsonlSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TextJsonlSource() {}

  public static List<TokenizedExample> read(Path file, HfTokenizer tokenizer, int vocabSize) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("training data " + file + " does not exist or is not a file");
    }
    Integer eos = tokenizer.eosId();
    List<TokenizedExample> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String where = file + ":" + lineNo;
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(where + ": not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.path("text").isTextual()) {
          throw new IllegalArgumentException(where + ": expected {\"text\": \"…\"}");
        }
        int[] ids = tokenizer.encode(node.get("text").asText()).ids();
        if (eos != null) {
          ids = Arrays.copyOf(ids, ids.length + 1);
          ids[ids.length - 1] = eos;
        }
        for (int id : ids) {
          if (id >= vocabSize) {
            throw new IllegalArgumentException(where + ": token id " + id + " is outside the model's vocabulary");
          }
        }
        boolean[] learn = new boolean[ids.length];
        Arrays.fill(learn, true);
        out.add(new TokenizedExample(where, ids, learn));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("training data " + file + " holds no documents");
    }
    return out;
  }
}
