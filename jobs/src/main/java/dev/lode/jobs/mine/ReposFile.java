package dev.lode.jobs.mine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lode.config.ConfigException;
import dev.lode.mine.PathGlobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --repos-file}: a YAML list of repositories with their domain, branch and path globs (see
 * conf/repos.yaml). Relative local paths are resolved against the file's directory. A malformed file is refused
 * with the entry and key that are wrong.
 */
public final class ReposFile {
  private ReposFile() {}

  private record Entry(String origin, String domain, String branch, List<String> include, List<String> exclude) {}

  private record Root(List<Entry> repos) {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

  public static List<RepoSource> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("repos-file", "repos file " + file + " does not exist or is not a file");
    }
    Root root;
    try {
      root = YAML.readValue(file.toFile(), Root.class);
    } catch (JsonMappingException e) {
      throw new ConfigException("repos-file", file + ": " + where(e) + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException("repos-file", file + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (root == null || root.repos() == null || root.repos().isEmpty()) {
      throw new ConfigException("repos-file", file + " lists no repositories (expected a 'repos:' list)");
    }
    Path dir = file.toAbsolutePath().getParent();
    List<RepoSource> out = new ArrayList<>();
    for (int i = 0; i < root.repos().size(); i++) {
      Entry e = root.repos().get(i);
      String key = "repos[" + i + "]";
      if (e == null || e.origin() == null || e.origin().isBlank()) {
        throw new ConfigException("repos-file", file + ": " + key + ".origin is missing");
      }
      try {
        PathGlobs.of(e.include(), e.exclude());
      } catch (IllegalArgumentException bad) {
        throw new ConfigException("repos-file", file + ": " + key + ": " + bad.getMessage());
      }
      String origin = RepoOrigin.isUrl(e.origin()) ? e.origin() : dir.resolve(e.origin()).normalize().toString();
      out.add(new RepoSource(origin, e.domain(), e.branch(), e.include(), e.exclude()));
    }
    return out;
  }

  private static String where(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "" : sb + ": ";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
