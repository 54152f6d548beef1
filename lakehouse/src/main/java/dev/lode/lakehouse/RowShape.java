package dev.lode.lakehouse;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Builds Spark rows of one schema by column name, never by position: {@code Tables.BRONZE_REPOS.newRow()
 * .set("repo_id", id).set("status", "ok")…build()}. Unknown names are refused, a required column left unset is refused
 * naming it, and Java lists and maps become the Scala collections Spark rows carry. The name → position table is
 * computed once per schema, so building is cheap enough for a per-commit hot path.
 */
public final class RowShape {
  // By identity: schemas are built once (the catalogue, a stage's constants), and hashing a wide StructType per row
  // would cost more than the row.
  private static final Map<StructType, RowShape> SHAPES = Collections.synchronizedMap(new IdentityHashMap<>());

  private final StructType schema;
  private final String what;
  private final Map<String, Integer> index = new HashMap<>();
  private final boolean[] required;

  private RowShape(StructType schema, String what) {
    this.schema = schema;
    this.what = what;
    StructField[] fields = schema.fields();
    required = new boolean[fields.length];
    for (int i = 0; i < fields.length; i++) {
      index.put(fields[i].name(), i);
      required[i] = !fields[i].nullable();
    }
  }

  /** The shape of {@code schema}; {@code what} names it in errors (a table, or a stage's intermediate rows). */
  public static RowShape of(StructType schema, String what) {
    return SHAPES.computeIfAbsent(schema, s -> new RowShape(s, what));
  }

  public StructType schema() {
    return schema;
  }

  /** A new, empty row of this shape. */
  public Builder row() {
    return new Builder();
  }

  /** Where {@code column} sits in the schema; refuses a name the schema does not have. */
  public int indexOf(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new IllegalArgumentException(what + " has no column '" + column + "' (columns: "
          + String.join(", ", schema.fieldNames()) + ")");
    }
    return i;
  }

  /** One row being built. */
  public final class Builder {
    private final Object[] values = new Object[required.length];
    private final boolean[] set = new boolean[required.length];

    private Builder() {}

    /** Sets a column; a Java {@link List} or {@link Map} is carried as the Scala collection Spark expects. */
    public Builder set(String column, Object value) {
      int i = indexOf(column);
      values[i] = toSpark(value, schema.fields()[i].dataType());
      set[i] = true;
      return this;
    }

    /** The row; every required (NOT NULL) column must have been given a value. */
    public Row build() {
      for (int i = 0; i < values.length; i++) {
        if (required[i] && values[i] == null) {
          throw new IllegalArgumentException(what + ": required column '" + schema.fields()[i].name() + "' "
              + (set[i] ? "was set to null" : "was not set"));
        }
      }
      return RowFactory.create(values);
    }
  }

  private static Object toSpark(Object value, DataType type) {
    if (value instanceof List<?> list && type instanceof ArrayType) {
      return JavaConverters.asScalaBuffer(list).toSeq();
    }
    if (value instanceof Map<?, ?> map && type instanceof MapType) {
      return JavaConverters.mapAsScalaMap(map);
    }
    return value;
  }
}
