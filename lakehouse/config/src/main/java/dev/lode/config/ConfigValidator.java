package dev.lode.config;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Walks a configuration record tree and refuses missing values, numbers outside their {@link Range} and strings
 * outside their {@link OneOf}, naming the dotted key each time.
 */
public final class ConfigValidator {
  private ConfigValidator() {}

  static void validate(Record config) {
    walk(config, "");
  }

  /**
   * Checks a settings record that did not come from conf/lode.yaml (e.g. one read from a file another tool wrote)
   * with the same annotations; {@code prefix} names it in messages, e.g. {@code "adapter_config.json: "}.
   */
  public static void validate(Record settings, String prefix) {
    walk(settings, prefix);
  }

  private static void walk(Record node, String prefix) {
    for (RecordComponent c : node.getClass().getRecordComponents()) {
      String key = prefix + ConfigLoader.snake(c.getName());
      Object value;
      try {
        value = c.getAccessor().invoke(node);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read configuration key " + key, e);
      }
      if (value == null) {
        if (!c.isAnnotationPresent(Nullable.class)) {
          throw new ConfigException(key, "has no value; set it in conf/lode.yaml or with --set " + key + "=…");
        }
        continue;
      }
      Range range = c.getAnnotation(Range.class);
      if (range != null) {
        checkRange(key, value, range);
      }
      OneOf oneOf = c.getAnnotation(OneOf.class);
      if (oneOf != null) {
        ConfigException.requireOneOf(key, value, Arrays.asList(oneOf.value()));
      }
      if (value instanceof Record r) {
        walk(r, key + ".");
      } else if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          Object item = list.get(i);
          if (item == null) {
            throw new ConfigException(key + "[" + i + "]", "is empty");
          }
          if (item instanceof Record r) {
            walk(r, key + "[" + i + "].");
          }
        }
      } else if (value instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (e.getValue() instanceof Record r) {
            walk(r, key + "." + e.getKey() + ".");
          }
        }
      }
    }
  }

  private static void checkRange(String key, Object value, Range range) {
    if (value instanceof Collection<?> values) {
      for (Object v : values) {
        checkRange(key, v, range);
      }
      return;
    }
    if (!(value instanceof Number n)) {
      return;
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || d < range.min() || d > range.max()) {
      throw new ConfigException(key, "must be between " + bound(range.min()) + " and " + bound(range.max())
          + " (got " + value + ")");
    }
  }

  private static String bound(double b) {
    if (Double.isInfinite(b)) {
      return b < 0 ? "-∞" : "∞";
    }
    return b == Math.rint(b) ? Long.toString((long) b) : Double.toString(b);
  }
}
