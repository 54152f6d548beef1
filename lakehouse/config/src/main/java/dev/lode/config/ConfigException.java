package dev.lode.config;

import java.util.Collection;
import java.util.List;

/** A configuration that cannot be used: an unknown key, a wrong type or an out-of-range value. Exit code 2. */
public final class ConfigException extends RuntimeException {
  public static final int EXIT_CODE = 2;

  private final String key;

  public ConfigException(String key, String message) {
    super(key == null || key.isEmpty() ? message : key + ": " + message);
    this.key = key;
  }

  /**
   * Refuses a lower bound above its upper bound: {@code section.minName} must not exceed {@code section.maxName}.
   * Values print as they were written (an int without a decimal point).
   */
  public static void requireOrdered(String section, String minName, Number min, String maxName, Number max) {
    if (min.doubleValue() > max.doubleValue()) {
      throw new ConfigException(section + "." + minName,
          "must not exceed " + maxName + " (" + min + " > " + max + ")");
    }
  }

  /**
   * Refuses a value outside {@code allowed} (for a list, any element outside it), listing the allowed values: the
   * check behind {@link OneOf}, and behind the {@link ConfigCheck}s whose names come from elsewhere (rules,
   * generators).
   */
  public static void requireOneOf(String key, Object value, List<String> allowed) {
    if (value instanceof Collection<?> values) {
      for (Object v : values) {
        requireOneOf(key, v, allowed);
      }
      return;
    }
    if (!allowed.contains(String.valueOf(value))) {
      throw new ConfigException(key, "must be one of " + String.join(", ", allowed) + " (got " + value + ")");
    }
  }

  /** The dotted key the problem is about, e.g. {@code mine.diff_max_bytes}; empty for a whole-file problem. */
  public String key() {
    return key;
  }
}
