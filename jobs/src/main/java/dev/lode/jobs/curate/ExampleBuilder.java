package dev.lode.jobs.curate;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import dev.lode.code.ChangedFile;
import dev.lode.config.CurateConfig;
import dev.lode.curate.CurationRules;
import dev.lode.curate.FileRoles;
import dev.lode.curate.KeptText;
import dev.lode.curate.Outcome;
import dev.lode.curate.rules.DiffSizeRule;
import dev.lode.curate.rules.SecretsRule;
import dev.lode.curate.rules.TestEvidenceRule;
import dev.lode.curate.secrets.SecretScanner;
import dev.lode.dedup.ChangeFingerprint;
import dev.lode.dedup.ChangeText;
import dev.lode.jobs.dedup.NearDuplicates;
import dev.lode.lakehouse.RowShape;
import dev.lode.lakehouse.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Turns a commit that passed the commit and message rules into an example: its kept files (text files that are not
 * generated, vendored or lock files) with contents and diffs from bronze.file_changes, the content rule (secrets)
 * on the instruction and those files, redaction where the rule's finding says so, and the fingerprint and MinHash
 * signature deduplication compares. Input: the message scores, {@link CommitScoring}'s columns (its {@code rules} and
 * {@code test_evidence} among them) and the files ({@code full_files}). Output: {@link #SCHEMA}.
 */
final class ExampleBuilder implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA = new StructType()
      .add("repo_id", StringType, false)
      .add("sha", StringType, false)
      .add("content_rules", createArrayType(Tables.RULE_OUTCOME, false), false)
      .add("content_passed", BooleanType, false)
      .add("content_errors", IntegerType, false)
      .add("parent_sha", StringType, true)
      .add("commit_time", TimestampType, false)
      .add("language", StringType, true)
      .add("domain", StringType, true)
      .add("license", StringType, true)
      .add("instruction", StringType, false)
      .add("files", createArrayType(Tables.EXAMPLE_FILE, false), false)
      .add("test_files", createArrayType(StringType, false), false)
      .add("source_files", createArrayType(StringType, false), false)
      .add("message_score", DoubleType, false)
      .add("quality", DoubleType, false)
      .add("keywords", createArrayType(StringType, false), false)
      .add("test_evidence", StringType, false)
      .add("change_hash", StringType, false)
      .add("minhash", createArrayType(IntegerType, false), true);

  private static final RowShape ROW = RowShape.of(SCHEMA, "a commit made into an example");
  private static final RowShape FILE = RowShape.of(Tables.EXAMPLE_FILE, "an example's file");
  /** silver.examples.test_evidence of a commit whose test evidence was not checked (the rule is switched off). */
  private static final String UNCHECKED = "unchecked";

  private final CurateConfig config;
  private final NearDuplicates near;

  ExampleBuilder(CurateConfig config, NearDuplicates near) {
    this.config = config;
    this.near = near;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    CurationRules rules = new CurationRules(config);
    FileRoles roles = FileRoles.of(config);
    SecretScanner scanner = SecretScanner.of(config.secrets());
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      out.add(build(rows.next(), rules, roles, scanner));
    }
    return out.iterator();
  }

  private Row build(Row r, CurationRules rules, FileRoles roles, SecretScanner scanner) {
    List<ChangedFile> kept = new ArrayList<>();
    for (Row f : Outcomes.<Row>list(r, "full_files")) {
      String path = f.getString(f.fieldIndex("path"));
      if (f.getBoolean(f.fieldIndex("is_binary")) || roles.isGenerated(path)) {
        continue;
      }
      kept.add(ChangedFile.of(path, f.getString(f.fieldIndex("change_type"))).language(Outcomes.string(f, "language"))
          .test(f.getBoolean(f.fieldIndex("is_test")))
          .lines(f.getInt(f.fieldIndex("added_lines")), f.getInt(f.fieldIndex("deleted_lines")))
          .texts(Outcomes.string(f, "old_content"), Outcomes.string(f, "new_content"))
          .diff(Outcomes.string(f, "diff")).changedMethods(Outcomes.list(f, "changed_methods")).build());
    }
    kept.sort(Comparator.comparing(ChangedFile::path));
    KeptText text = new KeptText(Outcomes.string(r, "instruction"), kept);
    List<Outcome> outcomes = rules.contentRules().apply(text);
    boolean passed = Outcomes.allPassed(outcomes);
    if (passed && Outcomes.finding(outcomes, SecretsRule.NAME, SecretsRule.Finding.class)
        == SecretsRule.Finding.REDACT) {
      text = scanner.redact(text);
    }

    List<Row> files = new ArrayList<>();
    List<String> tests = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (ChangedFile f : text.files()) {
      files.add(FILE.row()
          .set("path", f.path())
          .set("language", f.language())
          .set("change_type", f.changeType())
          .set("before", f.before())
          .set("after", f.after())
          .set("diff", f.diff())
          .set("changed_methods", f.changedMethods())
          .build());
      switch (roles.roleOf(f)) {
        case TEST -> tests.add(f.path());
        case SOURCE -> sources.add(f.path());
        default -> { }
      }
    }
    List<Outcome> earlier = Outcomes.fromRows(Outcomes.list(r, "rules"));
    double messageScore = r.getDouble(r.fieldIndex("message_score"));
    double quality = 0.4 * messageScore + 0.3 * Outcomes.score(earlier, TestEvidenceRule.NAME, 0.5)
        + 0.3 * Outcomes.score(earlier, DiffSizeRule.NAME, 0.5);
    int[] signature = near.signature(ChangeText.of(text.files()));
    String evidence = Outcomes.string(r, "test_evidence");
    return ROW.row()
        .set("repo_id", r.getString(r.fieldIndex("repo_id")))
        .set("sha", r.getString(r.fieldIndex("sha")))
        .set("content_rules", Outcomes.toRows(outcomes))
        .set("content_passed", passed)
        .set("content_errors", Outcomes.errors(outcomes))
        .set("parent_sha", Outcomes.string(r, "parent_sha"))
        .set("commit_time", r.getTimestamp(r.fieldIndex("commit_time")))
        .set("language", roles.mainLanguage(text.files()))
        .set("domain", Outcomes.string(r, "domain"))
        .set("license", Outcomes.string(r, "license"))
        .set("instruction", text.instruction() == null ? "" : text.instruction())
        .set("files", files)
        .set("test_files", tests)
        .set("source_files", sources)
        .set("message_score", messageScore)
        .set("quality", Math.max(0, Math.min(1, quality)))
        .set("keywords", Outcomes.<String>list(r, "keywords"))
        // The rule's typed finding, recorded by CommitScoring; none when the rule is switched off.
        .set("test_evidence", evidence == null ? UNCHECKED : evidence)
        .set("change_hash", ChangeFingerprint.of(text.files()))
        .set("minhash", signature == null ? null : Arrays.stream(signature).boxed().toList())
        .build();
  }
}
