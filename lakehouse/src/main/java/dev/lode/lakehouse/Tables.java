package dev.lode.lakehouse;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * The table catalogue: every Lode table, its one schema and its natural key. Writers, readers and tests all take
 * schemas from here. A table lives at {@code <warehouse>/<layer>/<name>} and is known to Spark SQL as
 * {@code <layer>.<name>}.
 */
public final class Tables {
  private Tables() {}

  private static final ArrayType STRINGS = createArrayType(StringType, false);

  /**
   * One chat message: role (system, user, assistant) and content. Fields inside arrays are nullable because Delta
   * cannot enforce nested NOT NULL; gold's schema_valid gate checks them instead.
   */
  public static final StructType CHAT_MESSAGE = createStructType(List.of(
      createStructField("role", StringType, true),
      createStructField("content", StringType, true)));

  // ---------------------------------------------------------------- bronze: raw mined facts

  public static final TableDef BRONZE_REPOS = TableDef.in(Layer.BRONZE, "repos",
          "One row per mined repository: where it came from, how far it has been mined, and whether that worked.")
      .required("repo_id", StringType, "Stable id: the repository's name and a hash of its normalized origin")
      .required("name", StringType, "Short name: the last path segment of the origin, without .git")
      .required("origin", StringType, "Local path or URL the repository was mined from, as normalized")
      .optional("domain", StringType, "Domain label from the repos file (e.g. web, data, cli); null if none given")
      .optional("default_branch", StringType, "Branch mined by default (HEAD's target); null for an empty repository")
      .optional("head_sha", StringType, "Commit the default branch pointed at when mined")
      .optional("license", StringType, "SPDX id detected from LICENSE/COPYING at head; null if none recognised")
      .optional("last_mined_sha", StringType, "Watermark: the head that has been mined completely; reruns start here")
      .optional("commits_mined", LongType, "Commits of this repository in bronze.commits after the run")
      .required("mined_at", TimestampType, "When the repository was last mined (UTC)")
      .required("status", StringType, "ok | partial (some commits or files failed, see error) | failed (nothing mined)")
      .optional("error", StringType, "Why the repository or some of its commits failed; null when status is ok")
      .required("shallow", BooleanType, "A shallow clone: history stops at its shallow commits, mined as roots")
      .optional("mined_heads", STRINGS, "Every branch tip mined (with --all-branches): the watermark of each branch")
      .keys("repo_id")
      .build();

  public static final TableDef BRONZE_COMMITS = TableDef.in(Layer.BRONZE, "commits",
          "One row per commit reachable from the mined branches; each commit once per repository.")
      .required("repo_id", StringType, "Repository (bronze.repos.repo_id)")
      .required("sha", StringType, "Commit id, 40 hex digits")
      .required("parents", STRINGS, "Parent commit ids, first parent first")
      .required("is_merge", BooleanType, "More than one parent")
      .optional("author_name", StringType, "Author name as recorded")
      .optional("author_email", StringType, "Author e-mail; never copied out of bronze")
      .required("author_time", TimestampType, "Author date (UTC)")
      .required("author_tz_offset_min", IntegerType, "Author's time-zone offset from UTC, in minutes")
      .optional("committer_name", StringType, "Committer name as recorded")
      .optional("committer_email", StringType, "Committer e-mail; never copied out of bronze")
      .required("commit_time", TimestampType, "Commit date (UTC)")
      .required("commit_tz_offset_min", IntegerType, "Committer's time-zone offset from UTC, in minutes")
      .required("message", StringType, "Full message, stripped, decoded with the commit's encoding (invalid bytes replaced)")
      .required("subject", StringType, "Subject as git log --format=%s: the first paragraph of the message on one line")
      .required("files_changed", IntegerType, "Rows of bronze.file_changes for this commit (0 for merges, whose "
          + "changes are counted where they were made: PyDriller gives merges no modified files)")
      .required("insertions", IntegerType, "Lines added: the sum of its file_changes.added_lines")
      .required("deletions", IntegerType, "Lines deleted: the sum of its file_changes.deleted_lines")
      .required("in_main_branch", BooleanType, "Reachable from the default branch")
      .keys("repo_id", "sha")
      .build();

