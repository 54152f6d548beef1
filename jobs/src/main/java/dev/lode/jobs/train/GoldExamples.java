package dev.lode.jobs.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.not;

import dev.lode.lakehouse.GoldRounds;
import dev.lode.lakehouse.Tables;
import dev.lode.train.sft.ExampleSource;
import dev.lode.train.tokenizer.ChatMessage;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.examples as the trainer and the evaluator read it: the rows of one round and split (train never holds
 * eval-only rows), narrowed by an adapter's scope and a user's SQL predicate, streamed to the trainer in bounded
 * batches through {@link Dataset#toLocalIterator} as an {@link ExampleSource}: no export, no temporary file, and
 * the driver holds one partition at a time, never the table.
 */
public final class GoldExamples {
  private GoldExamples() {}

  /** The round {@code option} names: {@code latest} (the highest complete round) or a number. */
  public static int round(Dataset<Row> examples, Dataset<Row> runs, String option) {
    int latest = GoldRounds.latestComplete(examples, runs);
    if (option == null || option.equals("latest")) {
      if (latest == 0) {
        throw new IllegalArgumentException(Tables.GOLD_EXAMPLES.qualifiedName() + " holds no complete gold round; "
            + "run lode gold first");
      }
      return latest;
    }
    int n;
    try {
      n = Integer.parseInt(option);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--round '" + option + "': latest or a round number");
    }
    if (n < 1 || GoldRounds.completedRun(runs, n) == null || examples.where(col("round").equalTo(n)).isEmpty()) {
      throw new IllegalArgumentException("--round " + n + ": no complete gold round " + n + " (latest complete: "
          + latest + ")");
    }
    return n;
  }

  /** The first commit date of {@code round}'s dev and test rows: nothing at or after it may reach a base model. */
  public static Timestamp cutoff(Dataset<Row> examples, int round) {
    Row r = examples.where(col("round").equalTo(round).and(col("split").isin("dev", "test")))
        .selectExpr("min(commit_time)").head();
    if (r.isNullAt(0)) {
      throw new IllegalArgumentException("gold round " + round + " has no dev or test rows, so it has no train "
          + "cutoff");
    }
    return r.getTimestamp(0);
  }

  /**
   * The rows of {@code round} and {@code split}, narrowed by {@code scopeSql} and {@code predicate} (either may be
   * null). A predicate that does not parse or names an unknown column is an {@link IllegalArgumentException}
   * quoting it.
   */
  public static Dataset<Row> select(Dataset<Row> examples, int round, String split, String scopeSql,
      String predicate) {
    Column where = col("round").equalTo(round).and(col("split").equalTo(split));
    if (split.equals("train")) {
      where = where.and(not(col("eval_only")));
    }
    Dataset<Row> rows = examples.where(where);
    if (scopeSql != null) {
      rows = rows.where(expr(scopeSql));
    }
    if (predicate != null) {
      try {
        rows = rows.where(expr(predicate));
      } catch (Exception e) { // Spark's AnalysisException (ParseException too) is checked in Java's eyes
        throw new IllegalArgumentException("--where \"" + predicate + "\" is not a valid predicate on "
            + Tables.GOLD_EXAMPLES.qualifiedName() + ": " + firstLine(e.getMessage()));
      }
    }
    return rows;
  }

  /** {@code rows} (gold.examples rows) as conversations, in example_id order, streamed a partition at a time. */
  public static ExampleSource source(Dataset<Row> rows, String describe) {
    Dataset<Row> ordered = rows.select("example_id", "prompt", "completion").orderBy("example_id");
    return ExampleSource.of(describe, () -> {
      Iterator<Row> it = ordered.toLocalIterator();
      return new Iterator<ExampleSource.Example>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public ExampleSource.Example next() {
          Row r = it.next();
          return new ExampleSource.Example(r.getString(0), messages(r.getList(1), r.getString(2)));
        }
      };
    });
  }

  /** The prompt's messages, then the completion as the assistant's reply. */
  public static List<ChatMessage> messages(List<Row> prompt, String completion) {
    List<ChatMessage> out = new ArrayList<>(prompt.size() + 1);
    for (Row m : prompt) {
      out.add(new ChatMessage(m.getString(0), m.getString(1) == null ? "" : m.getString(1)));
    }
    if (completion != null) {
      out.add(new ChatMessage("assistant", completion));
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
