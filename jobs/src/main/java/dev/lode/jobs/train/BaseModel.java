package dev.lode.jobs.train;

import static org.apache.spark.sql.functions.col;

import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The base an adapter is trained over: a Hugging Face directory the user brought ({@code --base DIR}, used as it
 * is), or the one Lode pretrained for the gold round ({@code ops.models}). Either way identified by the sha256 of its
 * weights, which every later load checks.
 */
public record BaseModel(Path path, String sha256, String kind, String id) {
  public static final String USER = "user";
  public static final String EMBEDDED = "embedded";

  /** {@code dir} as a user's base: a model directory with config.json and model.safetensors. */
  public static BaseModel user(Path dir) throws IOException {
    if (!Files.isRegularFile(dir.resolve("config.json"))
        || !Files.isRegularFile(dir.resolve(Artifacts.MODEL_WEIGHTS))) {
      throw new IllegalArgumentException("--base " + dir + " is not a Hugging Face model directory (config.json and "
          + Artifacts.MODEL_WEIGHTS + " expected)");
    }
    Path abs = dir.toAbsolutePath().normalize();
    return new BaseModel(abs, Artifacts.sha256(abs.resolve(Artifacts.MODEL_WEIGHTS)), USER,
        abs.getFileName().toString());
  }

  /** The newest base Lode pretrained for {@code round}, checked against its recorded hash. */
  public static BaseModel embedded(Lakehouse lakehouse, int round) throws IOException {
    var models = lakehouse.table(Tables.OPS_MODELS);
    List<Row> rows = models.exists()
        ? models.current().where(col("round").equalTo(round)).orderBy(col("created_at").desc()).limit(1)
            .collectAsList()
        : List.of();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no base model for gold round " + round + " in "
          + Tables.OPS_MODELS.qualifiedName() + ": run lode train base, or pass --base DIR");
    }
    Row r = rows.get(0);
    String id = r.getAs("model_id");
    Path path = Path.of(r.<String>getAs("path"));
    Artifacts.verify("base " + id, path, Artifacts.MODEL_WEIGHTS, r.getAs("sha256"));
    return new BaseModel(path, r.getAs("sha256"), EMBEDDED, id);
  }

  /** The base an adapter's registry row names, checked against the hash recorded there. */
  public static BaseModel of(Row adapter) throws IOException {
    Path path = Path.of(adapter.<String>getAs("base_path"));
    String sha = adapter.getAs("base_sha256");
    Artifacts.verify("base of adapter " + adapter.getAs("adapter_id"), path, Artifacts.MODEL_WEIGHTS, sha);
    return new BaseModel(path, sha, adapter.getAs("base_kind"), path.getFileName().toString());
  }
}
