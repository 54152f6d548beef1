package dev.lode.jobs;

/** How a stage run ended, and the exit code {@code lode} returns for it. */
public enum StageStatus {
  /** Everything worked. */
  OK(0),
  /** The stage finished, but some of its input failed (recorded where it failed, e.g. bronze.repos). */
  PARTIAL(3);

  private final int exitCode;

  StageStatus(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The worse of two outcomes. */
  public StageStatus and(StageStatus other) {
    return this == PARTIAL || other == PARTIAL ? PARTIAL : OK;
  }
}
