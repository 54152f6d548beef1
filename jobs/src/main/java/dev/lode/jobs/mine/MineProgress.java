package dev.lode.jobs.mine;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows mining progress while it runs: on a terminal a bar redrawn in place (repositories, commits, commits/s), on
 * anything else (a log file, Airflow) a plain log line every few seconds. Counts come from Spark accumulators, which
 * the driver sees as each task ends.
 */
public final class MineProgress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MineProgress.class);
  private static final long LOG_EVERY_MS = 5_000;
  private static final long DRAW_EVERY_MS = 250;
  private static final int BAR = 30;

  private final int totalRepos;
  private final long totalCommits;
  private final LongSupplier reposDone;
  private final LongSupplier commitsDone;
  private final PrintStream terminal; // null: log lines
  private final long started = System.nanoTime();
  private final Thread thread;
  private volatile boolean stopped;

  private MineProgress(int totalRepos, long totalCommits, LongSupplier reposDone, LongSupplier commitsDone,
      PrintStream terminal) {
    this.totalRepos = totalRepos;
    this.totalCommits = totalCommits;
    this.reposDone = reposDone;
    this.commitsDone = commitsDone;
    this.terminal = terminal;
    this.thread = new Thread(this::loop, "lode-mine-progress");
    this.thread.setDaemon(true);
  }

  /** Starts reporting: a bar when a person is watching ({@code System.console() != null}), else log lines. */
  public static MineProgress start(int totalRepos, long totalCommits, LongSupplier reposDone,
      LongSupplier commitsDone) {
    PrintStream terminal = System.console() != null ? System.err : null;
    MineProgress p = new MineProgress(totalRepos, totalCommits, reposDone, commitsDone, terminal);
    p.thread.start();
    return p;
  }

  private void loop() {
    long lastLog = System.currentTimeMillis();
    while (!stopped) {
      try {
        Thread.sleep(DRAW_EVERY_MS);
      } catch (InterruptedException e) {
        return;
      }
      if (terminal != null) {
        terminal.print("\r" + line(true));
        terminal.flush();
      } else if (System.currentTimeMillis() - lastLog >= LOG_EVERY_MS) {
        LOG.info("mining: {}", line(false));
        lastLog = System.currentTimeMillis();
      }
    }
  }

  /** {@code [#####.....] repos 1/3  commits 1200/5531  850 commits/s}. */
  String line(boolean bar) {
    long commits = Math.min(commitsDone.getAsLong(), totalCommits);
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    String rate = String.format(Locale.ROOT, "%.0f commits/s", commits / seconds);
    String text = "repos " + Math.min(reposDone.getAsLong(), totalRepos) + "/" + totalRepos + "  commits " + commits
        + "/" + totalCommits + "  " + rate;
    if (!bar) {
      return text;
    }
    int filled = totalCommits == 0 ? BAR : (int) (BAR * commits / totalCommits);
    return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + text + "   ";
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (terminal != null) {
      terminal.print("\r" + line(true) + "\n");
      terminal.flush();
    }
  }
}
