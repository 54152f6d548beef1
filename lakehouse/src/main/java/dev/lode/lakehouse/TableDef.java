package dev.lode.lakehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One table of the catalogue: where it lives ({@code <layer>.<name>}), its schema (the only definition, used by
 * writers, readers and tests) and its natural key, on which writers MERGE so that reruns add no duplicates.
 */
public record TableDef(Layer layer, String name, String description, StructType schema, List<String> keys,
    List<String> partitionBy) {

  public TableDef {
    Objects.requireNonNull(layer);
    Objects.requireNonNull(name);
    keys = List.copyOf(keys);
    partitionBy = List.copyOf(partitionBy);
    for (String k : keys) {
      schema.apply(k); // throws if the key is not a column
    }
  }

  /** {@code bronze.commits}: the name Spark SQL knows the table by in every Lode session. */
  public String qualifiedName() {
    return layer.dbName() + "." + name;
  }

  /** The column names, in schema order. */
  public List<String> columns() {
    return List.of(schema.fieldNames());
  }

  /** A row of this table built by column name: {@code Tables.BRONZE_REPOS.newRow().set("repo_id", id)…build()}. */
  public RowShape.Builder newRow() {
    return RowShape.of(schema, qualifiedName()).row();
  }

  @Override
  public String toString() {
    return qualifiedName();
  }

  /** Starts a table definition; see {@link Tables} for the catalogue. */
  static Builder in(Layer layer, String name, String description) {
    return new Builder(layer, name, description);
  }

  /** Builds a schema column by column, each with its comment (shown by {@code DESCRIBE}). */
  static final class Builder {
    private final Layer layer;
    private final String name;
    private final String description;
    private final List<StructField> fields = new ArrayList<>();
    private List<String> keys = List.of();
    private List<String> partitionBy = List.of();

    private Builder(Layer layer, String name, String description) {
      this.layer = layer;
      this.name = name;
      this.description = description;
    }

    /** A column that always has a value. */
    Builder required(String column, DataType type, String comment) {
      fields.add(new StructField(column, type, false, comment(comment)));
      return this;
    }

    /** A column that may be null; the comment says when. */
    Builder optional(String column, DataType type, String comment) {
      fields.add(new StructField(column, type, true, comment(comment)));
      return this;
    }

    Builder keys(String... columns) {
      this.keys = List.of(columns);
      return this;
    }

    Builder partitionBy(String... columns) {
      this.partitionBy = List.of(columns);
      return this;
    }

    TableDef build() {
      return new TableDef(layer, name, description, new StructType(fields.toArray(StructField[]::new)), keys,
          partitionBy);
    }

    private static Metadata comment(String comment) {
      return new MetadataBuilder().putString("comment", comment).build();
    }
  }
}
