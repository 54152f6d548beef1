package dev.lode.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comment written above each key of the embedded {@code conf/lode.yaml}: the one place a setting is documented.
 * Command-line flags take their help text from here, so a setting's meaning is written once.
 */
public final class ConfigDocs {
  private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z0-9_.]+):(\\s.*)?$");
  private static final Map<String, String> COMMENTS = parse(defaultsText());

  private ConfigDocs() {}

  /** The comment above {@code key} (dotted, e.g. {@code train.lora.r}), joined into one paragraph; "" if none. */
  public static String comment(String key) {
    return COMMENTS.getOrDefault(key, "");
  }

  /** Every key of the embedded file, in file order, with its comment. */
  public static Map<String, String> all() {
    return Collections.unmodifiableMap(COMMENTS);
  }

  static Map<String, String> parse(String yaml) {
    Map<String, String> out = new LinkedHashMap<>();
    Deque<int[]> indents = new ArrayDeque<>(); // indentation of each open mapping level
    Deque<String> path = new ArrayDeque<>();
    List<String> pending = new ArrayList<>();
    // Keys written one under the other with no comment of their own share the comment above the first
    // ("# Least and most changed lines" over min_… and max_…).
    int siblingIndent = -1;
    String siblingComment = "";
    for (String line : yaml.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        pending.clear();
        siblingIndent = -1;
        continue;
      }
      if (trimmed.startsWith("#")) {
        pending.add(trimmed.substring(1).strip());
        continue;
      }
      Matcher m = KEY.matcher(line);
      if (!m.matches()) {
        continue; // a continued flow list or mapping
      }
      int indent = m.group(1).length();
      while (!indents.isEmpty() && indents.peek()[0] >= indent) {
        indents.pop();
        path.pop();
      }
      indents.push(new int[] {indent});
      path.push(m.group(2));
      List<String> segments = new ArrayList<>(path);
      Collections.reverse(segments);
      String comment = pending.isEmpty() && indent == siblingIndent ? siblingComment : String.join(" ", pending);
      out.put(String.join(".", segments), comment);
      pending.clear();
      siblingIndent = indent;
      siblingComment = comment;
    }
    return out;
  }

  private static String defaultsText() {
    try (InputStream in = ConfigDocs.class.getClassLoader().getResourceAsStream(ConfigLoader.DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("embedded configuration " + ConfigLoader.DEFAULTS_RESOURCE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