  public static final TableDef BRONZE_FILE_CHANGES = TableDef.in(Layer.BRONZE, "file_changes",
          "One row per file a non-merge commit changes against its parent, with diff, contents and touched methods.")
      .required("repo_id", StringType, "Repository (bronze.repos.repo_id)")
      .required("sha", StringType, "Commit (bronze.commits.sha)")
      .required("path", StringType, "new_path, or old_path for a deletion: unique within a commit")
      .required("change_type", StringType, "ADD | MODIFY | DELETE | RENAME | COPY, as git log -M (a deleted file "
          + "that several added files resemble gives one RENAME and then COPY)")
      .optional("old_path", StringType, "Path before the change; null for ADD")
      .optional("new_path", StringType, "Path after the change; null for DELETE")
      .optional("language", StringType, "Programming language from the file name (python, java, …); null if none")
      .required("is_binary", BooleanType, "Binary content (git's rule: a NUL byte in the first 8000 bytes, or a "
          + "blob over mine.big_file_threshold, which is never read)")
      .required("is_test", BooleanType, "A test file by its path and name")
      .required("added_lines", IntegerType, "Lines added, as git log --numstat (0 for binary)")
      .required("deleted_lines", IntegerType, "Lines deleted, as git log --numstat (0 for binary)")
      .optional("diff", StringType, "Unified diff hunks of the file (from the first @@, as PyDriller), capped at "
          + "mine.diff_max_bytes; null for binary")
      .optional("old_content", StringType, "Text before; null for ADD, binary, or over mine.content_max_bytes")
      .optional("new_content", StringType, "Text after; null for DELETE, binary, or over mine.content_max_bytes")
      .required("truncated", BooleanType, "The diff was cut, or a content or the methods left out for size")
      .required("changed_methods", STRINGS, "Functions and methods whose lines the diff touches (tree-sitter), "
          + "qualified as Class.method")
      .optional("error", StringType, "Why the file could not be read (e.g. a missing blob); its counts are then 0")
      .keys("repo_id", "sha", "path")
      .build();

  public static final TableDef BRONZE_TREES = TableDef.in(Layer.BRONZE, "trees",
          "The file paths in each mined commit's tree: what tests exist, and what an agent sees when it localizes.")
      .required("repo_id", StringType, "Repository (bronze.repos.repo_id)")
      .required("sha", StringType, "Commit (bronze.commits.sha)")
      .required("path_count", IntegerType, "Files in the tree (submodules included, as git ls-tree -r)")
      .required("paths", STRINGS, "File paths, sorted; capped at mine.tree_max_paths")
      .required("truncated", BooleanType, "paths holds fewer than path_count entries")
      .keys("repo_id", "sha")
      .build();

  // ---------------------------------------------------------------- silver: curated commits

  // Everything inside an array's structs is nullable: Delta refuses NOT NULL constraints nested in arrays or maps.

  /** One curation rule's verdict on one commit. */
  public static final StructType RULE_OUTCOME = createStructType(List.of(
      createStructField("rule", StringType, true),
      createStructField("passed", BooleanType, true),
      createStructField("score", DoubleType, true),
      createStructField("detail", StringType, true)));

