package dev.lode.train.sft;

import dev.lode.train.tokenizer.ChatMessage;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where training conversations come from: a chat JSONL file ({@link ChatJsonlSource}), or rows of a Delta table
 * streamed by a Spark-side caller through {@link #of} (e.g. over {@code Dataset.toLocalIterator()}).
 *
 * <p>A source is a stream, not a list, so that no part of the trainer ever holds a whole dataset: {@link #open}
 * starts a fresh pass over the same examples in the same order, and the trainer opens one pass per epoch and closes
 * it when done (the shuffling is the trainer's own, with a bounded buffer).
 */
public interface ExampleSource {
  /** One conversation and its id (where it came from, e.g. {@code file:line}), which skips and errors name. */
  record Example(String id, List<ChatMessage> messages) {
    public Example {
      messages = List.copyOf(messages);
    }
  }

  /** A short description for logs and errors, e.g. the file path or the table and version. */
  String describe();

  /** A new pass over every example, in the source's order; the caller closes it. */
  CloseableIterator<Example> open();

  /**
   * A source from a description and a way to start a pass; an iterator that is {@link AutoCloseable} is closed
   * when its pass ends.
   */
  static ExampleSource of(String describe, Supplier<? extends Iterator<Example>> open) {
    return new ExampleSource() {
      @Override
      public String describe() {
        return describe;
      }

      @Override
      public CloseableIterator<Example> open() {
        return CloseableIterator.of(open.get());
      }

      @Override
      public String toString() {
        return describe;
      }
    };
  }
}
