package dev.lode.train.sft;

import dev.lode.train.tokenizer.HfTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenizes a document for base training: its ids closed with the end-of-sequence token, every token learned. A
 * document longer than a row (seq_len + 1 tokens) becomes consecutive windows, each starting with the previous
 * window's last token so that no token goes unpredicted: pre-training text has no reply whose end a cut would lose,
 * and skipping long files would drop most real code.
 */
public final class DocumentEncoder {
  private final HfTokenizer tokenizer;
  private final int vocabSize;
  private final int maxTokens;

  public DocumentEncoder(HfTokenizer tokenizer, int vocabSize, int maxTokens) {
    this.tokenizer = tokenizer;
    this.vocabSize = vocabSize;
    this.maxTokens = maxTokens;
  }

  /**
   * The document's windows (ids {@code #1}, {@code #2}, … after the first), or one skip when it has nothing to
   * predict.
   *
   * @throws IllegalArgumentException naming the record when a token id is outside the model's vocabulary
   */
  public List<Encoded> encode(DocumentSource.Document d) {
    int[] ids = tokenizer.encode(d.text()).ids();
    Integer eos = tokenizer.eosId();
    if (eos != null) {
      ids = Arrays.copyOf(ids, ids.length + 1);
      ids[ids.length - 1] = eos;
    }
    for (int id : ids) {
      if (id < 0 || id >= vocabSize) {
        throw new IllegalArgumentException(d.id() + ": token id " + id + " is outside the model's vocabulary ("
            + vocabSize + "); tokenizer and model do not match");
      }
    }
    if (ids.length < 2) {
      return List.of(Encoded.skipped(d.id(), SkipReason.NO_LEARNED_TOKENS, "fewer than two tokens"));
    }
    List<Encoded> out = new ArrayList<>();
    for (int from = 0, k = 0; from < ids.length - 1; from += maxTokens - 1, k++) {
      int[] w = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + maxTokens));
      boolean[] learn = new boolean[w.length];
      Arrays.fill(learn, true);
      out.add(Encoded.of(new TokenizedExample(k == 0 ? d.id() : d.id() + "#" + k, w, learn)));
    }
    return out;
  }
}
