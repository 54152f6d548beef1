package dev.lode.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import dev.lode.jobs.dedup.NearDuplicates;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Removes from train every example that is a MinHash near duplicate of a dev or test example, with the synthetic
 * rows derived from a removed real one, using the curation stage's {@link NearDuplicates} (word 5-gram shingles).
 * The text compared is what the model reads and writes: the user messages and the completion (system prompts are
 * shared boilerplate and left out). A train row that nearly repeats an eval-only row (a synthetic
 * row of a dev or test commit, for evaluation only) keeps its place and the eval-only row is removed instead.
 */
public final class Decontamination {
  /** Shingle size and LSH shape: at a 0.8 threshold a true pair is a candidate with probability above 0.999. */
  static final int SHINGLE = 5;
  static final int BANDS = 20;
  static final int ROWS = 5;

  static final String TEXT = "concat_ws('\\n', transform(filter(prompt, m -> m.role <> 'system'), m -> m.content), "
      + "completion)";

  private final NearDuplicates finder;

  public Decontamination(double threshold, long seed) {
    this.finder = new NearDuplicates(threshold, SHINGLE, BANDS, ROWS, seed);
  }

  /** Pairs (train example_id, dev/test example_id, similarity) at or above the threshold. */
  public Dataset<Row> leaks(Dataset<Row> rows) {
    Dataset<Row> text = rows.select(col("example_id"), col("split"), col("parent_id"), expr(TEXT).as("text"));
    Dataset<Row> train = text.where(col("split").equalTo(ChronologicalSplit.TRAIN));
    Dataset<Row> eval = text.where(col("split").notEqual(ChronologicalSplit.TRAIN));
    return finder.across(train, eval, "example_id", "text")
        .select(col("left_id").as("train_id"), col("right_id").as("eval_id"), col("similarity"));
  }

  /**
   * {@code rows} without the contaminated train rows and their synthetic children; also says how many went
   * ({@code removed}: train rows, their children, eval-only rows). A train row that nearly repeats only eval-only
   * rows stays, and those eval-only rows go instead: they are extras for evaluation and must not cost train rows.
   */
  public Dataset<Row> apply(Dataset<Row> rows, long[] removed) {
    Dataset<Row> evalOnly = rows.where(col("eval_only")).select(col("example_id").as("_eo"));
    Dataset<Row> pairs = leaks(rows).join(evalOnly, col("eval_id").equalTo(col("_eo")), "left").localCheckpoint();
    Dataset<Row> hit = pairs.where(col("_eo").isNull()).select(col("train_id").as("_hit")).distinct()
        .localCheckpoint();
    Dataset<Row> evalHit = pairs.where(col("_eo").isNotNull()).select(col("eval_id").as("_hit")).distinct();
    Dataset<Row> children = rows.join(hit, col("parent_id").equalTo(col("_hit")))
        .where(col("split").equalTo(ChronologicalSplit.TRAIN)).select(col("example_id").as("_hit"));
    Dataset<Row> drop = hit.union(children).distinct().localCheckpoint();
    removed[0] = hit.count();
    removed[1] = drop.count() - removed[0];
    removed[2] = evalHit.count();
    return rows.join(drop.union(evalHit), col("example_id").equalTo(col("_hit")), "left_anti");
  }
}
