package dev.lode.train.sft;

import java.nio.file.Path;

/**
 * Plain-text JSONL for base (continued pre-)training, one document per line: {@code {"text": "…"}}, streamed one
 * line at a time. A line that is not such an object is refused naming the file and line.
 */
public final class TextJsonlSource implements DocumentSource {
  private final Path file;

  public TextJsonlSource(Path file) {
    this.file = file;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public CloseableIterator<Document> open() {
    return JsonLines.open(file, (node, where) -> {
      if (node == null || !node.path("text").isTextual()) {
        throw new IllegalArgumentException(where + ": expected {\"text\": \"…\"}");
      }
      return new Document(where, node.get("text").asText());
    });
  }
}
