package dev.lode.gold;

import dev.lode.gold.format.TokenEstimator;
import java.util.List;

/**
 * One training example as a generator makes it: chat prompt (system, user) and the assistant's completion, what it
 * teaches ({@code task}), who made it ({@code generator}) and what was checked. {@code key} identifies it within its
 * commit (the example id is derived from repository, commit and key); {@code parentKey} is the real example a
 * synthetic one derives from.
 */
public record Example(String key, String parentKey, String origin, String task, String generator, String editFormat,
    String language, List<Message> prompt, String completion, List<Check> validation) {

  public static final String REAL = "real";
  public static final String SYNTHETIC = "synthetic";

  public Example {
    prompt = List.copyOf(prompt);
    validation = List.copyOf(validation);
  }

  /** Approximate tokens of prompt and completion together. */
  public int tokens() {
    return TokenEstimator.chat(prompt, completion);
  }

  /** The same example derived from {@code parent}. */
  public Example withParent(String parent) {
    return new Example(key, parent, origin, task, generator, editFormat, language, prompt, completion, validation);
  }
}
