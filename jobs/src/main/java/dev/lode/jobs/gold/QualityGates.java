package dev.lode.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import dev.lode.config.GoldConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The gates a gold round must pass before it is written: no duplicate (prompt, completion) pairs, every row valid
 * against the gold.examples schema (an eval-only row is a synthetic dev or test row), the synthetic share of train
 * within bounds, enough rows in each split (eval-only rows not counted), and every BugFixer mutant parsed. A round
 * that misses one is not written, so the previous gold version stays current.
 */
public final class QualityGates {
  private QualityGates() {}

  /** One gate's verdict: its measured value against its threshold. */
  public record Gate(String name, boolean passed, double value, String threshold, String detail) {
    @Override
    public String toString() {
      return String.format("%-20s %-6s value %-10s %s%s", name, passed ? "ok" : "FAILED", fmt(value),
          threshold, detail == null || detail.isEmpty() ? "" : "  (" + detail + ")");
    }

    private static String fmt(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.4f", v);
    }
  }

  /** Thrown when a gate fails; its message is the report naming the failed gates. */
  public static final class GateFailure extends RuntimeException {
    private final List<Gate> gates;

    public GateFailure(List<Gate> gates) {
      super("quality gate failed: " + String.join(", ", gates.stream().filter(g -> !g.passed()).map(Gate::name)
          .toList()) + "\n" + report(gates));
      this.gates = gates;
    }

    public List<Gate> gates() {
      return gates;
    }
  }

  /** The SQL condition a valid row meets: the schema's nullability, allowed values and chat roles. */
  static final String VALID_ROW = String.join(" AND ",
      "example_id IS NOT NULL", "origin IN ('real', 'synthetic')", "split IN ('train', 'dev', 'test')",
      "task IN ('edit', 'bugfix', 'testgen', 'localize', 'apply_patch', 'convert_patch', 'revert_patch')",
      "generator IN ('real', 'bug_fixer', 'test_writer', 'localization', 'patch_variants')",
      "edit_format IN ('whole_file', 'unified_diff', 'search_replace', 'none')",
      "repo_id IS NOT NULL", "sha IS NOT NULL", "commit_time IS NOT NULL", "round IS NOT NULL",
      "prompt IS NOT NULL", "size(prompt) >= 2", "prompt[0].role = 'system'",
      "element_at(prompt, -1).role = 'user'",
      "forall(prompt, m -> m.role IN ('system', 'user', 'assistant') AND m.content IS NOT NULL)",
      "completion IS NOT NULL", "length(trim(completion)) > 0", "tokens > 0",
      "quality IS NOT NULL", "quality BETWEEN 0 AND 1", "validation IS NOT NULL",
      "((origin = 'real') = (parent_id IS NULL))", "((origin = 'real') = (generator = 'real'))",
      "eval_only IS NOT NULL", "(NOT eval_only OR (origin = 'synthetic' AND split <> 'train'))");

  public static List<Gate> check(Dataset<Row> rows, GoldConfig.Gates config) {
    List<Gate> gates = new ArrayList<>();
    Row s = rows.selectExpr(
        "count(*) AS rows",
        "count(DISTINCT sha2(concat(to_json(prompt), '\\u0000', completion), 256)) AS distinct_pairs",
        "sum(CASE WHEN coalesce(" + VALID_ROW + ", false) THEN 0 ELSE 1 END) AS invalid",
        "sum(CASE WHEN split = 'train' THEN 1 ELSE 0 END) AS train",
        "sum(CASE WHEN split = 'train' AND origin = 'synthetic' THEN 1 ELSE 0 END) AS train_synthetic",
        "sum(CASE WHEN split = 'dev' AND NOT coalesce(eval_only, false) THEN 1 ELSE 0 END) AS dev",
        "sum(CASE WHEN split = 'test' AND NOT coalesce(eval_only, false) THEN 1 ELSE 0 END) AS test",
        "sum(CASE WHEN generator = 'bug_fixer' THEN 1 ELSE 0 END) AS mutants",
        "sum(CASE WHEN generator = 'bug_fixer' AND exists(validation, c -> c.check = 'parses' AND c.passed) "
            + "THEN 1 ELSE 0 END) AS mutants_parsed").head();
    long total = s.getLong(0);
    long dup = total - s.getLong(1);
    gates.add(new Gate("duplicate_pairs", dup <= config.maxDuplicatePairs(), dup, "<= " + config.maxDuplicatePairs(),
        "rows sharing a (prompt, completion)"));
    long invalid = total == 0 ? 0 : s.getLong(2);
    gates.add(new Gate("schema_valid", invalid <= config.maxInvalidRows(), invalid, "<= " + config.maxInvalidRows(),
        "rows breaking the gold.examples schema"));
    long train = nz(s, 3);
    double share = train == 0 ? 0 : (double) nz(s, 4) / train;
    gates.add(new Gate("synthetic_share", share >= config.syntheticShareMin() - 1e-9
        && share <= config.syntheticShareMax() + 1e-9, share,
        "in [" + config.syntheticShareMin() + ", " + config.syntheticShareMax() + "]", "synthetic share of train"));
    gates.add(new Gate("min_rows_train", train >= config.minTrainRows(), train, ">= " + config.minTrainRows(), ""));
    gates.add(new Gate("min_rows_dev", nz(s, 5) >= config.minDevRows(), nz(s, 5), ">= " + config.minDevRows(), ""));
    gates.add(new Gate("min_rows_test", nz(s, 6) >= config.minTestRows(), nz(s, 6), ">= " + config.minTestRows(), ""));
    long mutants = nz(s, 7);
    double parsed = mutants == 0 ? 1.0 : (double) nz(s, 8) / mutants;
    gates.add(new Gate("mutants_parse", parsed >= config.minMutantParseRate() - 1e-12, parsed,
        ">= " + config.minMutantParseRate(), mutants + " BugFixer rows"));
    return gates;
  }

  /** Rows that break the schema, for the report of a failed {@code schema_valid} gate. */
  public static Dataset<Row> invalidRows(Dataset<Row> rows) {
    return rows.where(expr("NOT coalesce(" + VALID_ROW + ", false)")).select(col("example_id"), col("generator"));
  }

  public static String report(List<Gate> gates) {
    StringBuilder sb = new StringBuilder("gate                 result value      threshold\n");
    for (Gate g : gates) {
      sb.append(g).append('\n');
    }
    return sb.toString();
  }

  private static long nz(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }
}