  public static final TableDef SILVER_COMMIT_SCORES = TableDef.in(Layer.SILVER, "commit_scores",
          "Every bronze commit once, with each curation rule's outcome; rejected commits stay here with their reason.")
      .required("repo_id", StringType, "Repository")
      .required("sha", StringType, "Commit")
      .required("commit_time", TimestampType, "Commit date (UTC)")
      .required("rules", createArrayType(RULE_OUTCOME, false),
          "Outcomes in rule order: every commit rule; message and content rules only for commits that passed all "
              + "commit rules; dedup_exact and dedup_near only for commits that passed every rule")
      .required("kept", BooleanType, "Passed every rule and survived deduplication")
      .optional("reject_reason", StringType, "The first rule that failed, or dedup_exact / dedup_near; null if kept")
      .required("run_id", StringType, "Curation run that scored it (ops.runs.run_id)")
      .optional("change_hash", StringType,
          "Exact-duplicate fingerprint of the change (whitespace-insensitive before/after); null if it never reached dedup")
      .optional("minhash", createArrayType(IntegerType, false),
          "MinHash signature of the change's added and removed lines, kept so later runs need not recompute it")
      .optional("cluster_id", StringType, "Deduplication cluster (silver.dedup_clusters); null if it never reached dedup")
      .keys("repo_id", "sha")
      .build();

  public static final TableDef SILVER_FUNNEL = TableDef.in(Layer.SILVER, "funnel",
          "Attrition per run, repository and rule: rows_out of a rule is rows_in of the next.")
      .required("run_id", StringType, "Curation run")
      .required("repo_id", StringType, "Repository")
      .required("step", IntegerType, "Position of the rule in the pipeline, from 1")
      .required("rule", StringType, "Rule name")
      .required("rows_in", LongType, "Commits that reached the rule")
      .required("rows_out", LongType, "Commits that passed it")
      .keys("run_id", "repo_id", "rule")
      .build();

  /** One file of a curated example. */
  public static final StructType EXAMPLE_FILE = createStructType(List.of(
      createStructField("path", StringType, true),
      createStructField("language", StringType, true),
      createStructField("change_type", StringType, true),
      createStructField("before", StringType, true),
      createStructField("after", StringType, true),
      createStructField("diff", StringType, true),
      createStructField("changed_methods", createArrayType(StringType, true), true)));

  public static final TableDef SILVER_EXAMPLES = TableDef.in(Layer.SILVER, "examples",
          "Kept commits as examples: the cleaned instruction and the files before and after.")
      .required("repo_id", StringType, "Repository")
      .required("sha", StringType, "Commit")
      .optional("parent_sha", StringType, "First parent: the tree the change applies to")
      .required("commit_time", TimestampType, "Commit date (UTC)")
      .optional("language", StringType, "Main language of the changed source files")
      .optional("domain", StringType, "Domain label of the repository")
      .optional("license", StringType, "SPDX license of the repository")
      .required("instruction", StringType,
          "Subject and body, cleaned of trailers, sign-offs and issue noise; secrets and e-mails redacted")
      .required("files", createArrayType(EXAMPLE_FILE, false),
          "Changed text files (generated, vendored and lock files left out): before, after, diff, methods")
      .required("test_files", STRINGS, "Changed paths that are tests")
      .required("source_files", STRINGS, "Changed paths that are source, not tests")
      .required("message_score", DoubleType, "Message quality score in [0, 1]")
      .required("quality", DoubleType,
          "Overall quality in [0, 1]: 0.4 message_score + 0.3 test evidence score + 0.3 diff size score")
      .required("cluster_id", StringType, "Deduplication cluster (silver.dedup_clusters); its own id if unique")
      .required("keywords", STRINGS, "Keywords of the instruction (Spark-NLP YAKE), best first")
      .required("test_evidence", StringType,
          "changed (the commit adds tests) | module (a changed module has tests) | unchecked (rule switched off)")
      .keys("repo_id", "sha")
      .build();

  /** A commit dropped as a duplicate of a cluster's kept commit. */
  public static final StructType DROPPED_DUPLICATE = createStructType(List.of(
      createStructField("repo_id", StringType, true),
      createStructField("sha", StringType, true),
      createStructField("similarity", DoubleType, true)));

