package dev.lode.train.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.train.io.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {
  @TempDir Path dir;

  private static final String CODE = "def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a - b\n";

  @Test
  void trainedBpeLoadsInTheTokenizersLibraryAndRoundTrips() throws Exception {
    ByteLevelBpeTrainer trainer = new ByteLevelBpeTrainer(400, 2, TokenizerFilesWriter.SPECIAL_TOKENS);
    for (int i = 0; i < 20; i++) {
      trainer.add(CODE);
    }
    ByteLevelBpeTrainer.Result bpe = trainer.train();
    assertTrue(bpe.merges().size() > 10, "learned merges from repeated code");
    TokenizerFilesWriter.write(bpe, 1024, dir);
    try (HfTokenizer tok = HfTokenizer.load(dir)) {
      int[] ids = tok.encode(CODE).ids();
      assertEquals(CODE, tok.decode(ids));
      assertTrue(ids.length < CODE.getBytes().length / 2, "merges shorten the text: " + ids.length);
      assertEquals(bpe.vocab().get("Ġreturn"), tok.encode(" return").ids()[0], "merge applied as trained");
      String unseen = "ünïcödé ✓ \t\u0000";
      assertEquals(unseen, tok.decode(tok.encode(unseen).ids()), "bytes cover any input");
      assertEquals(2, tok.eosId());
      int[] special = tok.encode("<|im_start|>user\nhi<|im_end|>").ids();
      assertEquals(1, special[0]);
      assertEquals(2, special[special.length - 1]);
    }
  }

  @Test
  void bytesOnlyTokenizerHasEveryByteAndTheSpecials() throws Exception {
    ByteLevelBpeTrainer.Result bpe = new ByteLevelBpeTrainer(8192, 2, TokenizerFilesWriter.SPECIAL_TOKENS).train();
    assertEquals(259, bpe.vocab().size());
    TokenizerFilesWriter.write(bpe, 1024, dir);
    try (HfTokenizer tok = HfTokenizer.load(dir)) {
      assertEquals(CODE.getBytes().length, tok.encode(CODE).ids().length);
    }
  }

  @Test
  void chatMlMarksOnlyAssistantRepliesAndTheirEndOfTurn() {
    ChatTemplate t = ChatTemplate.chatMl();
    ChatTemplate.Rendered r = t.render(List.of(new ChatMessage("user", "hi"),
        new ChatMessage("assistant", "hello there"), new ChatMessage("user", "bye"),
        new ChatMessage("assistant", "ciao")), false);
    assertEquals("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\nhello there<|im_end|>\n"
        + "<|im_start|>user\nbye<|im_end|>\n<|im_start|>assistant\nciao<|im_end|>\n", r.text());
    assertEquals(2, r.assistantSpans().size());
    int[] first = r.assistantSpans().get(0);
    assertEquals("hello there<|im_end|>", r.text().substring(first[0], first[1]));
  }

  @Test
  void jinjaTemplatesFromTokenizerConfigRender() {
    // Llama-2 style: bos/eos tokens, raise_exception, loop.index0, trim
    String llama2 = "{{ bos_token }}{% for message in messages %}"
        + "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
        + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
        + "{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] | trim + ' [/INST]' }}"
        + "{% elif message['role'] == 'assistant' %}{{ ' ' + message['content'] | trim + ' ' + eos_token }}{% endif %}"
        + "{% endfor %}";
    ChatTemplate t = new ChatTemplate(llama2, Map.of("bos_token", "<s>", "eos_token", "</s>"));
    ChatTemplate.Rendered r = t.render(List.of(new ChatMessage("user", "hi "), new ChatMessage("assistant", "yo")),
        false);
    assertEquals("<s>[INST] hi [/INST] yo </s>", r.text());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.render(
        List.of(new ChatMessage("assistant", "x")), false));
    assertTrue(e.getMessage().contains("roles must alternate"), e.getMessage());
  }

  @Test
  void messageContentIsDataAndIsNeverEvaluatedAsTemplateCode() {
    List<String> hostile = List.of("{{ 7 * 7 }}", "{% for x in y %}{{ x }}{% endfor %}", "{{ config.SECRET }}",
        "unclosed {% if", "{{ raise_exception('boom') }}", "{# a comment #} and {{ messages }}");
    String llama2 = "{% for message in messages %}{% if message['role'] == 'user' %}"
        + "{{ '[INST] ' + message['content'] | trim + ' [/INST]' }}{% else %}{{ ' ' + message['content'] }}{% endif %}"
        + "{% endfor %}";
    for (ChatTemplate t : List.of(ChatTemplate.chatMl(), new ChatTemplate(llama2, Map.of()))) {
      for (String content : hostile) {
        ChatTemplate.Rendered r = t.render(List.of(new ChatMessage("user", content),
            new ChatMessage("assistant", content)), false);
        assertEquals(2, r.text().split(java.util.regex.Pattern.quote(content), -1).length - 1,
            "rendered verbatim, twice: " + r.text());
        int[] span = r.assistantSpans().get(0);
        assertTrue(r.text().substring(span[0], span[1]).startsWith(content), r.text());
      }
    }
  }

  @Test
  void hostileTokenizerFilesAreRefused() throws Exception {
    Files.writeString(dir.resolve("tokenizer.json"), "{not json");
    assertRefused("not valid JSON");
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\", \"vocab\": {}}}");
    assertRefused("no vocabulary");
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": -4}}}");
    assertRefused("'a' has id -4");
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0},"
        + " \"merges\": []}, \"added_tokens\": [{\"id\": \"x\"}]}");
    assertRefused("needs an integer id");
    Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0},"
        + " \"merges\": [\"a b c d\"]}}");
    assertRefused("refused");
    Files.delete(dir.resolve("tokenizer.json"));
    assertRefused("tokenizer.json is missing");
  }

  private void assertRefused(String why) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> HfTokenizer.load(dir).close());
    assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains(why), e.getMessage());
  }
}
