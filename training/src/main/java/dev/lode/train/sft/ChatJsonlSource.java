package dev.lode.train.sft;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lode.train.tokenizer.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat-format JSONL, one conversation per line, as OpenAI's and TRL's SFT tools take it:
 * {@code {"messages": [{"role": "user", "content": "…"}, {"role": "assistant", "content": "…"}]}}, streamed one line
 * at a time. Blank lines are skipped; a line that is not such an object is refused naming the file and line (the
 * file is not chat JSONL). A well-formed conversation the trainer cannot learn from (no assistant reply, too long)
 * is the encoder's to skip and count.
 */
public final class ChatJsonlSource implements ExampleSource {
  private final Path file;

  public ChatJsonlSource(Path file) {
    this.file = file;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public CloseableIterator<Example> open() {
    return JsonLines.open(file, ChatJsonlSource::parse);
  }

  private static Example parse(JsonNode node, String where) {
    JsonNode messages = node == null ? null : node.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new IllegalArgumentException(where + ": expected {\"messages\": [{\"role\": …, \"content\": …}, …]}");
    }
    List<ChatMessage> turns = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      if (!m.path("role").isTextual() || m.path("role").asText().isBlank() || !m.path("content").isTextual()) {
        throw new IllegalArgumentException(where + ": message " + i + " needs string \"role\" and \"content\"");
      }
      turns.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
    }
    return new Example(where, turns);
  }
}
