package dev.lode.train.sft;

/** The loss or the gradient became NaN or infinite; nothing from the bad step was saved. */
public final class TrainingDivergedException extends RuntimeException {
  public TrainingDivergedException(String message) {
    super(message);
  }
}