  public static final TableDef SILVER_DEDUP_CLUSTERS = TableDef.in(Layer.SILVER, "dedup_clusters",
          "Groups of the same change: the earliest commit is kept, the rest dropped.")
      .required("cluster_id", StringType, "Cluster id")
      .required("kind", StringType, "exact | near")
      .required("kept_repo_id", StringType, "Repository of the kept commit")
      .required("kept_sha", StringType, "The kept (earliest) commit")
      .required("dropped", createArrayType(DROPPED_DUPLICATE, false), "Dropped commits and their similarity")
      .required("run_id", StringType, "Curation run")
      .keys("cluster_id")
      .build();

  // ---------------------------------------------------------------- gold: training examples

  /** One validation check on a gold row. */
  public static final StructType VALIDATION_CHECK = createStructType(List.of(
      createStructField("check", StringType, true),
      createStructField("passed", BooleanType, true),
      createStructField("detail", StringType, true)));

  private static final DataType CHAT = createArrayType(CHAT_MESSAGE, false);

  public static final TableDef GOLD_EXAMPLES = TableDef.in(Layer.GOLD, "examples",
          "Training examples, real and synthetic, in chat form, with a chronological split.")
      .required("example_id", StringType, "Stable id of the example")
      .optional("parent_id", StringType, "The real example a synthetic one derives from; null for real ones")
      .required("origin", StringType, "real | synthetic")
      .required("task", StringType, "edit | bugfix | testgen | localize | apply_patch | convert_patch | revert_patch")
      .required("generator", StringType, "What produced it: real, bug_fixer, test_writer, localization, patch_variants")
      .required("edit_format", StringType, "whole_file | unified_diff | search_replace | none (e.g. localization)")
      .optional("language", StringType, "Programming language")
      .optional("domain", StringType, "Domain label")
      .required("repo_id", StringType, "Repository")
      .required("sha", StringType, "Commit")
      .required("commit_time", TimestampType, "Commit date (UTC)")
      .required("split", StringType, "train | dev | test")
      .required("prompt", CHAT, "Chat messages: system, user")
      .required("completion", StringType, "Assistant message")
      .required("tokens", IntegerType, "Approximate token count of prompt and completion")
      .required("quality", DoubleType, "Quality score in [0, 1]")
      .required("validation", createArrayType(VALIDATION_CHECK, false), "What was checked, and the result")
      .optional("caught_by_tests", BooleanType, "Whether the repository's tests catch the mutant; null until run")
      .required("round", IntegerType, "Gold round the row belongs to; a round's rows are its training set")
      .optional("replay_of", StringType, "For a row replayed from an earlier round: the example_id it copies")
      .required("eval_only", BooleanType, "True for synthetic rows generated from dev/test commits for evaluation "
          + "only; never trained on (never in train, never exported); false for every other row")
      .keys("example_id")
      .build();

  public static final TableDef GOLD_PAIRS = TableDef.in(Layer.GOLD, "pairs",
          "Preference pairs for DPO: the real fix chosen over a plausible wrong one.")
      .required("pair_id", StringType, "Stable id")
      .required("example_id", StringType, "The real example the pair comes from")
      .required("prompt", CHAT, "Chat messages: system, user")
      .required("chosen", StringType, "Preferred completion (the real fix)")
      .required("rejected", StringType, "Dispreferred completion (e.g. another validated mutant)")
      .required("source", StringType, "How the rejected completion was made")
      .required("split", StringType, "train | dev | test")
      .required("round", IntegerType, "Gold round that produced it")
      .keys("pair_id")
      .build();

  // ---------------------------------------------------------------- ops: runs and metrics

