package dev.lode.jobs.mine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import dev.lode.code.ChangedFile;
import dev.lode.lakehouse.RowShape;
import dev.lode.lakehouse.Tables;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one row per commit that mining tasks emit, from which all three bronze tables are projected, so that each
 * commit is mined once per run: the bronze.commits columns, its file changes as an array of bronze.file_changes
 * structs, its tree, and an error for a commit that could not be read. Built from the catalogue schemas, by column
 * name.
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

  private static final RowShape COMMIT_ROW = RowShape.of(SCHEMA, "a mined commit");
  private static final RowShape FILE_ROW = RowShape.of(FILE, "a mined file");

  public static Row toRow(MinedCommit c) {
    RowShape.Builder row = COMMIT_ROW.row().set("repo_id", c.repoId()).set("sha", c.sha());
    if (c.error() != null) {
      return row.set("error", c.error()).build();
    }
    List<Row> files = new ArrayList<>(c.files().size());
    for (ChangedFile f : c.files()) {
      files.add(FILE_ROW.row()
          .set("path", f.path())
          .set("change_type", f.changeType())
          .set("old_path", f.oldPath())
          .set("new_path", f.newPath())
          .set("language", f.language())
          .set("is_binary", f.binary())
          .set("is_test", f.test())
          .set("added_lines", f.addedLines())
          .set("deleted_lines", f.deletedLines())
          .set("diff", f.diff())
          .set("old_content", f.before())
          .set("new_content", f.after())
          .set("truncated", f.truncated())
          .set("changed_methods", f.changedMethods())
          .set("error", f.error())
          .build());
    }
    boolean listed = c.paths() != null;
    return row
        .set("parents", c.parents())
        .set("is_merge", c.isMerge())
        .set("author_name", c.authorName())
        .set("author_email", c.authorEmail())
        .set("author_time", new Timestamp(c.authorTime() * 1000L))
        .set("author_tz_offset_min", c.authorTzOffsetMin())
        .set("committer_name", c.committerName())
        .set("committer_email", c.committerEmail())
        .set("commit_time", new Timestamp(c.commitTime() * 1000L))
        .set("commit_tz_offset_min", c.commitTzOffsetMin())
        .set("message", c.message())
        .set("subject", c.subject())
        .set("files_changed", files.size())
        .set("insertions", c.insertions())
        .set("deletions", c.deletions())
        .set("in_main_branch", c.inMainBranch())
        .set("files", files)
        .set("path_count", listed ? c.pathCount() : null)
        .set("paths", c.paths())
        .set("paths_truncated", listed ? c.pathsTruncated() : null)
        .build();
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
