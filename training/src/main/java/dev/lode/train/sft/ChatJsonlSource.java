package dev.lode.train.sft;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lode.train.tokenizer.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat-format JSONL, one conversation per line, as OpenAI's and TRL's SFT tools take it:
 * {@code {"messages": [{"role": "user", "content": "…"}, {"role": "assistant", "content": "…"}]}}.
 * Blank lines are skipped; anything else that is not such an object is refused naming the file and line.
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
  public List<Example> read() {
    List<Example> out = new ArrayList<>();
    JsonLines.forEach(file, (node, where) -> {
      JsonNode messages = node == null ? null : node.get("messages");
      if (messages == null || !messages.isArray() || messages.isEmpty()) {
        throw new IllegalArgumentException(where + ": expected {\"messages\": [{\"role\": …, \"content\": …}, …]}");
      }
      List<ChatMessage> turns = new ArrayList<>();
      for (int i = 0; i < messages.size(); i++) {
        JsonNode m = messages.get(i);
        if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
          throw new IllegalArgumentException(where + ": message " + i + " needs string \"role\" and \"content\"");
        }
        turns.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
      }
      if (turns.stream().noneMatch(ChatMessage::isAssistant)) {
        throw new IllegalArgumentException(where + ": has no assistant message, so nothing to learn");
      }
      out.add(new Example(where, turns));
    });
    if (out.isEmpty()) {
      throw new IllegalArgumentException("training data " + file + " holds no examples");
    }
    return out;
  }
}
