package dev.lode.train.sft;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One status line for a training run: step, a bar, loss, learning rate, tokens/s, MFU and time left. On a terminal
 * it redraws in place; otherwise (a log file, Airflow) it prints a line every {@code logEvery} steps.
 */
public final class ProgressBar {
  private final PrintStream out;
  private final int total;
  private final boolean interactive;
  private final int logEvery;
  private final long start = System.nanoTime();
  private int firstStep = -1;

  public ProgressBar(PrintStream out, int total, boolean interactive, int logEvery) {
    this.out = out;
    this.total = total;
    this.interactive = interactive;
    this.logEvery = Math.max(1, logEvery);
  }

  public void update(int step, double loss, double lr, double tokensPerSecond, double mfu) {
    if (firstStep < 0) {
      firstStep = step - 1;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double perStep = elapsed / Math.max(1, step - firstStep);
    long eta = Math.round(perStep * (total - step));
    int width = 24;
    int filled = (int) Math.round((double) width * step / total);
    String line = String.format(Locale.ROOT, "step %d/%d [%s%s] loss %.4f  lr %.2e  %,.0f tok/s  MFU %.1f%%  eta %s",
        step, total, "=".repeat(filled), " ".repeat(width - filled), loss, lr, tokensPerSecond, 100 * mfu,
        duration(eta));
    if (interactive) {
      out.print("\r" + line + (step == total ? "\n" : ""));
      out.flush();
    } else if (step % logEvery == 0 || step == total) {
      out.println(line);
    }
  }

  public void message(String text) {
    if (interactive) {
      out.print("\r\033[K");
    }
    out.println(text);
  }

  private static String duration(long s) {
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
