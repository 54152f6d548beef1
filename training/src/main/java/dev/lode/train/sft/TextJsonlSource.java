package dev.lode.train.sft;

import dev.lode.train.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain-text JSONL for base (continued pre-)training, one document per line: {@code {"text": "…"}}. Each document
 * is tokenized and closed with the end-of-sequence token; every token is learned.
 */
public final class TextJsonlSource {
  private TextJsonlSource() {}

  public static List<TokenizedExample> read(Path file, HfTokenizer tokenizer, int vocabSize) {
    Integer eos = tokenizer.eosId();
    List<TokenizedExample> out = new ArrayList<>();
    JsonLines.forEach(file, (node, where) -> {
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
    });
    if (out.isEmpty()) {
      throw new IllegalArgumentException("training data " + file + " holds no documents");
    }
    return out;
  }
}
