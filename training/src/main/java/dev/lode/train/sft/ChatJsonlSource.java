package dev.lode.train.sft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lode.train.tokenizer.ChatMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat-format JSONL, one conversation per line, as OpenAI's and TRL's SFT tools take it:
 * {@code {"messages": [{"role": "user", "content": "…"}, {"role": "assistant", "content": "…"}]}}.
 * Blank lines are skipped; anything else that is not such an object is refused naming the file and line.
 */
public final class ChatJsonlSource implements ExampleSource {
  private static final ObjectMapper JSON = new ObjectMapper();
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
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("training data " + file + " does not exist or is not a file");
    }
    List<Example> out = new ArrayList<>();
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
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("training data " + file + " holds no examples");
    }
    return out;
  }
}
