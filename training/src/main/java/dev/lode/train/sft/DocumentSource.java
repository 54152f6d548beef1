package dev.lode.train.sft;

import java.util.Iterator;
import java.util.function.Supplier;

/**
 * Where plain text comes from, for base (continued pre-)training and for training a tokenizer: a text JSONL file
 * ({@link TextJsonlSource}), or file contents streamed from the lakehouse through {@link #of}. Like
 * {@link ExampleSource} it is a re-openable stream, so no dataset is ever held whole.
 */
public interface DocumentSource {
  /** One text and its id (e.g. {@code file:line}), which errors name. */
  record Document(String id, String text) {}

  /** A short description for logs and errors. */
  String describe();

  /** A new pass over every document, in the source's order; the caller closes it. */
  CloseableIterator<Document> open();

  /** A source from a description and a way to start a pass; an {@link AutoCloseable} iterator is closed after it. */
  static DocumentSource of(String describe, Supplier<? extends Iterator<Document>> open) {
    return new DocumentSource() {
      @Override
      public String describe() {
        return describe;
      }

      @Override
      public CloseableIterator<Document> open() {
        return CloseableIterator.of(open.get());
      }

      @Override
      public String toString() {
        return describe;
      }
    };
  }
}
