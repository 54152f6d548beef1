package dev.lode.jobs.train;

import dev.lode.jobs.gold.SilverFixtures;
import dev.lode.lakehouse.Tables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** bronze.commits and bronze.file_changes rows for the commits {@link SilverFixtures} curates. */
final class TrainFixtures {
  private TrainFixtures() {}

  static Row commit(Row silver) {
    String subject = silver.<String>getAs("instruction").lines().findFirst().orElseThrow();
    return Tables.BRONZE_COMMITS.newRow().set("repo_id", silver.getAs("repo_id")).set("sha", silver.getAs("sha"))
        .set("parents", List.of(silver.<String>getAs("parent_sha"))).set("is_merge", false)
        .set("author_name", "A. Author").set("author_time", silver.getAs("commit_time"))
        .set("author_tz_offset_min", 0).set("commit_time", silver.getAs("commit_time"))
        .set("commit_tz_offset_min", 0).set("message", silver.getAs("instruction")).set("subject", subject)
        .set("files_changed", silver.getList(silver.fieldIndex("files")).size()).set("insertions", 1)
        .set("deletions", 1).set("in_main_branch", true).build();
  }

  static List<Row> fileChanges(Row silver) {
    List<Row> out = new ArrayList<>();
    for (Row f : silver.<Row>getList(silver.fieldIndex("files"))) {
      String after = f.getAs("after");
      String path = f.getAs("path");
      out.add(Tables.BRONZE_FILE_CHANGES.newRow().set("repo_id", silver.getAs("repo_id"))
          .set("sha", silver.getAs("sha")).set("path", path).set("change_type", f.getAs("change_type"))
          .set("new_path", path).set("language", f.getAs("language")).set("is_binary", false)
          .set("is_test", path.contains("test")).set("added_lines", 1).set("deleted_lines", 1)
          .set("old_content", f.getAs("before")).set("new_content", after).set("truncated", false)
          .set("changed_methods", f.getList(f.fieldIndex("changed_methods"))).build());
    }
    return out;
  }
}
