package dev.lode.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarehouseTest {
  @Test
  void theOptionWinsOverTheEnvironment() {
    assertEquals("/data/wh", Warehouse.resolve("/data/wh", Map.of(Warehouse.ENV, "/env/wh")).root());
  }

  @Test
  void theEnvironmentWinsOverTheDefault() {
    assertEquals("/env/wh", Warehouse.resolve(null, Map.of(Warehouse.ENV, "/env/wh")).root());
  }

  @Test
  void theDefaultIsWarehouseInTheWorkingDirectory() {
    assertEquals(Path.of("warehouse").toAbsolutePath().toString(), Warehouse.resolve(null, Map.of()).root());
  }

  @Test
  void objectStoreRootsAreKeptAsTheyAre() {
    Warehouse w = Warehouse.resolve("s3a://bucket/lode/", Map.of());
    assertEquals("s3a://bucket/lode", w.root());
    assertFalse(w.isLocal());
    assertEquals("s3a://bucket/lode/bronze/commits", w.path(Tables.BRONZE_COMMITS));
  }

  @Test
  void localRootsAreAbsolute() {
    Warehouse w = Warehouse.resolve("rel/wh", Map.of());
    assertTrue(w.isLocal());
    assertTrue(Path.of(w.root()).isAbsolute());
  }
}
