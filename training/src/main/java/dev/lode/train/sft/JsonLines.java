package dev.lode.train.sft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a JSON Lines training file record by record; blank lines are skipped, every error names file:line. */
final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One record, with where it is ({@code file:line}) for error messages and example ids. */
  interface Record {
    void accept(JsonNode node, String where);
  }

  private JsonLines() {}

  /** Calls {@code record} for each non-blank line, in order. */
  static void forEach(Path file, Record record) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("training data " + file + " does not exist or is not a file");
    }
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
        record.accept(node, where);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
