package dev.lode.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lode.train.tokenizer.ByteLevelBpeTrainer;
import dev.lode.train.tokenizer.ChatMessage;
import dev.lode.train.tokenizer.HfTokenizer;
import dev.lode.train.tokenizer.TokenizerFilesWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the encoder makes of each kind of record: an example, a counted skip, or (a model mismatch) an error. */
class ChatEncoderTest {
  private static final int VOCAB = 259; // bytes + 3 specials

  @TempDir Path dir;

  /** A bytes-only tokenizer in {@code dir}, with {@code template} as its chat template (null: ChatML). */
  private HfTokenizer tokenizer(String template) throws IOException {
    TokenizerFilesWriter.write(new ByteLevelBpeTrainer(VOCAB, 2, TokenizerFilesWriter.SPECIAL_TOKENS).train(), 256,
        dir);
    if (template != null) {
      ObjectMapper json = new ObjectMapper();
      Path cfg = dir.resolve(HfTokenizer.TOKENIZER_CONFIG);
      ObjectNode node = (ObjectNode) json.readTree(cfg.toFile());
      node.put("chat_template", template);
      json.writeValue(cfg.toFile(), node);
    }
    return HfTokenizer.load(dir);
  }

  private static ExampleSource.Example conversation(String id, String... roleContent) {
    List<ChatMessage> messages = new java.util.ArrayList<>();
    for (int i = 0; i < roleContent.length; i += 2) {
      messages.add(new ChatMessage(roleContent[i], roleContent[i + 1]));
    }
    return new ExampleSource.Example(id, messages);
  }

  @Test
  void theAssistantReplyAndItsEndOfTurnAreLearnedAndNothingElse() throws IOException {
    try (HfTokenizer tok = tokenizer(null)) {
      Encoded e = new ChatEncoder(tok, VOCAB, 100).encode(conversation("c:1", "user", "hi", "assistant", "yo"));
      TokenizedExample t = e.example();
      StringBuilder learned = new StringBuilder();
      for (int i = 0; i < t.ids().length; i++) {
        if (t.learn()[i]) {
          learned.append(tok.decode(new int[] {t.ids()[i]}));
        }
      }
      assertEquals("yo<|im_end|>", learned.toString());
      assertEquals(3, t.learnedTokens());
      assertEquals("c:1", t.id());
    }
  }

  @Test
  void aTemplateThatRefusesTheConversationSkipsItAsTemplateRefused() throws IOException {
    String noSystem = "{% for m in messages %}{% if m['role'] == 'system' %}"
        + "{{ raise_exception('System role not supported') }}{% endif %}{{ m['content'] }}{% endfor %}";
    try (HfTokenizer tok = tokenizer(noSystem)) {
      Encoded e = new ChatEncoder(tok, VOCAB, 100).encode(conversation("c:2", "system", "be terse", "user", "hi",
          "assistant", "yo"));
      assertEquals(SkipReason.TEMPLATE_REFUSED, e.skip());
      assertTrue(e.why().contains("System role not supported"), e.why());
    }
  }

  @Test
  void aTemplateThatRewritesTheReplySkipsItAsAssistantNotVerbatim() throws IOException {
    try (HfTokenizer tok = tokenizer("{% for m in messages %}{{ m['content'] | upper }}{% endfor %}")) {
      Encoded e = new ChatEncoder(tok, VOCAB, 100).encode(conversation("c:3", "user", "hi", "assistant", "yo"));
      assertEquals(SkipReason.ASSISTANT_NOT_VERBATIM, e.skip());
    }
  }

  @Test
  void aConversationWithoutAnAssistantReplySkipsAsNoLearnedTokens() throws IOException {
    try (HfTokenizer tok = tokenizer(null)) {
      Encoded e = new ChatEncoder(tok, VOCAB, 100).encode(conversation("c:4", "user", "hello?"));
      assertEquals(SkipReason.NO_LEARNED_TOKENS, e.skip());
    }
  }

  @Test
  void aConversationLongerThanSeqLenPlusOneIsSkippedNeverCut() throws IOException {
    try (HfTokenizer tok = tokenizer(null)) {
      ExampleSource.Example ex = conversation("c:5", "user", "hi", "assistant", "yo");
      int tokens = new ChatEncoder(tok, VOCAB, 1000).encode(ex).example().ids().length;
      assertEquals(tokens, new ChatEncoder(tok, VOCAB, tokens).encode(ex).example().ids().length, "fits exactly");
      Encoded over = new ChatEncoder(tok, VOCAB, tokens - 1).encode(ex);
      assertEquals(SkipReason.LONGER_THAN_SEQ_LEN, over.skip());
      assertTrue(over.why().contains(tokens + " tokens"), over.why());
    }
  }

  @Test
  void aTokenOutsideTheModelsVocabularyFailsNamingTheRecord() throws IOException {
    try (HfTokenizer tok = tokenizer(null)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new ChatEncoder(tok, 100, 1000).encode(conversation("data.jsonl:7", "user", "~", "assistant", "~")));
      assertTrue(e.getMessage().startsWith("data.jsonl:7: token id ")
          && e.getMessage().contains("tokenizer and model do not match"), e.getMessage());
    }
  }
}
