package dev.lode.config;

/**
 * {@code eval:} how {@code lode eval} measures an adapter against its base on the chronological dev and test splits
 * of the gold round it was trained on: loss and perplexity on completion tokens over a bounded sample, and greedy
 * generation on a smaller sample of test prompts.
 */
public record EvalConfig(
    @Range(min = 1, max = 10_000_000) int maxRows,
    @Range(min = 0, max = 1_000_000) int generate,
    @Range(min = 1, max = 1 << 20) int maxNewTokens) {}
