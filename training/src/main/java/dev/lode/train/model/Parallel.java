package dev.lode.train.model;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a loop over rows between a few threads for the element-wise kernels. BLAS products use OpenBLAS's own
 * threads; the two never run at the same time, so together they use the configured cores and no more.
 */
public final class Parallel {
  private static volatile int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
  private static volatile ForkJoinPool pool;

  private Parallel() {}

  /** A body run on the rows {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  /** Threads for kernels and for OpenBLAS products (the {@code train.threads} setting). */
  public static synchronized void setThreads(int n) {
    threads = Math.max(1, n);
    Blas.setThreads(threads);
    if (pool != null) {
      pool.shutdown();
      pool = null;
    }
  }

  public static int threads() {
    return threads;
  }

  /** Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} contiguous ranges. */
  public static void forRange(int n, RangeBody body) {
    int chunks = Math.min(threads, n);
    if (chunks <= 1) {
      body.run(0, n);
      return;
    }
    ForkJoinPool p = pool();
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[chunks - 1];
    for (int c = 1; c < chunks; c++) {
      int from = (int) ((long) n * c / chunks);
      int to = (int) ((long) n * (c + 1) / chunks);
      tasks[c - 1] = p.submit(() -> body.run(from, to));
    }
    body.run(0, (int) ((long) n / chunks));
    for (ForkJoinTask<?> t : tasks) {
      t.join();
    }
  }

  private static ForkJoinPool pool() {
    ForkJoinPool p = pool;
    if (p == null) {
      synchronized (Parallel.class) {
        if (pool == null) {
          pool = new ForkJoinPool(Math.max(1, threads - 1), fj -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(fj);
            t.setDaemon(true);
            t.setName("lode-kernel-" + t.getPoolIndex());
            return t;
          }, null, false);
        }
        p = pool;
      }
    }
    return p;
  }
}
