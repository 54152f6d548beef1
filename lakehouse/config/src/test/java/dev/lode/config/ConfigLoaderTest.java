package dev.lode.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void embeddedDefaultsGiveEveryKeyAValue() {
    LodeConfig config = ConfigLoader.defaults();
    assertEquals("local[*]", config.spark().master());
    assertFalse(config.mine().allBranches());
    assertTrue(config.mine().diffMaxBytes() > 0);
  }

  @Test
  void aUserFileOverridesOnlyTheKeysItNames() throws Exception {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, "mine:\n  all_branches: true\n");
    LodeConfig config = ConfigLoader.load(file, List.of());
    assertTrue(config.mine().allBranches());
    assertEquals(ConfigLoader.defaults().mine().diffMaxBytes(), config.mine().diffMaxBytes());
  }

  @Test
  void setOverridesWinOverTheFile() throws Exception {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, "mine:\n  commits_per_task: 50\n");
    LodeConfig config = ConfigLoader.load(file, List.of("mine.commits_per_task=75"));
    assertEquals(75, config.mine().commitsPerTask());
  }

  @Test
  void mapSettingsTakeDottedKeys() {
    LodeConfig config = ConfigLoader.load(null, List.of("spark.conf.spark.executor.memory=4g"));
    assertEquals("4g", config.spark().conf().get("spark.executor.memory"));
  }

  @Test
  void unknownKeyIsRefusedByName() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("mine.diff_max_bites=10")));
    assertEquals("mine.diff_max_bites", e.key());
    assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
  }

  @Test
  void unknownKeyInAFileIsRefusedByName() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "spark:\n  mastr: local[2]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertEquals("spark.mastr", e.key());
  }

  @Test
  void unknownSectionIsRefusedByName() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("minee.x=1")));
    assertEquals("minee.x", e.key());
  }

  @Test
  void wrongTypeIsRefusedByName() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("mine.commits_per_task=many")));
    assertEquals("mine.commits_per_task", e.key());
    assertTrue(e.getMessage().contains("integer"), e.getMessage());
  }

  @Test
  void fractionForAnIntegerIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("mine.commits_per_task=1.5")));
    assertEquals("mine.commits_per_task", e.key());
  }

  @Test
  void outOfRangeValueIsRefusedByName() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("spark.shuffle_partitions=0")));
    assertEquals("spark.shuffle_partitions", e.key());
    assertTrue(e.getMessage().contains("between 1 and"), e.getMessage());
  }

  @Test
  void valueOutsideItsChoicesIsRefusedByName() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("spark.log_level=LOUD")));
    assertEquals("spark.log_level", e.key());
  }

  @Test
  void missingRequiredValueIsRefusedByName() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("spark.master=")));
    assertEquals("spark.master", e.key());
  }

  @Test
  void missingFileIsRefusedByPath() {
    Path missing = dir.resolve("nope.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, List.of()));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void fingerprintChangesWithTheConfiguration() {
    String a = ConfigLoader.fingerprint(ConfigLoader.defaults());
    String b = ConfigLoader.fingerprint(ConfigLoader.load(null, List.of("mine.all_branches=true")));
    assertEquals(a, ConfigLoader.fingerprint(ConfigLoader.defaults()));
    assertFalse(a.equals(b));
  }
}
