package dev.lode.lakehouse;

import java.util.Locale;

/** How a stage run ended, as {@code ops.runs.status} says it, and the exit code {@code lode} returns for it. */
public enum StageStatus {
  /** Everything worked. */
  OK(0),
  /** Nothing the stage depends on changed since its last successful run, so it did not run again. */
  SKIPPED(0),
  /** The stage finished, but some of its input failed (recorded where it failed, e.g. bronze.repos). */
  PARTIAL(3);

  private final int exitCode;

  StageStatus(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The worse of two outcomes: partial over ok, ok over skipped. */
  public StageStatus and(StageStatus other) {
    return this == PARTIAL || other == PARTIAL ? PARTIAL : this == OK || other == OK ? OK : SKIPPED;
  }

  /** The word in ops.runs.status. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
