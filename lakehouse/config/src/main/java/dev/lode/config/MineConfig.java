package dev.lode.config;

import java.io.Serializable;

/**
 * {@code mine:} how {@code lode mine} reads git history into bronze; each key is documented in conf/lode.yaml.
 * Serializable because every mining task carries it.
 */
public record MineConfig(
    boolean allBranches,
    @Range(min = 1, max = 1_000_000) int commitsPerTask,
    @Range(min = 0, max = 1L << 30) long diffMaxBytes,
    @Range(min = 0, max = 1L << 30) long contentMaxBytes,
    @Range(min = 0, max = 1L << 31) long commitTextMaxBytes,
    @Range(min = 1024, max = 1L << 31) long bigFileThreshold,
    @Range(min = 0, max = 10_000_000) int treeMaxPaths,
    boolean changedMethods,
    @Range(min = 0, max = 1L << 30) long parseMaxBytes,
    @Range(min = 0, max = 100_000) int renameLimit,
    @Range(min = 0, max = 100) int renameScore,
    @Range(min = 8, max = 65_536) int packCacheMb,
    String cacheDir) implements Serializable {}
