package dev.lode.train.sft;

import dev.lode.train.tokenizer.ChatTemplate;
import dev.lode.train.tokenizer.HfTokenizer;

/**
 * Renders each conversation with the model's chat template, tokenizes the whole text once (so ids are exactly what
 * the model sees at inference), and marks the tokens that fall inside assistant replies as the ones to learn.
 *
 * <p>A record the trainer cannot use is skipped with its {@link SkipReason}, never fatal: one odd conversation in
 * a large table must not cost the run. Two things stay fatal because they are not about one record: a token id
 * the model has no embedding for (the tokenizer and the model do not belong together).
 */
public final class ChatEncoder {
  private final HfTokenizer tokenizer;
  private final int vocabSize;
  private final int maxTokens;

  /**
   * @param vocabSize the model's vocabulary; a larger id is refused
   * @param maxTokens the most tokens an example may have (seq_len + 1: a row's inputs and their next-token targets)
   */
  public ChatEncoder(HfTokenizer tokenizer, int vocabSize, int maxTokens) {
    this.tokenizer = tokenizer;
    this.vocabSize = vocabSize;
    this.maxTokens = maxTokens;
  }

  /**
   * The example's ids and learned mask, or a skip.
   *
   * @throws IllegalArgumentException naming the record when a token id is outside the model's vocabulary
   */
  public Encoded encode(ExampleSource.Example e) {
    ChatTemplate.Rendered r;
    try {
      r = tokenizer.chatTemplate().render(e.messages(), false);
    } catch (ChatTemplate.AssistantNotVerbatimException ex) {
      return Encoded.skipped(e.id(), SkipReason.ASSISTANT_NOT_VERBATIM, ex.getMessage());
    } catch (RuntimeException ex) {
      return Encoded.skipped(e.id(), SkipReason.TEMPLATE_REFUSED, ex.getMessage());
    }
    HfTokenizer.Encoded enc = tokenizer.encode(r.text());
    int[] ids = enc.ids();
    for (int id : ids) {
      if (id < 0 || id >= vocabSize) {
        throw new IllegalArgumentException(e.id() + ": token id " + id + " is outside the model's vocabulary ("
            + vocabSize + "); tokenizer and model do not match");
      }
    }
    if (ids.length > maxTokens) {
      return Encoded.skipped(e.id(), SkipReason.LONGER_THAN_SEQ_LEN, ids.length + " tokens, more than seq_len + 1 = "
          + maxTokens);
    }
    boolean[] learn = new boolean[ids.length];
    for (int i = 0; i < learn.length; i++) {
      int start = enc.spans()[i][0];
      for (int[] span : r.assistantSpans()) {
        if (start >= span[0] && start < span[1]) {
          learn[i] = true;
          break;
        }
      }
    }
    TokenizedExample t = new TokenizedExample(e.id(), ids, learn);
    if (t.learnedTokens() == 0) {
      return Encoded.skipped(e.id(), SkipReason.NO_LEARNED_TOKENS, "no assistant token to learn");
    }
    return Encoded.of(t);
  }
}
