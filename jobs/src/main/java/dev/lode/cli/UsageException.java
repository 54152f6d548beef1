package dev.lode.cli;

/** A command line that names something unusable (a missing file, a bad choice): exit code 2, nothing touched. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