  public static final TableDef OPS_RUNS = TableDef.in(Layer.OPS, "runs",
          "One row per stage run: what it read and wrote (Delta versions), how many rows, and how it ended.")
      .required("run_id", StringType, "Run id, shared by the stages of one `lode run`")
      .required("stage", StringType, "mine | curate | gold | export | train | …")
      .required("started_at", TimestampType, "Start (UTC)")
      .required("ended_at", TimestampType, "End (UTC)")
      .required("status", StringType, "ok | partial (some input failed; see error) | failed | skipped (nothing it "
          + "depends on changed since skipped_since)")
      .required("input_versions", createMapType(StringType, LongType, false), "Table → Delta version read")
      .required("output_versions", createMapType(StringType, LongType, false), "Table → Delta version written")
      .required("row_counts", createMapType(StringType, LongType, false), "Named counts (rows read, written, …)")
      .required("config_fingerprint", StringType, "Fingerprint of the effective configuration")
      .optional("args", StringType, "Command line of the stage")
      .optional("error", StringType, "Why it failed or was partial")
      .optional("inputs_key", StringType, "Fingerprint of what the stage depends on besides its pinned tables: its "
          + "settings, parameters and external inputs (e.g. repository heads)")
      .optional("skipped_since", StringType, "For a skipped run: the run whose results still stand")
      .keys("run_id", "stage")
      .build();

  public static final TableDef OPS_MODELS = TableDef.in(Layer.OPS, "models",
          "Base models Lode pretrained on the lakehouse's code, one row per model; adapters name theirs by sha256.")
      .required("model_id", StringType, "Preset, round and the first 12 hex digits of the weights' sha256")
      .required("preset", StringType, "Model shape (train.base.preset)")
      .required("path", StringType, "Hugging Face model directory (immutable)")
      .required("sha256", StringType, "sha256 of model.safetensors, checked on every load")
      .required("round", IntegerType, "Gold round whose train cutoff bounds the code it read")
      .required("cutoff", TimestampType, "Only file contents of commits dated before this were read (UTC)")
      .required("source_version", LongType, "bronze.file_changes Delta version read")
      .required("files", LongType, "Files (new_content of file changes) it learned from")
      .required("chars", LongType, "Characters of them")
      .required("steps", IntegerType, "Optimiser steps")
      .required("final_loss", DoubleType, "Training loss at the last step")
      .required("run_id", StringType, "The ops.runs run that trained it")
      .required("created_at", TimestampType, "When (UTC)")
      .keys("model_id")
      .build();

  public static final TableDef OPS_ADAPTERS = TableDef.in(Layer.OPS, "adapters",
          "The adapter registry: one row per adapter version, its data lineage, metrics and status.")
      .required("adapter_id", StringType, "NAME@VERSION")
      .required("name", StringType, "Adapter name (e.g. lode, lode-python)")
      .required("version", IntegerType, "1, 2, … per name; a version is never deleted")
      .required("status", StringType, "trained | evaluating (evaluated, a candidate) | production | retired")
      .optional("scope", StringType, "What it specialises in: language=python, task=bugfix, or null for all rows")
      .required("base_path", StringType, "Base model directory")
      .required("base_sha256", StringType, "sha256 of the base's model.safetensors")
      .required("base_kind", StringType, "embedded (Lode pretrained it; see ops.models) | user (--base DIR)")
      .required("source_table", StringType, "Table it learned from (gold.examples)")
      .required("source_version", LongType, "Delta version of that table it read (time travel reproduces its rows)")
      .optional("predicate", StringType, "SQL predicate on gold.examples it was trained with, besides round/split")
      .required("round", IntegerType, "Gold round whose train split it learned from")
      .required("row_count", LongType, "Train rows read")
      .required("replay_rows", LongType, "Of them, rows gold replayed from earlier rounds")
      .required("hyperparameters", StringType, "train settings and train.lora, as JSON")
      .optional("metrics", createMapType(StringType, DoubleType, true), "Headline metrics (train loss, dev loss, "
          + "test loss, …), filled by training and lode eval")
      .required("path", StringType, "PEFT adapter directory (immutable)")
      .required("adapter_sha256", StringType, "sha256 of adapter_model.safetensors, checked on every load")
      .optional("parent_version", IntegerType, "The version current (production) when this one was trained")
      .optional("replaced_version", IntegerType, "On promotion: the production version this one replaced (rollback "
          + "makes it current again)")
      .required("run_id", StringType, "The ops.runs run that trained it")
      .required("created_at", TimestampType, "When (UTC)")
      .optional("status_changed_at", TimestampType, "Last status change (UTC)")
      .keys("adapter_id")
      .build();

