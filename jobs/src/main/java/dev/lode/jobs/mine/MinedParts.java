package dev.lode.jobs.mine;

/**
 * How much of bronze the miner computes, beside what {@code mine:} settings say: everything, or only what
 * {@code git log -p --numstat} computes (commit facts, per-file counts and diff text), which is the benchmark's core
 * mode. Not a setting: a run of {@code lode mine} always computes {@link #ALL}.
 */
public enum MinedParts {
  /** Every bronze column: contents, changed methods (as {@code mine.changed_methods} says) and trees too. */
  ALL,
  /** Commit facts, counts and diffs only: no contents, no changed methods, no tree listing. */
  DIFFS_ONLY;

  /** Whether old and new contents are kept. */
  boolean contents() {
    return this == ALL;
  }

  /** Whether each commit's tree is listed (bronze.trees). */
  boolean trees() {
    return this == ALL;
  }

  /** Whether changed methods are located; {@code mine.changed_methods} can switch them off in any case. */
  boolean changedMethods(boolean configured) {
    return this == ALL && configured;
  }
}
