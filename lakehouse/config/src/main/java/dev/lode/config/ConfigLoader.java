package dev.lode.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Loads {@link LodeConfig}: the embedded {@code conf/lode.yaml} (every key, with its default), then a user file
 * given with {@code --conf} (any subset of keys), then {@code --set a.b=c} overrides, in that order. The result is
 * checked before any table is touched: an unknown key, a wrong type or an out-of-range value is a
 * {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
  /** Classpath location of the embedded defaults: {@code conf/lode.yaml} copied into the lakehouse jar. */
  public static final String DEFAULTS_RESOURCE = "dev/lode/conf/lode.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);

  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .build();

  private ConfigLoader() {}

  /** The embedded defaults alone. */
  public static LodeConfig defaults() {
    return load(null, List.of());
  }

  /**
   * Defaults, overlaid with {@code file} (may be null) and then with each {@code key=value} in {@code sets}.
   *
   * @throws ConfigException naming the offending key
   */
  public static LodeConfig load(Path file, List<String> sets) {
    ObjectNode tree = defaultsTree();
    if (file != null) {
      merge(tree, readFile(file));
    }
    for (String set : sets) {
      applySet(tree, set);
    }
    LodeConfig config = bind(tree);
    ConfigValidator.validate(config);
    for (ConfigCheck check : ServiceLoader.load(ConfigCheck.class, ConfigLoader.class.getClassLoader())) {
      check.check(config);
    }
    return config;
  }

  /**
   * {@code config} with each {@code key=value} of {@code sets} applied, checked as {@link #load} checks: for a stage
   * that runs the trainer with settings of its own (base pretraining takes train.base.steps as train.steps).
   */
  public static LodeConfig overlay(LodeConfig config, List<String> sets) {
    ObjectNode tree = YAML.valueToTree(config);
    for (String set : sets) {
      applySet(tree, set);
    }
    LodeConfig out = bind(tree);
    ConfigValidator.validate(out);
    return out;
  }

  /** The configuration as YAML, keys as in {@code conf/lode.yaml}. */
  public static String toYaml(LodeConfig config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A settings record (or any value) as one line of JSON, keys as in {@code conf/lode.yaml}: for lineage. */
  public static String toJson(Object settings) {
    try {
      return JSON.writeValueAsString(settings);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short, stable fingerprint of the effective configuration (or of one section of it), recorded with each run. */
  public static String fingerprint(Object config) {
    try {
      byte[] canonical = JSON.writeValueAsBytes(JSON.valueToTree(config));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The settings record at a dotted section name, e.g. {@code section(config, "train.lora")}; refuses a name that is
   * not a section.
   */
  public static Record section(LodeConfig config, String dotted) {
    Object node = config;
    for (String segment : dotted.split("\\.")) {
      Object next = null;
      if (node instanceof Record r) {
        for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
          if (snake(c.getName()).equals(segment)) {
            try {
              next = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
              throw new IllegalStateException(e);
            }
          }
        }
      }
      if (!(next instanceof Record)) {
        throw new IllegalArgumentException("'" + dotted + "' is not a configuration section");
      }
      node = next;
    }
    return (Record) node;
  }

  /** {@code diffMaxBytes} → {@code diff_max_bytes}, the spelling used in YAML and in error messages. */
  static String snake(String camel) {
    return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(camel);
  }

  private static ObjectNode defaultsTree() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("embedded configuration " + DEFAULTS_RESOURCE + " is missing from the jar");
      }
      JsonNode node = YAML.readTree(in);
      if (!(node instanceof ObjectNode o)) {
        throw new IllegalStateException("embedded configuration " + DEFAULTS_RESOURCE + " is not a mapping");
      }
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("", "configuration file " + file + " does not exist or is not a file");
    }
    JsonNode node;
    try {
      node = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("", "configuration file " + file + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return YAML.createObjectNode();
    }
    if (!(node instanceof ObjectNode o)) {
      throw new ConfigException("", "configuration file " + file + " must be a YAML mapping of sections");
    }
    return o;
  }

  /** Deep-merges {@code overlay} into {@code base}; mappings merge key by key, anything else replaces. */
  private static void merge(ObjectNode base, ObjectNode overlay) {
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode existing = base.get(f.getKey());
      if (existing instanceof ObjectNode eo && f.getValue() instanceof ObjectNode fo) {
        merge(eo, fo);
      } else {
        base.set(f.getKey(), f.getValue());
      }
    }
  }

  /**
   * Applies one {@code a.b.c=value}. Segments that name an existing mapping are followed; the rest of the path is
   * one key at that level, so map-valued settings take dotted keys ({@code spark.conf.spark.executor.memory=4g}).
   */
  private static void applySet(ObjectNode tree, String set) {
    int eq = set.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(set, "--set takes key=value, e.g. --set mine.all_branches=true");
    }
    String key = set.substring(0, eq).trim();
    String raw = set.substring(eq + 1);
    JsonNode value;
    try {
      value = raw.isEmpty() ? NullNode.instance : YAML.readTree(raw);
      if (value == null || value.isMissingNode()) {
        value = NullNode.instance;
      }
    } catch (IOException e) {
      throw new ConfigException(key, "value '" + raw + "' is not a YAML scalar or list");
    }
    String[] segments = key.split("\\.");
    ObjectNode node = tree;
    int i = 0;
    while (i < segments.length - 1 && node.get(segments[i]) instanceof ObjectNode child) {
      node = child;
      i++;
    }
    String last = String.join(".", List.of(segments).subList(i, segments.length));
    if (i == 0 && !tree.has(last)) {
      throw new ConfigException(key, "unknown key (sections: " + fieldNames(tree) + ")");
    }
    node.set(last, value);
  }

  private static LodeConfig bind(ObjectNode tree) {
    try {
      return YAML.treeToValue(tree, LodeConfig.class);
    } catch (UnrecognizedPropertyException e) {
      String key = path(e);
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(String::valueOf).sorted().collect(Collectors.joining(", "));
      throw new ConfigException(key, "unknown key" + (known.isEmpty() ? "" : " (known here: " + known + ")"));
    } catch (InvalidFormatException e) {
      throw new ConfigException(path(e), "expected " + typeName(e.getTargetType()) + ", got '" + e.getValue() + "'");
    } catch (MismatchedInputException e) {
      throw new ConfigException(path(e), "expected " + typeName(e.getTargetType()) + ": " + firstLine(e.getOriginalMessage()));
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException(path(e), firstLine(cause != null ? cause.getMessage() : e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new ConfigException("", firstLine(e.getOriginalMessage()));
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping";
    }
    return "a " + type.getSimpleName();
  }

  private static String fieldNames(ObjectNode node) {
    StringBuilder sb = new StringBuilder();
    node.fieldNames().forEachRemaining(n -> sb.append(sb.length() == 0 ? "" : ", ").append(n));
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
