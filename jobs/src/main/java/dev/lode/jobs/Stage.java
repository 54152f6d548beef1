package dev.lode.jobs;

/**
 * One stage of the flow (mine → curate → gold → …) as {@code lode run} runs it on the embedded default. Each stage
 * reads tables by name and writes tables by name, and records itself in {@code ops.runs}.
 */
public interface Stage {
  /** The stage's name, as in {@code ops.runs.stage} and {@code lode <name>}. */
  String name();

  /** Runs the stage with its defaults (what {@code lode run} does). */
  StageStatus runDefault(JobContext ctx) throws Exception;
}
