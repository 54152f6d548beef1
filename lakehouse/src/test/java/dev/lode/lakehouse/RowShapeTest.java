package dev.lode.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RowShapeTest {
  @Test
  void rowsAreBuiltByColumnNameInTheSchemasOrder() {
    Row r = Tables.BRONZE_TREES.newRow().set("truncated", false).set("paths", List.of("a.py", "b.py"))
        .set("sha", "abc").set("repo_id", "r").set("path_count", 2).build();
    assertEquals("r", r.getString(Tables.BRONZE_TREES.columns().indexOf("repo_id")));
    assertEquals(List.of("a.py", "b.py"), r.getList(Tables.BRONZE_TREES.columns().indexOf("paths")));
  }

  @Test
  void javaMapsBecomeTheScalaMapsSparkCarries() {
    StructType schema = new StructType().add("versions", DataTypes.createMapType(DataTypes.StringType,
        DataTypes.LongType), false);
    Row r = RowShape.of(schema, "versions").row().set("versions", Map.of("bronze.commits", 3L)).build();
    assertEquals(3L, r.getJavaMap(0).get("bronze.commits"));
  }

  @Test
  void anUnknownColumnIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tables.BRONZE_TREES.newRow().set("pathz", List.of()));
    assertTrue(e.getMessage().contains("bronze.trees has no column 'pathz'"), e.getMessage());
  }

  @Test
  void aRequiredColumnLeftUnsetIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tables.BRONZE_REPOS.newRow().set("repo_id", "r").set("mined_at", new Timestamp(0)).build());
    assertTrue(e.getMessage().contains("required column 'name'"), e.getMessage());
  }
}
