package dev.lode.jobs;

import dev.lode.config.LodeConfig;
import dev.lode.lakehouse.Warehouse;
import org.apache.spark.sql.SparkSession;

/** What every stage job runs with: the session, the warehouse, the effective configuration and the run id. */
public record JobContext(SparkSession spark, Warehouse warehouse, LodeConfig config, String runId) {}
