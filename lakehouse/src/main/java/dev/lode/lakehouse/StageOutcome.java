package dev.lode.lakehouse;

/**
 * What {@link Lakehouse#run} returns: how the run ended, and the stage's report ({@code null} when skipped, in which
 * case {@code skippedSince} names the run whose results still stand).
 */
public record StageOutcome<R>(String runId, StageStatus status, R result, String skippedSince) {
  public boolean skipped() {
    return status == StageStatus.SKIPPED;
  }
}
