package dev.lode.lakehouse;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The warehouse root: {@code --warehouse DIR}, else {@code LODE_WAREHOUSE}, else {@code ./warehouse}. A local
 * directory or any Hadoop file-system URI ({@code s3a://…}, {@code hdfs://…}). Tables live at
 * {@code <root>/<layer>/<table>}.
 */
public record Warehouse(String root) {
  /** Environment variable naming the warehouse root when {@code --warehouse} is not given. */
  public static final String ENV = "LODE_WAREHOUSE";

  public Warehouse {
    while (root.length() > 1 && root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
  }

  /** Resolves the root from the command-line option (may be null) and the environment. */
  public static Warehouse resolve(String option) {
    return resolve(option, System.getenv());
  }

  static Warehouse resolve(String option, Map<String, String> env) {
    String chosen = option != null && !option.isBlank() ? option
        : env.get(ENV) != null && !env.get(ENV).isBlank() ? env.get(ENV)
        : "warehouse";
    return new Warehouse(normalize(chosen));
  }

  /** Where a table's Delta files are. */
  public String path(TableDef table) {
    return root + "/" + table.layer().dbName() + "/" + table.name();
  }

  /** Where a layer's tables are. */
  public String path(Layer layer) {
    return root + "/" + layer.dbName();
  }

  /** A path under the root, e.g. a cache directory. */
  public String resolvePath(String relative) {
    return root + "/" + relative;
  }

  /** True when the root is on the local file system (a path or a file: URI). */
  public boolean isLocal() {
    return !hasScheme(root) || root.startsWith("file:");
  }

  /** The root as a local path; only for {@link #isLocal()} warehouses. */
  public Path localRoot() {
    if (!isLocal()) {
      throw new IllegalStateException("warehouse " + root + " is not on the local file system");
    }
    return root.startsWith("file:") ? Path.of(URI.create(root)) : Path.of(root);
  }

  private static String normalize(String root) {
    if (hasScheme(root) && !root.startsWith("file:")) {
      return root;
    }
    Path p = root.startsWith("file:") ? Path.of(URI.create(root)) : Path.of(root);
    return p.toAbsolutePath().normalize().toString();
  }

  private static boolean hasScheme(String s) {
    int colon = s.indexOf(':');
    int slash = s.indexOf('/');
    return colon > 1 && (slash < 0 || colon < slash);
  }
}
