package dev.lode.train.sft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;

/**
 * Streams a JSON Lines training file record by record, holding one line at a time; blank lines are skipped. A line
 * that is not valid JSON, or not the record the file should hold, is refused naming {@code file:line}: that is a
 * wrong file, not a bad record to skip.
 */
final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Turns one line's JSON into a record, or refuses it; {@code where} is {@code file:line}. */
  interface Parser<T> {
    T parse(JsonNode node, String where);
  }

  private JsonLines() {}

  /** A pass over {@code file}'s records, in order; the file is open until the iterator is closed. */
  static <T> CloseableIterator<T> open(Path file, Parser<T> parser) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("training data " + file + " does not exist or is not a file");
    }
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new CloseableIterator<>() {
      private int lineNo;
      private T next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          next = read();
          done = next == null;
        }
        return next != null;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        T t = next;
        next = null;
        return t;
      }

      private T read() {
        try {
          String line;
          while ((line = reader.readLine()) != null) {
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
            return parser.parse(node, where);
          }
          return null;
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file, e);
        }
      }

      @Override
      public void close() {
        try {
          reader.close();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot close " + file, e);
        }
      }
    };
  }
}
