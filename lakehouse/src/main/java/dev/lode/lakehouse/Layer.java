package dev.lode.lakehouse;

import java.util.Locale;

/** The medallion layers of the warehouse; each is a Spark database and a directory under the warehouse root. */
public enum Layer {
  /** Raw mined facts: repositories, commits, file changes. */
  BRONZE,
  /** Curated, scored and deduplicated commits. */
  SILVER,
  /** Training examples with splits, and preference pairs. */
  GOLD,
  /** Runs, metrics, adapters, harness runs. */
  OPS;

  /** The database and directory name: {@code bronze}, {@code silver}, {@code gold}, {@code ops}. */
  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
