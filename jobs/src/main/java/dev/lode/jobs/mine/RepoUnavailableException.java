package dev.lode.jobs.mine;

/** A repository that cannot be mined at all (missing, not git, unreadable): recorded as failed in bronze.repos. */
public final class RepoUnavailableException extends Exception {
  public RepoUnavailableException(String message) {
    super(message);
  }

  public RepoUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
