package dev.lode.train.registry;

import dev.lode.config.GatesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks {@code lode adapters promote} makes before a candidate adapter becomes production, as
 * {@code gates.<stage>.<user|embedded>} configures them. Every loss compared here was measured on the same split of
 * the same gold version (the candidate's), so the comparisons are like for like.
 */
public final class PromotionGates {
  private PromotionGates() {}

  /** The gate names, as refusals name them. */
  public static final String BEATS_BASE = "beats_base";
  public static final String NO_WORSE_THAN_PRODUCTION = "no_worse_than_production";
  public static final String DEV_LOSS_DECREASING = "dev_loss_decreasing";
  public static final String MIN_FORMAT_ACCURACY = "min_format_accuracy";

  /** The last share of training over which the dev loss must fall. */
  public static final double TREND_WINDOW = 0.2;

  /** One dev-loss measurement during training. */
  public record DevPoint(int step, double loss) {}

  /**
   * What the gates look at. {@code productionTestLoss} is null when the name has no production version yet;
   * {@code formatAccuracy} is null when no answer in a patch format was generated.
   */
  public record Evidence(double testLoss, double baseTestLoss, Double productionTestLoss, List<DevPoint> devLosses,
      int steps, Double formatAccuracy) {}

  /** One gate's verdict. */
  public record Verdict(String gate, boolean passed, String detail) {}

  /** Every enabled gate's verdict, in a fixed order; a candidate is promoted only when all pass. */
  public static List<Verdict> check(GatesConfig.Set gates, Evidence e) {
    List<Verdict> out = new ArrayList<>();
    if (gates.beatsBase()) {
      out.add(new Verdict(BEATS_BASE, e.testLoss() < e.baseTestLoss(),
          f("test loss %.4f vs base %.4f", e.testLoss(), e.baseTestLoss())));
    }
    if (gates.noWorseThanProduction()) {
      out.add(e.productionTestLoss() == null
          ? new Verdict(NO_WORSE_THAN_PRODUCTION, true, "no production version yet")
          : new Verdict(NO_WORSE_THAN_PRODUCTION, e.testLoss() <= e.productionTestLoss(),
              f("test loss %.4f vs production %.4f", e.testLoss(), e.productionTestLoss())));
    }
    if (gates.devLossDecreasing()) {
      double[] trend = devTrend(e.devLosses(), e.steps());
      out.add(trend == null
          ? new Verdict(DEV_LOSS_DECREASING, false, "fewer than two dev-loss measurements (train.eval_every)")
          : new Verdict(DEV_LOSS_DECREASING, trend[1] < trend[0],
              f("dev loss %.4f at the start of the last %d%% of training, %.4f at the end", trend[0],
                  Math.round(TREND_WINDOW * 100), trend[1])));
    }
    if (gates.minFormatAccuracy() > 0) {
      out.add(e.formatAccuracy() == null
          ? new Verdict(MIN_FORMAT_ACCURACY, true, "no patch-format answers generated; not measured")
          : new Verdict(MIN_FORMAT_ACCURACY, e.formatAccuracy() >= gates.minFormatAccuracy(),
              f("format accuracy %.2f vs required %.2f", e.formatAccuracy(), gates.minFormatAccuracy())));
    }
    return out;
  }

  /**
   * The dev loss at the start and at the end of the last {@link #TREND_WINDOW} of {@code steps}: the latest
   * measurement at or before the window's first step (the first measurement when none is that early), and the last
   * measurement. Null with fewer than two measurements.
   */
  public static double[] devTrend(List<DevPoint> points, int steps) {
    if (points == null || points.size() < 2) {
      return null;
    }
    List<DevPoint> sorted = points.stream().sorted((a, b) -> Integer.compare(a.step(), b.step())).toList();
    double windowStart = steps * (1 - TREND_WINDOW);
    DevPoint start = sorted.get(0);
    for (DevPoint p : sorted.subList(0, sorted.size() - 1)) {
      if (p.step() <= windowStart) {
        start = p;
      }
    }
    return new double[] {start.loss(), sorted.get(sorted.size() - 1).loss()};
  }

  /** The first failed verdict, or null when all passed. */
  public static Verdict firstFailure(List<Verdict> verdicts) {
    return verdicts.stream().filter(v -> !v.passed()).findFirst().orElse(null);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
