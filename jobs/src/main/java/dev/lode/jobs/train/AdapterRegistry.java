package dev.lode.jobs.train;

import static org.apache.spark.sql.functions.col;

import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.RowShape;
import dev.lode.lakehouse.Table;
import dev.lode.lakehouse.Tables;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * Reads the adapter registry, {@code ops.adapters}: one row per adapter version, never deleted. A name's current
 * version is its production one; with none in production, its newest. Status changes are made by the adapter
 * stages ({@link AdaptersJob}) as whole-row upserts of {@link #withChanges}.
 */
public final class AdapterRegistry {
  public static final String TRAINED = "trained";
  public static final String EVALUATING = "evaluating";
  public static final String PRODUCTION = "production";
  public static final String RETIRED = "retired";

  private final Table table;

  public AdapterRegistry(Lakehouse lakehouse) {
    this.table = lakehouse.table(Tables.OPS_ADAPTERS);
  }

  /** Every version, current state. */
  public Dataset<Row> rows() {
    return table.exists() ? table.current() : table.frame(List.of());
  }

  /** The row of {@code ref}: that version, or the name's current one; empty when there is none. */
  public Optional<Row> find(AdapterRef ref) {
    Dataset<Row> named = rows().where(col("name").equalTo(ref.name()));
    if (ref.version() != null) {
      List<Row> r = named.where(col("version").equalTo(ref.version())).collectAsList();
      return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }
    Optional<Row> prod = production(ref.name());
    if (prod.isPresent()) {
      return prod;
    }
    List<Row> newest = named.orderBy(col("version").desc()).limit(1).collectAsList();
    return newest.isEmpty() ? Optional.empty() : Optional.of(newest.get(0));
  }

  /** {@code ref}'s row, or an {@link IllegalArgumentException} naming it and what the registry holds. */
  public Row require(AdapterRef ref) {
    return find(ref).orElseThrow(() -> new IllegalArgumentException("no adapter " + ref + " in "
        + Tables.OPS_ADAPTERS.qualifiedName() + " (names: " + names() + ")"));
  }

  public Optional<Row> production(String name) {
    List<Row> r = rows().where(col("name").equalTo(name).and(col("status").equalTo(PRODUCTION)))
        .collectAsList();
    return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
  }

  /** The version the next adapter called {@code name} gets. */
  public int nextVersion(String name) {
    Row r = rows().where(col("name").equalTo(name)).selectExpr("max(version)").head();
    return r.isNullAt(0) ? 1 : r.getInt(0) + 1;
  }

  public List<String> names() {
    return rows().select("name").distinct().orderBy("name").collectAsList().stream().map(r -> r.getString(0))
        .toList();
  }

  /** A copy of registry row {@code r} with the given columns changed (status changes stamp status_changed_at). */
  public static Row withChanges(Row r, Map<String, Object> changes) {
    RowShape.Builder b = Tables.OPS_ADAPTERS.newRow();
    for (StructField f : Tables.OPS_ADAPTERS.schema().fields()) {
      Object v = r.isNullAt(r.fieldIndex(f.name())) ? null : r.get(r.fieldIndex(f.name()));
      if (v instanceof scala.collection.Map<?, ?> m) {
        v = scala.collection.JavaConverters.mapAsJavaMap(m);
      }
      b.set(f.name(), changes.containsKey(f.name()) ? changes.get(f.name()) : v);
    }
    if (changes.containsKey("status")) {
      b.set("status_changed_at", Timestamp.from(Instant.now()));
    }
    return b.build();
  }

  /** Headline metrics of a registry row (train loss, dev loss, test loss, …). */
  public static Map<String, Double> metrics(Row r) {
    return r.isNullAt(r.fieldIndex("metrics")) ? Map.of() : r.getJavaMap(r.fieldIndex("metrics"));
  }
}
