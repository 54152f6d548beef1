package dev.lode.train.io;

/** A model, adapter or tokenizer file that cannot be used; the message names the file and, where known, the key. */
public final class ModelFormatException extends RuntimeException {
  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
