package dev.lode.config;

/** {@code curate:} settings of the curate stage; documented key by key in {@code conf/lode.yaml}. */
public record CurateConfig() {}
