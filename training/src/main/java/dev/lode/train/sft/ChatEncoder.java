package dev.lode.train.sft;

import dev.lode.train.tokenizer.ChatTemplate;
import dev.lode.train.tokenizer.HfTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders each conversation with the model's chat template, tokenizes the whole text once (so ids are exactly what
 * the model sees at inference), and marks the tokens that fall inside assistant replies as the ones to learn.
 */
public final class ChatEncoder {
  private final HfTokenizer tokenizer;
  private final int vocabSize;

  public ChatEncoder(HfTokenizer tokenizer, int vocabSize) {
    this.tokenizer = tokenizer;
    this.vocabSize = vocabSize;
  }

  public List<TokenizedExample> encode(List<ExampleSource.Example> examples) {
    List<TokenizedExample> out = new ArrayList<>(examples.size());
    for (ExampleSource.Example e : examples) {
      ChatTemplate.Rendered r;
      try {
        r = tokenizer.chatTemplate().render(e.messages(), false);
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(e.origin() + ": " + ex.getMessage(), ex);
      }
      HfTokenizer.Encoded enc = tokenizer.encode(r.text());
      boolean[] learn = new boolean[enc.ids().length];
      for (int i = 0; i < learn.length; i++) {
        int start = enc.spans()[i][0];
        if (enc.ids()[i] >= vocabSize) {
          throw new IllegalArgumentException(e.origin() + ": token id " + enc.ids()[i]
              + " is outside the model's vocabulary (" + vocabSize + "); tokenizer and model do not match");
        }
        for (int[] span : r.assistantSpans()) {
          if (start >= span[0] && start < span[1]) {
            learn[i] = true;
            break;
          }
        }
      }
      out.add(new TokenizedExample(e.origin(), enc.ids(), learn));
    }
    return out;
  }
}