  public static final TableDef OPS_TRAIN_METRICS = TableDef.in(Layer.OPS, "train_metrics",
          "One row per optimiser step of a training run (base or adapter), with the dev loss where it was measured.")
      .required("run_id", StringType, "The ops.runs run")
      .required("target", StringType, "adapter_id, or the model_id of a base being pretrained")
      .required("step", IntegerType, "Optimiser step, from 1")
      .required("loss", DoubleType, "Mean training loss per learned token")
      .required("lr", DoubleType, "Learning rate applied")
      .required("tokens_per_s", DoubleType, "Throughput so far")
      .required("grad_norm", DoubleType, "Global gradient L2 norm before clipping")
      .optional("dev_loss", DoubleType, "Mean dev loss per completion token, every train.eval_every steps")
      .keys("run_id", "target", "step")
      .build();

  public static final TableDef OPS_TRAIN_SKIPS = TableDef.in(Layer.OPS, "train_skips",
          "Records a training run skipped, counted by reason (never silently cut or fatal).")
      .required("run_id", StringType, "The ops.runs run")
      .required("target", StringType, "adapter_id or model_id")
      .required("reason", StringType, "template_refused | assistant_not_verbatim | no_learned_tokens | "
          + "longer_than_seq_len | …")
      .required("count", LongType, "Records skipped for this reason")
      .required("examples", createArrayType(StringType, false), "The first few record ids")
      .keys("run_id", "target", "reason")
      .build();

  public static final TableDef OPS_EVALS = TableDef.in(Layer.OPS, "evals",
          "Evaluation results: one row per (model, split, metric), base and adapter on the same gold version.")
      .required("run_id", StringType, "The ops.runs run")
      .required("subject", StringType, "adapter_id, or base:<sha256 of the base's weights> for the base's rows")
      .required("kind", StringType, "adapter | base")
      .required("split", StringType, "dev | test")
      .required("metric", StringType, "loss | perplexity | rows | exact_match | format_accuracy (the answer "
          + "parses) | patch_applies | patch_equals_after | localization_score | tokens_per_s")
      .required("value", DoubleType, "The value")
      .required("n", LongType, "Rows (or tokens, for loss) it is over")
      .required("source_version", LongType, "gold.examples Delta version evaluated on")
      .required("round", IntegerType, "Gold round evaluated on")
      .required("selection", StringType, "The rows' predicate besides round and split (the adapter's predicate and "
          + "scope; 'all' for none): base and adapter rows with the same selection compare like for like")
      .required("evaluated_at", TimestampType, "When (UTC)")
      .keys("run_id", "subject", "split", "metric", "selection")
      .build();

  /** Every table, in flow order. */
  public static List<TableDef> all() {
    return List.of(BRONZE_REPOS, BRONZE_COMMITS, BRONZE_FILE_CHANGES, BRONZE_TREES,
        SILVER_COMMIT_SCORES, SILVER_FUNNEL, SILVER_EXAMPLES, SILVER_DEDUP_CLUSTERS,
        GOLD_EXAMPLES, GOLD_PAIRS,
        OPS_RUNS, OPS_MODELS, OPS_ADAPTERS, OPS_TRAIN_METRICS, OPS_TRAIN_SKIPS, OPS_EVALS);
  }

  /** The table called {@code layer.name}, if the catalogue has it. */
  public static Optional<TableDef> byName(String qualifiedName) {
    return all().stream().filter(t -> t.qualifiedName().equalsIgnoreCase(qualifiedName)).findFirst();
  }
}
