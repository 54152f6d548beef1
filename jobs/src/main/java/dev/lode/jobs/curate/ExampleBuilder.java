package dev.lode.jobs.curate;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import dev.lode.config.CurateConfig;
import dev.lode.curate.ChangedFile;
import dev.lode.curate.CurationRules;
import dev.lode.curate.FileRoles;
import dev.lode.curate.KeptText;
import dev.lode.curate.Outcome;
import dev.lode.curate.secrets.SecretScanner;
import dev.lode.dedup.ChangeFingerprint;
import dev.lode.dedup.ChangeText;
import dev.lode.dedup.FileChange;
import dev.lode.jobs.dedup.NearDuplicates;
import dev.lode.lakehouse.Tables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Turns a commit that passed the commit and message rules into an example: its kept files (text files that are not
 * generated, vendored or lock files) with contents and diffs from bronze.file_changes, the content rule (secrets)
 * on the instruction and those files, redaction where the policy says so, and the fingerprint and MinHash signature
 * deduplication compares. Output: {@link #SCHEMA}.
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
    List<Row> bronzeFiles = new ArrayList<>(Outcomes.<Row>list(r, "full_files"));
    bronzeFiles.sort(Comparator.comparing(f -> f.getString(f.fieldIndex("path"))));
    List<Row> kept = new ArrayList<>();
    List<ChangedFile> changed = new ArrayList<>();
    List<KeptText.FileText> texts = new ArrayList<>();
    for (Row f : bronzeFiles) {
      String path = f.getString(f.fieldIndex("path"));
      if (f.getBoolean(f.fieldIndex("is_binary")) || roles.isGenerated(path)) {
        continue;
      }
      kept.add(f);
      changed.add(new ChangedFile(path, f.getString(f.fieldIndex("change_type")), Outcomes.string(f, "language"),
          false, f.getBoolean(f.fieldIndex("is_test")), f.getInt(f.fieldIndex("added_lines")),
          f.getInt(f.fieldIndex("deleted_lines"))));
      texts.add(new KeptText.FileText(path, Outcomes.string(f, "old_content"), Outcomes.string(f, "new_content"),
          Outcomes.string(f, "diff")));
    }
    KeptText text = new KeptText(Outcomes.string(r, "instruction"), texts);
    List<Outcome> outcomes = rules.contentRules().apply(text);
    boolean passed = Outcomes.allPassed(outcomes);
    if (passed) {
      text = scanner.redact(text); // whatever is still found is of a kind the policy redacts
    }

    List<Row> files = new ArrayList<>();
    List<String> tests = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<FileChange> changes = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      Row f = kept.get(i);
      KeptText.FileText t = text.files().get(i);
      List<String> methods = Outcomes.list(f, "changed_methods");
      files.add(RowFactory.create(t.path(), Outcomes.string(f, "language"), f.getString(f.fieldIndex("change_type")),
          t.before(), t.after(), t.diff(), methods.toArray(String[]::new)));
      switch (roles.roleOf(changed.get(i))) {
        case TEST -> tests.add(t.path());
        case SOURCE -> sources.add(t.path());
        default -> { }
      }
      changes.add(new FileChange(changed.get(i).changeType(), t.before(), t.after(), t.diff()));
    }
    List<Outcome> earlier = Outcomes.fromRows(Outcomes.list(r, "rules"));
    double messageScore = r.getDouble(r.fieldIndex("message_score"));
    double quality = 0.4 * messageScore + 0.3 * Outcomes.score(earlier, "test_evidence", 0.5)
        + 0.3 * Outcomes.score(earlier, "diff_size", 0.5);
    int[] signature = near.signature(ChangeText.of(changes));
    return RowFactory.create(r.getString(r.fieldIndex("repo_id")), r.getString(r.fieldIndex("sha")),
        Outcomes.toRows(outcomes), passed, Outcomes.errors(outcomes),
        Outcomes.string(r, "parent_sha"), r.getTimestamp(r.fieldIndex("commit_time")), roles.mainLanguage(changed),
        Outcomes.string(r, "domain"), Outcomes.string(r, "license"), text.instruction() == null ? "" : text.instruction(),
        files.toArray(Row[]::new), tests.toArray(String[]::new), sources.toArray(String[]::new), messageScore,
        Math.max(0, Math.min(1, quality)), Outcomes.<String>list(r, "keywords").toArray(String[]::new),
        testEvidence(Outcomes.detail(earlier, "test_evidence")), ChangeFingerprint.of(changes),
        signature == null ? null : java.util.Arrays.stream(signature).boxed().toArray(Integer[]::new));
  }

  /** {@code changed} or {@code module} from the test-evidence rule's detail; {@code unchecked} when it is off. */
  private static String testEvidence(String detail) {
    if (detail == null) {
      return "unchecked";
    }
    return detail.startsWith("changes tests") ? "changed" : "module";
  }
}
