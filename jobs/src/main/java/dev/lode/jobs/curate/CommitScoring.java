package dev.lode.jobs.curate;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import dev.lode.code.ChangedFile;
import dev.lode.config.CurateConfig;
import dev.lode.curate.CommitFacts;
import dev.lode.curate.CurationRules;
import dev.lode.curate.Outcome;
import dev.lode.curate.message.InstructionCleaner;
import dev.lode.curate.message.Subjects;
import dev.lode.curate.rules.TestEvidenceRule;
import dev.lode.lakehouse.RowShape;
import dev.lode.lakehouse.Tables;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Runs the commit rules on every new commit (one {@link CurationRules} per partition). Input: bronze commits joined
 * with their file list ({@code files}), tree ({@code tree_paths}) and repository ({@code license}, {@code domain}).
 * Output: {@link #SCHEMA}, with the cleaned subject and instruction for the commits that passed, which the message
 * pipeline needs next, and the test evidence the test-evidence rule found (its typed finding), which the example
 * builder records.
 */
final class CommitScoring implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA = new StructType()
      .add("repo_id", StringType, false)
      .add("sha", StringType, false)
      .add("commit_time", TimestampType, false)
      .add("parent_sha", StringType, true)
      .add("license", StringType, true)
      .add("domain", StringType, true)
      .add("rules", createArrayType(Tables.RULE_OUTCOME, false), false)
      .add("passed", BooleanType, false)
      .add("errors", IntegerType, false)
      .add("subject_clean", StringType, true)
      .add("instruction", StringType, true)
      .add("test_evidence", StringType, true);

  private static final RowShape ROW = RowShape.of(SCHEMA, "a commit scored by the commit rules");

  private final CurateConfig config;

  CommitScoring(CurateConfig config) {
    this.config = config;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    CurationRules rules = new CurationRules(config);
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      CommitFacts facts = facts(r);
      List<Outcome> outcomes = rules.commitRules().apply(facts);
      boolean passed = Outcomes.allPassed(outcomes);
      List<String> parents = Outcomes.list(r, "parents");
      TestEvidenceRule.Evidence evidence = Outcomes.finding(outcomes, TestEvidenceRule.NAME,
          TestEvidenceRule.Evidence.class);
      out.add(ROW.row()
          .set("repo_id", facts.repoId())
          .set("sha", facts.sha())
          .set("commit_time", r.getTimestamp(r.fieldIndex("commit_time")))
          .set("parent_sha", parents.isEmpty() ? null : parents.get(0))
          .set("license", facts.license())
          .set("domain", Outcomes.string(r, "domain"))
          .set("rules", Outcomes.toRows(outcomes))
          .set("passed", passed)
          .set("errors", Outcomes.errors(outcomes))
          .set("subject_clean", passed ? Subjects.clean(facts.subject()) : null)
          .set("instruction", passed ? InstructionCleaner.clean(facts.message()) : null)
          .set("test_evidence", evidence == null ? null : evidence.id())
          .build());
    }
    return out.iterator();
  }

  private static CommitFacts facts(Row r) {
    List<ChangedFile> files = new ArrayList<>();
    for (Row f : Outcomes.<Row>list(r, "files")) {
      files.add(ChangedFile.of(f.getString(f.fieldIndex("path")), f.getString(f.fieldIndex("change_type")))
          .language(Outcomes.string(f, "language")).binary(f.getBoolean(f.fieldIndex("is_binary")))
          .test(f.getBoolean(f.fieldIndex("is_test")))
          .lines(f.getInt(f.fieldIndex("added_lines")), f.getInt(f.fieldIndex("deleted_lines"))).build());
    }
    int tree = r.fieldIndex("tree_paths");
    return new CommitFacts(r.getString(r.fieldIndex("repo_id")), r.getString(r.fieldIndex("sha")),
        Outcomes.string(r, "subject"), Outcomes.string(r, "message"), Outcomes.string(r, "author_name"),
        Outcomes.string(r, "author_email"), Outcomes.list(r, "parents").size(), files,
        r.isNullAt(tree) ? null : r.getList(tree), Outcomes.string(r, "license"));
  }
}
