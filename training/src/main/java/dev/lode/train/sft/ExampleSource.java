package dev.lode.train.sft;

import dev.lode.train.tokenizer.ChatMessage;
import java.util.List;

/**
 * Where training conversations come from: a chat JSONL file today, a Delta table of gold examples later. The
 * trainer reads every example once per epoch, in the order given; it shuffles them itself.
 */
public interface ExampleSource {
  /** One conversation and where it came from (for error messages). */
  record Example(String origin, List<ChatMessage> messages) {}

  /** A short description for logs, e.g. the file path. */
  String describe();

  /** Every example. */
  List<Example> read();
}
