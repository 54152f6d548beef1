package dev.lode.curate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The attrition funnel of one repository in one run, counted from where each commit stopped: rows_in of a step is
 * rows_out of the one before it, the first step's rows_in is every commit curated, and the last step's rows_out is
 * every commit kept. Rules never count themselves; this does, from the recorded outcomes.
 */
public final class Funnel {
  private Funnel() {}

  /** One step of the funnel. */
  public record Step(int step, String rule, long rowsIn, long rowsOut) {}

  /**
   * @param steps      the steps in order ({@link CurationRules#steps()})
   * @param total      commits curated
   * @param rejectedAt commits rejected, by the step that rejected them (steps with none may be absent)
   * @throws IllegalArgumentException when a reject reason is not a step, or more commits are rejected than curated
   */
  public static List<Step> of(List<String> steps, long total, Map<String, Long> rejectedAt) {
    for (String reason : rejectedAt.keySet()) {
      if (!steps.contains(reason)) {
        throw new IllegalArgumentException("reject reason '" + reason + "' is not a funnel step " + steps);
      }
    }
    List<Step> out = new ArrayList<>();
    long in = total;
    for (int i = 0; i < steps.size(); i++) {
      long dropped = rejectedAt.getOrDefault(steps.get(i), 0L);
      if (dropped > in) {
        throw new IllegalArgumentException("step " + steps.get(i) + " rejects " + dropped + " of " + in + " commits");
      }
      out.add(new Step(i + 1, steps.get(i), in, in - dropped));
      in -= dropped;
    }
    return out;
  }
}
