package dev.lode.config;

/** {@code mine:} how {@code lode mine} reads git history into bronze. */
public record MineConfig(
    boolean allBranches,
    @Range(min = 1, max = 1_000_000) int commitsPerTask,
    @Range(min = 0, max = 1L << 30) long diffMaxBytes,
    @Range(min = 0, max = 1L << 30) long contentMaxBytes,
    String cacheDir) {}
