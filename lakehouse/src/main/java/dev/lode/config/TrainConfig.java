package dev.lode.config;

/** {@code train:} settings of the train stage; documented key by key in {@code conf/lode.yaml}. */
public record TrainConfig() {}
