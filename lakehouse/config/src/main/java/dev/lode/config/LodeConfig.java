package dev.lode.config;

/**
 * Every tunable of Lode, one section per stage, as written in {@code conf/lode.yaml} (keys in snake_case). Load it
 * with {@link ConfigLoader}; each section documents its keys in that file.
 */
public record LodeConfig(
    SparkSettings spark,
    MineConfig mine,
    CurateConfig curate,
    GoldConfig gold,
    TrainConfig train,
    EvalConfig eval,
    GatesConfig gates) {}
