package dev.lode.jobs.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import dev.lode.config.TrainConfig;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * The code a base model learns from: the text contents of the files commits changed ({@code new_content} of
 * bronze.file_changes), only of commits dated before a gold round's train cutoff, so that nothing of the round's dev
 * or test commits leaks into the base (or its tokenizer) that the round's adapters are evaluated against. Oldest
 * commits first, bounded by {@code train.base.lakehouse_max_files} and {@code lakehouse_max_bytes}.
 */
public final class LakehouseCode {
  private LakehouseCode() {}

  /** (repo_id, sha, path, commit_time, text) of every text file content of a commit before {@code cutoff}. */
  public static Dataset<Row> before(Dataset<Row> fileChanges, Dataset<Row> commits, Timestamp cutoff,
      TrainConfig.Base limits) {
    Dataset<Row> rows = fileChanges
        .where(col("new_content").isNotNull().and(not(col("is_binary"))).and(col("error").isNull()))
        .select("repo_id", "sha", "path", "new_content")
        .join(commits.select("repo_id", "sha", "commit_time"),
            JavaConverters.asScalaBuffer(List.of("repo_id", "sha")).toSeq())
        .where(col("commit_time").lt(cutoff))
        .orderBy(col("commit_time"), col("repo_id"), col("sha"), col("path"));
    if (limits.lakehouseMaxFiles() > 0) {
      rows = rows.limit(limits.lakehouseMaxFiles());
    }
    return rows.select(col("repo_id"), col("sha"), col("path"), col("commit_time"), col("new_content").as("text"));
  }
}
