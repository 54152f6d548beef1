package dev.lode.train.sft;

/**
 * Told of every optimiser step and every dev evaluation as they happen, so a caller can record them as they come
 * (the lakehouse's {@code ops.train_metrics}, a dashboard) rather than only read the result at the end.
 */
public interface StepListener {
  /** Listens to nothing. */
  StepListener NONE = new StepListener() {
    @Override
    public void step(int step, double loss, double lr, double tokensPerSecond, double gradNorm) {}
  };

  /**
   * Optimiser step {@code step} (1-based) is done.
   *
   * @param loss mean loss per learned token of the step
   * @param lr the learning rate it used
   * @param tokensPerSecond row positions (padding included) per second since the run started
   * @param gradNorm the global gradient norm before clipping
   */
  void step(int step, double loss, double lr, double tokensPerSecond, double gradNorm);

  /** The dev loss per completion token after step {@code step}. */
  default void eval(int step, double devLoss) {}
}
