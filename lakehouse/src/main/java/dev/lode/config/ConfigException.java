package dev.lode.config;

/** A configuration that cannot be used: an unknown key, a wrong type or an out-of-range value. Exit code 2. */
public final class ConfigException extends RuntimeException {
  public static final int EXIT_CODE = 2;

  private final String key;

  public ConfigException(String key, String message) {
    super(key == null || key.isEmpty() ? message : key + ": " + message);
    this.key = key;
  }

  /** The dotted key the problem is about, e.g. {@code mine.diff_max_bytes}; empty for a whole-file problem. */
  public String key() {
    return key;
  }
}
