package dev.lode.config;

/** {@code gold:} settings of the gold stage; documented key by key in {@code conf/lode.yaml}. */
public record GoldConfig() {}
