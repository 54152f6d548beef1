package dev.lode.config;

import java.util.Map;

/** {@code spark:} how Lode's Spark session is built in the embedded mode. */
public record SparkSettings(
    String master,
    @Range(min = 1, max = 100_000) int shufflePartitions,
    @OneOf({"ALL", "DEBUG", "INFO", "WARN", "ERROR", "OFF"}) String logLevel,
    Map<String, String> conf) {}
