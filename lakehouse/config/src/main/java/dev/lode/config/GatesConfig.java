package dev.lode.config;

/**
 * {@code gates:} what {@code lode adapters promote} requires of a candidate before it becomes production, one set per
 * training stage ({@code sft} today; preference training adds its own), each with values for a user-supplied base
 * (the plans' thresholds) and for the embedded tiny base Lode pretrains itself (values it can meet).
 */
public record GatesConfig(Stage sft) {

  /** The gates of one training stage: for a base the user brought, and for Lode's embedded one. */
  public record Stage(Set user, Set embedded) {}

  /**
   * One set of gates. Losses are mean negative log-likelihood per completion token on the test split of the gold
   * version the candidate was trained on; every comparison evaluates both models on that same split and version.
   */
  public record Set(
      boolean beatsBase,
      boolean noWorseThanProduction,
      boolean devLossDecreasing,
      @Range(min = 0, max = 1) double minFormatAccuracy) {}
}
