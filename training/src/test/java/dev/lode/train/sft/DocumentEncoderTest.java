package dev.lode.train.sft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lode.train.tokenizer.ByteLevelBpeTrainer;
import dev.lode.train.tokenizer.HfTokenizer;
import dev.lode.train.tokenizer.TokenizerFilesWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentEncoderTest {
  @TempDir Path dir;

  @Test
  void aDocumentLongerThanARowBecomesWindowsThatPredictEveryTokenOnce() throws IOException {
    TokenizerFilesWriter.write(new ByteLevelBpeTrainer(259, 2, TokenizerFilesWriter.SPECIAL_TOKENS).train(), 256,
        dir);
    try (HfTokenizer tok = HfTokenizer.load(dir)) {
      String text = "x".repeat(50) + "y".repeat(50); // 100 byte tokens and the end-of-sequence token
      List<Encoded> windows = new DocumentEncoder(tok, 259, 40).encode(new DocumentSource.Document("d:1", text));
      assertEquals(List.of("d:1", "d:1#1", "d:1#2"), windows.stream().map(Encoded::id).toList());
      assertEquals(List.of(40, 40, 23), windows.stream().map(w -> w.example().ids().length).toList());
      int[] all = tok.encode(text).ids();
      int[] withEos = Arrays.copyOf(all, all.length + 1);
      withEos[all.length] = tok.eosId();
      int from = 0;
      int predicted = 0;
      for (Encoded w : windows) {
        int[] ids = w.example().ids();
        assertArrayEquals(Arrays.copyOfRange(withEos, from, from + ids.length), ids, "a window starts where the "
            + "previous one ended");
        from += ids.length - 1;
        predicted += w.example().learnedTokens();
      }
      assertEquals(withEos.length - 1, predicted, "every token after the first is predicted exactly once");
      assertEquals(SkipReason.NO_LEARNED_TOKENS, new DocumentEncoder(tok, 259, 40)
          .encode(new DocumentSource.Document("d:2", "")).get(0).skip(), "only the end token: nothing to predict");
    }
  }
}
