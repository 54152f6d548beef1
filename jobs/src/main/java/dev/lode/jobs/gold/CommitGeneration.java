package dev.lode.jobs.gold;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import dev.lode.code.ChangedFile;
import dev.lode.code.CodeParser;
import dev.lode.config.GoldConfig;
import dev.lode.gold.Check;
import dev.lode.gold.Commit;
import dev.lode.gold.Example;
import dev.lode.gold.Message;
import dev.lode.gold.PreferencePair;
import dev.lode.gold.generate.CommitExamples;
import dev.lode.lakehouse.RowShape;
import dev.lode.lakehouse.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Runs {@link CommitExamples} on every commit, one tree-sitter parser per partition: each commit row (silver.examples
 * columns, its split and its parent's file tree) becomes one row holding its real examples, its ranked synthetic
 * candidates, its pairs and its refusal counts.
 */
final class CommitGeneration {
  private CommitGeneration() {}

  static final StructType EXAMPLE = new StructType()
      .add("key", StringType, false)
      .add("parent_key", StringType, true)
      .add("origin", StringType, false)
      .add("task", StringType, false)
      .add("generator", StringType, false)
      .add("edit_format", StringType, false)
      .add("language", StringType, true)
      .add("prompt", createArrayType(Tables.CHAT_MESSAGE, false), false)
      .add("completion", StringType, false)
      .add("tokens", IntegerType, false)
      .add("validation", createArrayType(Tables.VALIDATION_CHECK, false), false)
      .add("rank", IntegerType, false);

  static final StructType PAIR = new StructType()
      .add("example_key", StringType, false)
      .add("prompt", createArrayType(Tables.CHAT_MESSAGE, false), false)
      .add("chosen", StringType, false)
      .add("rejected", StringType, false)
      .add("source", StringType, false);

  /** Key columns carried through, then what the commit gave. */
  static final StructType OUTPUT = new StructType()
      .add("repo_id", StringType, false)
      .add("sha", StringType, false)
      .add("commit_time", org.apache.spark.sql.types.DataTypes.TimestampType, false)
      .add("split", StringType, false)
      .add("language", StringType, true)
      .add("domain", StringType, true)
      .add("quality", org.apache.spark.sql.types.DataTypes.DoubleType, false)
      .add("real", createArrayType(EXAMPLE, false), false)
      .add("synthetic", createArrayType(EXAMPLE, false), false)
      .add("pairs", createArrayType(PAIR, false), false)
      .add("rejections", createMapType(StringType, IntegerType, false), false);

  private static final RowShape OUTPUT_ROW = RowShape.of(OUTPUT, "a commit's gold output");
  private static final RowShape EXAMPLE_ROW = RowShape.of(EXAMPLE, "a gold example candidate");
  private static final RowShape PAIR_ROW = RowShape.of(PAIR, "a preference pair");
  private static final RowShape CHECK_ROW = RowShape.of(Tables.VALIDATION_CHECK, "a validation check");
  private static final RowShape MESSAGE_ROW = RowShape.of(Tables.CHAT_MESSAGE, "a chat message");

  /**
   * {@code commits} has the silver.examples columns plus {@code split} and {@code parent_paths} (null when the
   * parent's tree is not in bronze.trees).
   */
  static Dataset<Row> run(Dataset<Row> commits, GoldConfig config) {
    return commits.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> generate(rows, config),
        Encoders.row(OUTPUT));
  }

  private static Iterator<Row> generate(Iterator<Row> rows, GoldConfig config) {
    CommitExamples examples = new CommitExamples(config, new CodeParser());
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        String split = r.getAs("split");
        boolean synthetic = "train".equals(split) || config.split().syntheticInEval()
            || config.split().evalOnlySynthetic();
        Commit commit = commit(r);
        CommitExamples.Output out = examples.build(commit, synthetic);
        List<Row> real = new ArrayList<>();
        for (Example e : out.real()) {
          real.add(example(e, 0));
        }
        List<Row> synth = new ArrayList<>();
        for (Map.Entry<String, List<Example>> g : out.candidates().entrySet()) {
          for (int i = 0; i < g.getValue().size(); i++) {
            synth.add(example(g.getValue().get(i), i));
          }
        }
        List<Row> pairs = new ArrayList<>();
        for (PreferencePair p : out.pairs()) {
          pairs.add(PAIR_ROW.row().set("example_key", p.exampleKey()).set("prompt", messages(p.prompt()))
              .set("chosen", p.chosen()).set("rejected", p.rejected()).set("source", p.source()).build());
        }
        return OUTPUT_ROW.row()
            .set("repo_id", commit.repoId())
            .set("sha", commit.sha())
            .set("commit_time", r.getAs("commit_time"))
            .set("split", split)
            .set("language", commit.language())
            .set("domain", r.getAs("domain"))
            .set("quality", commit.quality())
            .set("real", real)
            .set("synthetic", synth)
            .set("pairs", pairs)
            .set("rejections", new HashMap<>(out.rejections()))
            .build();
      }
    };
  }

  static Commit commit(Row r) {
    List<ChangedFile> files = new ArrayList<>();
    for (Row f : r.<Row>getList(r.fieldIndex("files"))) {
      files.add(ChangedFile.of(f.getAs("path"), f.getAs("change_type")).language(f.getAs("language"))
          .texts(f.getAs("before"), f.getAs("after")).changedMethods(f.getList(f.fieldIndex("changed_methods")))
          .build());
    }
    int tree = r.fieldIndex("parent_paths");
    return new Commit(r.getAs("repo_id"), r.getAs("sha"), r.getAs("parent_sha"), r.getAs("language"),
        r.getAs("instruction"), files, r.getList(r.fieldIndex("test_files")), r.getList(r.fieldIndex("source_files")),
        r.<Double>getAs("quality"), r.isNullAt(tree) ? null : r.getList(tree));
  }

  private static Row example(Example e, int rank) {
    List<Row> checks = new ArrayList<>();
    for (Check c : e.validation()) {
      checks.add(CHECK_ROW.row().set("check", c.check()).set("passed", c.passed()).set("detail", c.detail()).build());
    }
    return EXAMPLE_ROW.row()
        .set("key", e.key())
        .set("parent_key", e.parentKey())
        .set("origin", e.origin())
        .set("task", e.task())
        .set("generator", e.generator())
        .set("edit_format", e.editFormat())
        .set("language", e.language())
        .set("prompt", messages(e.prompt()))
        .set("completion", e.completion())
        .set("tokens", e.tokens())
        .set("validation", checks)
        .set("rank", rank)
        .build();
  }

  /** Chat messages as rows of {@code Tables.CHAT_MESSAGE}. */
  private static List<Row> messages(List<Message> messages) {
    List<Row> out = new ArrayList<>();
    for (Message m : messages) {
      out.add(MESSAGE_ROW.row().set("role", m.role()).set("content", m.content()).build());
    }
    return out;
  }
}
