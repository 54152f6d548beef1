package dev.lode.config;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * {@code gold:} how {@code lode gold} turns curated commits into training examples: edit formats and token budget,
 * the synthetic generators and their factor, the chronological split, decontamination, the mix controls (domain cap,
 * replay) and the quality gates. Every key is documented in {@code conf/lode.yaml}. The names of edit formats,
 * generators and mutation kinds are checked where they are defined (a {@link ConfigCheck} of the udfs module).
 */
public record GoldConfig(
    @Range(min = 0) long seed,
    List<String> editFormats,
    @Range(min = 256, max = 1_000_000) int tokenBudget,
    @Range(min = 0, max = 10_000) int contextLines,
    Synthetic synthetic,
    Split split,
    Decontamination decontamination,
    Mix mix,
    Gates gates) implements Serializable {

  public GoldConfig {
    if (editFormats != null && editFormats.isEmpty()) {
      throw new ConfigException("gold.edit_formats", "needs at least one format");
    }
  }

  /** {@code gold.synthetic:} the generators that upsample each real example. */
  public record Synthetic(
      @Range(min = 0, max = 64) double factor,
      List<String> generators,
      Map<String, Double> weights,
      List<String> mutationKinds,
      @Range(min = 1, max = 100) double oversample,
      @Range(min = 1, max = 100_000) int maxTreePaths) implements Serializable {

    public Synthetic {
      if (generators != null && weights != null) {
        for (Map.Entry<String, Double> w : weights.entrySet()) {
          if (w.getValue() == null || !(w.getValue() >= 0)) {
            throw new ConfigException("gold.synthetic.weights." + w.getKey(), "must be a number >= 0");
          }
        }
        for (String g : weights.keySet()) {
          if (!generators.contains(g)) {
            throw new ConfigException("gold.synthetic.weights." + g, "names no generator listed in gold.synthetic.generators");
          }
        }
      }
    }
  }

  /**
   * {@code gold.split:} the chronological split, and which synthetic rows dev and test hold: none by default, or
   * ordinary ones ({@code synthetic_in_eval}); with {@code eval_only_synthetic} (the default, when
   * {@code synthetic_in_eval} is false) dev and test commits also get synthetic rows marked {@code eval_only}, for
   * evaluation and never exported for training.
   */
  public record Split(
      @Range(min = 0.01, max = 1) double train,
      @Range(min = 0, max = 0.99) double dev,
      @Nullable String trainEnd,
      @Nullable String devEnd,
      boolean syntheticInEval,
      boolean evalOnlySynthetic) implements Serializable {

    public Split {
      if (train + dev > 1.0 + 1e-9) {
        throw new ConfigException("gold.split.dev", "train + dev must not exceed 1 (the rest is test); got "
            + train + " + " + dev);
      }
      LocalDate t = date("gold.split.train_end", trainEnd);
      LocalDate d = date("gold.split.dev_end", devEnd);
      if ((t == null) != (d == null)) {
        throw new ConfigException(t == null ? "gold.split.train_end" : "gold.split.dev_end",
            "give both train_end and dev_end, or neither (then quantiles are used)");
      }
      if (t != null && !t.isBefore(d)) {
        throw new ConfigException("gold.split.dev_end", "must be after gold.split.train_end (" + trainEnd + ")");
      }
    }

    /** True when explicit dates replace the quantile cutoffs. */
    public boolean explicitDates() {
      return trainEnd != null;
    }

    private static LocalDate date(String key, String value) {
      if (value == null) {
        return null;
      }
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new ConfigException(key, "expected a date like 2024-06-30, got '" + value + "'");
      }
    }
  }

  /** {@code gold.decontamination:} near-duplicate removal across splits. */
  public record Decontamination(
      boolean enabled,
      @Range(min = 0.5, max = 1) double threshold) implements Serializable {}

  /** {@code gold.mix:} the mix controls from the plan. */
  public record Mix(
      @Range(min = 0.01, max = 1) double domainCap,
      @Range(min = 0, max = 0.9) double replayShare) implements Serializable {}

  /** {@code gold.gates:} thresholds that a round must meet before it is written. */
  public record Gates(
      @Range(min = 0) long maxDuplicatePairs,
      @Range(min = 0) long maxInvalidRows,
      @Range(min = 0, max = 1) double syntheticShareMin,
      @Range(min = 0, max = 1) double syntheticShareMax,
      @Range(min = 0) long minTrainRows,
      @Range(min = 0) long minDevRows,
      @Range(min = 0) long minTestRows,
      @Range(min = 0, max = 1) double minMutantParseRate) implements Serializable {

    public Gates {
      ConfigException.requireOrdered("gold.gates", "synthetic_share_min", syntheticShareMin, "synthetic_share_max",
          syntheticShareMax);
    }
  }
}
