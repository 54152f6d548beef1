package dev.lode.jobs.export;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lode.lakehouse.GoldRounds;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.StageRun;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code lode export}: one split of one gold round written as files trainers read as they are (see
 * {@link ExportFormat}): {@code DIR/<format>-<split>.jsonl}, {@code DIR/<format>-<split>.parquet} and
 * {@code DIR/dataset_info.json} for LLaMA-Factory. DIR may be a local path or a Hadoop URI; rows are written in
 * example_id order so that two exports of the same round are identical. The round is read at the gold version the
 * run pinned; by default the latest complete round. Eval-only rows are never exported (see {@link #trainable}).
 */
public final class ExportJob implements Stage<List<ExportJob.Written>> {
  /** A file written and the records in it. */
  public record Written(String path, long records) {}

  private final ExportFormat format;
  private final String split;
  private final String out;
  private final int round;

  /** Exports {@code split} of {@code round} (0: the latest complete one) as {@code format} into {@code out}. */
  public ExportJob(ExportFormat format, String split, String out, int round) {
    this.format = format;
    this.split = split;
    this.out = out;
    this.round = round;
  }

  @Override
  public String name() {
    return "export";
  }

  @Override
  public List<TableDef> reads() {
    return List.of(Tables.GOLD_EXAMPLES, Tables.GOLD_PAIRS, Tables.SILVER_EXAMPLES, Tables.BRONZE_REPOS);
  }

  @Override
  public List<TableDef> writes() {
    return List.of();
  }

  @Override
  public List<String> settings() {
    return List.of();
  }

  @Override
  public String parameters() {
    return format.id() + " " + split + " " + out + " " + round;
  }

  /** Its output is files, which may have been moved or deleted since: an export always runs. */
  @Override
  public boolean skipWhenUnchanged() {
    return false;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String MESSAGES = "concat(prompt, array(named_struct('role', 'assistant', 'content', "
      + "completion)))";
  private static final String SHAREGPT_ROLE = "CASE m.role WHEN 'user' THEN 'human' WHEN 'assistant' THEN 'gpt' "
      + "ELSE m.role END";
  private static final String[] METADATA = {"example_id", "origin", "task", "generator", "edit_format", "language",
      "domain", "repo_id", "sha", "commit_time", "split", "tokens", "quality", "round"};

  @Override
  public List<Written> run(StageRun run) throws IOException {
    SparkSession spark = run.spark();
    Dataset<Row> gold = run.table(Tables.GOLD_EXAMPLES).read();
    int r = round > 0 ? round : GoldRounds.latestComplete(gold, run.runs());
    if (r == 0) {
      throw new IllegalStateException("gold.examples has no complete round yet: run `lode gold` first");
    }
    Dataset<Row> examples = trainable(gold).where(col("round").equalTo(r).and(col("split").equalTo(split)));
    Dataset<Row> records = switch (format) {
      case CHAT_JSONL -> examples.selectExpr(with(MESSAGES + " AS messages"))
          .selectExpr("to_json(named_struct('messages', messages)) AS json", "*");
      case SHAREGPT -> examples.selectExpr(with("transform(" + MESSAGES + ", m -> named_struct('from', "
              + SHAREGPT_ROLE + ", 'value', m.content)) AS conversations"))
          .selectExpr("to_json(named_struct('conversations', conversations)) AS json", "*");
      case COMMITPACKFT -> commitPack(run, examples);
      case DPO -> run.table(Tables.GOLD_PAIRS).read()
          .where(col("round").equalTo(r).and(col("split").equalTo(split)))
          .selectExpr("prompt", "array(named_struct('role', 'assistant', 'content', chosen)) AS chosen",
              "array(named_struct('role', 'assistant', 'content', rejected)) AS rejected", "pair_id",
              "example_id", "source", "split", "round")
          .selectExpr("to_json(named_struct('prompt', prompt, 'chosen', chosen, 'rejected', rejected)) AS json",
              "*");
    };
    records = records.orderBy(format == ExportFormat.DPO ? "pair_id" : "example_id");
    String base = format.id() + "-" + split;
    List<Written> written = new ArrayList<>();
    written.add(jsonLines(spark, records.select("json"), out + "/" + base + ".jsonl"));
    written.add(parquet(spark, records.drop("json"), out + "/" + base + ".parquet"));
    if (format == ExportFormat.DPO) {
      Dataset<Row> ranking = records.selectExpr("to_json(named_struct('conversations', transform(prompt, m -> "
          + "named_struct('from', " + SHAREGPT_ROLE + ", 'value', m.content)), 'chosen', named_struct('from', "
          + "'gpt', 'value', chosen[0].content), 'rejected', named_struct('from', 'gpt', 'value', "
          + "rejected[0].content))) AS json");
      written.add(jsonLines(spark, ranking, out + "/" + base + ".sharegpt.jsonl"));
    }
    datasetInfo(spark, out, format, base);
    for (Written w : written) {
      run.count(w.path().substring(w.path().lastIndexOf('/') + 1), w.records());
    }
    run.count("round", r);
    return written;
  }

  /**
   * The rows a trainer may read: all but the eval-only rows (synthetic rows of dev and test commits, which only
   * evaluation reads, from gold.examples). A table written before the column existed has none.
   */
  static Dataset<Row> trainable(Dataset<Row> gold) {
    return gold.where(coalesce(col("eval_only"), lit(false)).equalTo(false));
  }

  private static String[] with(String first) {
    String[] out = new String[METADATA.length + 1];
    out[0] = first;
    System.arraycopy(METADATA, 0, out, 1, METADATA.length);
    return out;
  }

  /** CommitPackFT rows: each changed file of each real commit of the split, with the commit's message. */
  private static Dataset<Row> commitPack(StageRun run, Dataset<Row> examples) {
    Dataset<Row> commits = examples.where(col("origin").equalTo("real")).groupBy("repo_id", "sha")
        .agg(expr("min(example_id) AS example_id"));
    Dataset<Row> silver = run.table(Tables.SILVER_EXAMPLES).read().select(col("repo_id").as("_s_repo"),
        col("sha").as("_s_sha"), col("instruction"), col("license"), expr("explode(files) AS f"));
    Dataset<Row> repos = run.table(Tables.BRONZE_REPOS).read().select(col("repo_id").as("_r_repo"), col("name"));
    return commits.join(silver, col("repo_id").equalTo(col("_s_repo")).and(col("sha").equalTo(col("_s_sha"))))
        .join(repos, col("repo_id").equalTo(col("_r_repo")), "left")
        .selectExpr("sha AS commit", "f.path AS old_file", "f.path AS new_file",
            "coalesce(f.before, '') AS old_contents", "coalesce(f.after, '') AS new_contents",
            "split(instruction, '\\n')[0] AS subject", "instruction AS message",
            "coalesce(CASE lower(f.language) WHEN 'javascript' THEN 'JavaScript' WHEN 'typescript' THEN "
                + "'TypeScript' WHEN 'cpp' THEN 'C++' WHEN 'csharp' THEN 'C#' WHEN 'restructuredtext' THEN "
                + "'reStructuredText' WHEN 'yaml' THEN 'YAML' WHEN 'toml' THEN 'TOML' WHEN 'json' THEN 'JSON' "
                + "WHEN 'html' THEN 'HTML' WHEN 'css' THEN 'CSS' WHEN 'sql' THEN 'SQL' WHEN 'php' THEN 'PHP' "
                + "ELSE initcap(f.language) END, "
                + "'Text') AS lang",
            "coalesce(lower(license), '') AS license", "coalesce(name, repo_id) AS repos",
            "concat(example_id, '/', f.path) AS example_id", "repo_id")
        .selectExpr("to_json(named_struct('commit', commit, 'old_file', old_file, 'new_file', new_file, "
            + "'old_contents', old_contents, 'new_contents', new_contents, 'subject', subject, 'message', message, "
            + "'lang', lang, 'license', license, 'repos', repos)) AS json", "*");
  }

  /** Streams one JSON string per row into a single file, partition by partition through the driver. */
  private static Written jsonLines(SparkSession spark, Dataset<Row> json, String path) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(spark.sessionState().newHadoopConf());
    fs.setWriteChecksum(false); // no .crc file beside the export on a local disk
    long n = 0;
    try (Writer w = new BufferedWriter(new OutputStreamWriter(fs.create(p, true), StandardCharsets.UTF_8))) {
      Iterator<Row> it = json.toLocalIterator();
      while (it.hasNext()) {
        w.write(it.next().getString(0));
        w.write('\n');
        n++;
      }
    }
    return new Written(path, n);
  }

  /** The rows as one Parquet file (Spark writes a directory; its single part file is moved to {@code path}). */
  private static Written parquet(SparkSession spark, Dataset<Row> rows, String path) throws IOException {
    Path target = new Path(path);
    Path tmp = new Path(path + ".tmp-" + System.nanoTime());
    FileSystem fs = target.getFileSystem(spark.sessionState().newHadoopConf());
    long n = rows.count();
    rows.coalesce(1).write().mode("overwrite").parquet(tmp.toString());
    try {
      Path part = null;
      for (FileStatus s : fs.listStatus(tmp)) {
        if (s.getPath().getName().endsWith(".parquet")) {
          part = s.getPath();
        }
      }
      if (part == null) {
        throw new IOException("Spark wrote no Parquet part file under " + tmp);
      }
      fs.delete(target, true);
      if (!fs.rename(part, target)) {
        throw new IOException("cannot move " + part + " to " + target);
      }
      fs.delete(new Path(target.getParent(), "." + target.getName() + ".crc"), false);
    } finally {
      fs.delete(tmp, true);
    }
    return new Written(path, n);
  }

  /** Adds the exported file to DIR/dataset_info.json, LLaMA-Factory's catalogue of local datasets. */
  private static void datasetInfo(SparkSession spark, String out, ExportFormat format, String base) {
    Path p = new Path(out + "/dataset_info.json");
    try {
      FileSystem fs = p.getFileSystem(spark.sessionState().newHadoopConf());
      fs.setWriteChecksum(false);
      ObjectNode info = JSON.createObjectNode();
      if (fs.exists(p)) {
        try (InputStream in = fs.open(p)) {
          info = (ObjectNode) JSON.readTree(in);
        }
      }
      String name = "lode_" + base.replace('-', '_');
      ObjectNode entry = JSON.createObjectNode();
      switch (format) {
        case CHAT_JSONL -> {
          entry.put("file_name", base + ".jsonl").put("formatting", "sharegpt");
          entry.putObject("columns").put("messages", "messages");
          entry.putObject("tags").put("role_tag", "role").put("content_tag", "content").put("user_tag", "user")
              .put("assistant_tag", "assistant").put("system_tag", "system");
        }
        case SHAREGPT -> {
          entry.put("file_name", base + ".jsonl").put("formatting", "sharegpt");
          entry.putObject("columns").put("messages", "conversations");
        }
        case COMMITPACKFT -> {
          entry.put("file_name", base + ".jsonl");
          entry.putObject("columns").put("prompt", "message").put("query", "old_contents")
              .put("response", "new_contents");
        }
        case DPO -> {
          entry.put("file_name", base + ".sharegpt.jsonl").put("formatting", "sharegpt").put("ranking", true);
          entry.putObject("columns").put("messages", "conversations").put("chosen", "chosen")
              .put("rejected", "rejected");
        }
      }
      info.set(name, entry);
      try (Writer w = new OutputStreamWriter(fs.create(p, true), StandardCharsets.UTF_8)) {
        w.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(info));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p, e);
    }
  }
}
