package dev.lode.jobs.mine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import dev.lode.lakehouse.Tables;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * The one row per commit that mining tasks emit, from which all three bronze tables are projected, so that each
 * commit is mined once per run: the bronze.commits columns, its file changes as an array of bronze.file_changes
 * structs, its tree, and an error for a commit that could not be read. Built from the catalogue schemas.
 */
public final class MinedRows {
  private MinedRows() {}

  private static final List<String> FILE_COLUMNS = Tables.BRONZE_FILE_CHANGES.columns().stream()
      .filter(c -> !c.equals("repo_id") && !c.equals("sha")).toList();

  /** A bronze.file_changes row without its repo_id and sha. */
  public static final StructType FILE = nullable(Tables.BRONZE_FILE_CHANGES.schema(), FILE_COLUMNS);

  public static final StructType SCHEMA = nullable(Tables.BRONZE_COMMITS.schema(), Tables.BRONZE_COMMITS.columns())
      .add("files", DataTypes.createArrayType(FILE, false), true)
      .add("path_count", DataTypes.IntegerType, true)
      .add("paths", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("paths_truncated", DataTypes.BooleanType, true)
      .add("error", DataTypes.StringType, true);

  /** Every column may be null here: a failed commit carries only repo_id, sha and error. */
  private static StructType nullable(StructType schema, List<String> columns) {
    List<StructField> out = new ArrayList<>();
    for (String c : columns) {
      StructField f = schema.apply(c);
      out.add(new StructField(f.name(), f.dataType(), true, f.metadata()));
    }
    return new StructType(out.toArray(StructField[]::new));
  }

  public static Row toRow(MinedCommit c) {
    if (c.error() != null) {
      Object[] v = new Object[SCHEMA.size()];
      v[0] = c.repoId();
      v[1] = c.sha();
      v[SCHEMA.fieldIndex("error")] = c.error();
      return RowFactory.create(v);
    }
    List<Row> files = new ArrayList<>(c.files().size());
    for (MinedFile f : c.files()) {
      files.add(RowFactory.create(f.path(), f.changeType(), f.oldPath(), f.newPath(), f.language(), f.isBinary(),
          f.isTest(), f.addedLines(), f.deletedLines(), f.diff(), f.oldContent(), f.newContent(), f.truncated(),
          seq(f.changedMethods()), f.error()));
    }
    return RowFactory.create(c.repoId(), c.sha(), seq(c.parents()), c.isMerge(), c.authorName(), c.authorEmail(),
        new Timestamp(c.authorTime() * 1000L), c.authorTzOffsetMin(), c.committerName(), c.committerEmail(),
        new Timestamp(c.commitTime() * 1000L), c.commitTzOffsetMin(), c.message(), c.subject(), files.size(),
        c.insertions(), c.deletions(), c.inMainBranch(), seq(files), c.paths() == null ? null : c.pathCount(), seq(c.paths()),
        c.paths() == null ? null : c.pathsTruncated(), null);
  }

  /** Rows handed to Spark carry arrays as Scala sequences (a view, not a copy). */
  private static <T> scala.collection.Seq<T> seq(List<T> list) {
    return list == null ? null : JavaConverters.asScalaBuffer(list);
  }

  private static Dataset<Row> readable(Dataset<Row> mined) {
    return mined.where(col("error").isNull());
  }

  /** bronze.commits rows. */
  public static Dataset<Row> commits(Dataset<Row> mined) {
    return readable(mined).select(Tables.BRONZE_COMMITS.columns().stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** bronze.file_changes rows: one per element of {@code files}. */
  public static Dataset<Row> fileChanges(Dataset<Row> mined) {
    List<Column> cols = new ArrayList<>(List.of(col("repo_id"), col("sha")));
    for (String c : FILE_COLUMNS) {
      cols.add(col("f." + c).as(c));
    }
    return readable(mined).select(col("repo_id"), col("sha"), explode(col("files")).as("f"))
        .select(cols.toArray(Column[]::new));
  }

  /** bronze.trees rows (none when trees were not listed). */
  public static Dataset<Row> trees(Dataset<Row> mined) {
    return readable(mined).where(col("paths").isNotNull())
        .select(col("repo_id"), col("sha"), col("path_count"), col("paths"), col("paths_truncated").as("truncated"));
  }
}
