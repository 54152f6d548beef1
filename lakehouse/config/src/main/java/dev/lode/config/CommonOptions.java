package dev.lode.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every {@code lode} subcommand accepts: where the warehouse is, and which configuration to use. */
public final class CommonOptions {
  @Option(names = "--warehouse", paramLabel = "DIR",
      description = "Warehouse root (a directory or a Hadoop URI). Default: $LODE_WAREHOUSE, else ./warehouse.")
  String warehouse;

  @Option(names = "--conf", paramLabel = "FILE",
      description = "YAML file overriding any keys of conf/lode.yaml.")
  Path conf;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override one setting, e.g. --set mine.all_branches=true (repeatable; applied last).")
  List<String> sets = new ArrayList<>();

  private LodeConfig config;

  /** The effective configuration; loaded once, refused with a {@link ConfigException} naming the key. */
  public LodeConfig config() {
    if (config == null) {
      config = ConfigLoader.load(conf, sets);
    }
    return config;
  }

  /** {@code --warehouse} as given, or null: the lakehouse resolves it against {@code $LODE_WAREHOUSE}. */
  public String warehouseOption() {
    return warehouse;
  }

  /** Adds an override as if given with {@code --set}; for commands whose own flags map onto settings. */
  public void set(String key, Object value) {
    if (config != null) {
      throw new IllegalStateException("configuration already loaded; set " + key + " earlier");
    }
    sets.add(key + "=" + value);
  }
}
