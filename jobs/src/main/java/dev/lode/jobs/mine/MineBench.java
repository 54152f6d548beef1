package dev.lode.jobs.mine;

import dev.lode.code.ChangedFile;
import dev.lode.config.MineConfig;
import dev.lode.mine.PathGlobs;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The measurements of {@code lode bench mine}: the miner core over a planned list of commits on a pool of threads
 * (slices as Spark tasks get them), and {@code git log -p --numstat} over the same commits with its output drained.
 */
public final class MineBench {
  private final Path gitDir;
  private final CommitPlan plan;
  private final int perTask;
  private final int threads;

  public MineBench(Path gitDir, CommitPlan plan, int perTask, int threads) {
    this.gitDir = gitDir;
    this.plan = plan;
    this.perTask = perTask;
    this.threads = threads;
  }

  /** A side's best run: commits, seconds, and what it produced (to show both did the work). */
  public record Result(long commits, double seconds, String summary) {
    public double commitsPerSecond() {
      return commits / seconds;
    }
  }

  /** Mines {@code parts} of every planned commit {@code runs} times; the fastest run counts. */
  public Result lode(MineConfig config, MinedParts parts, int runs) throws Exception {
    List<MineTask> tasks = MineTask.slices("bench", gitDir.toString(), plan, perTask, PathGlobs.ALL, config, parts);
    Result best = null;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int run = 0; run < runs; run++) {
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        List<Future<long[]>> slices = new ArrayList<>();
        for (MineTask t : tasks) {
          slices.add(pool.submit(() -> mineSlice(t)));
        }
        long[] sum = new long[5];
        for (Future<long[]> f : slices) {
          long[] p = f.get();
          for (int i = 0; i < sum.length; i++) {
            sum[i] += p[i];
          }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (sum[4] > 0) {
          throw new IllegalStateException(sum[4] + " commits failed to mine");
        }
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        String summary = String.format(Locale.ROOT, "cpu %.2f s; files %d, +%d -%d, diff chars %d", cpu, sum[1],
            sum[2], sum[3], sum[0]);
        if (best == null || s < best.seconds()) {
          best = new Result(plan.size(), s, summary);
        }
      }
    } finally {
      pool.shutdown();
    }
    return best;
  }

  /** CPU time of this process: on a busy machine it says what the work cost when wall time cannot. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long[] mineSlice(MineTask t) {
    long[] out = new long[5];
    try (SliceMiner miner = new SliceMiner(t)) {
      while (miner.hasNext()) {
        MinedCommit c = miner.next();
        if (c.error() != null) {
          out[4]++;
          continue;
        }
        for (ChangedFile f : c.files()) {
          out[0] += f.diff() == null ? 0 : f.diff().length();
          out[1]++;
          out[2] += f.addedLines();
          out[3] += f.deletedLines();
        }
      }
    }
    return out;
  }

  /** {@code git log -p --numstat <head>}, stdout drained and its commits counted, {@code runs} times. */
  public Result gitLog(String git, int runs) throws IOException, InterruptedException {
    Result best = null;
    for (int run = 0; run < runs; run++) {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(git, "--git-dir=" + gitDir, "log", "-p", "--numstat", plan.head().name())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long bytes = 0;
      long commits = 0;
      byte[] buf = new byte[1 << 16];
      boolean lineStart = true;
      try (InputStream in = p.getInputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          bytes += n;
          for (int i = 0; i < n; i++) {
            // "commit <sha>" at the start of a line opens each commit (message lines are indented).
            if (lineStart && buf[i] == 'c' && i + 7 <= n && buf[i + 6] == ' ' && buf[i + 1] == 'o') {
              commits++;
            }
            lineStart = buf[i] == '\n';
          }
        }
      }
      int rc = p.waitFor();
      double s = (System.nanoTime() - t0) / 1e9;
      if (rc != 0) {
        throw new IOException(git + " log exited with " + rc);
      }
      if (best == null || s < best.seconds()) {
        best = new Result(plan.size(), s, String.format(Locale.ROOT, "%d commits in output, %d bytes", commits, bytes));
      }
    }
    return best;
  }
}
