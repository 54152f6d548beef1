package dev.lode.lakehouse;

import java.util.List;

/**
 * One stage of the flow (mine → curate → gold → train → eval, export, …): the one shape every stage has. A stage
 * names the tables it reads and writes and does its work in {@link #run}; everything around the work is done once,
 * by {@link Lakehouse#run}, for every stage:
 *
 * <ol>
 *   <li>{@link #repair} puts right what an earlier, killed run left half done (recorded as this run's writes);</li>
 *   <li>the version of every table in {@link #reads} is pinned, so the whole run sees one snapshot;</li>
 *   <li>when nothing the stage depends on changed since its last successful run (the pinned versions, its
 *       {@link #settings}, {@link #parameters} and {@link #externalInputs}), the run is skipped and recorded so;</li>
 *   <li>otherwise {@link #run} runs, reaching its tables through {@link StageRun#table}, and the run is recorded in
 *       ops.runs as ok, partial or failed with the versions it read and wrote and its counts.</li>
 * </ol>
 *
 * @param <R> what the stage reports, e.g. its counts, for the command to print
 */
public interface Stage<R> {
  /** The stage's name, as in {@code ops.runs.stage} and {@code lode <name>}. */
  String name();

  /** The tables the stage reads, pinned at the start of each run. */
  List<TableDef> reads();

  /** The tables the stage writes. */
  List<TableDef> writes();

  /** The configuration sections that change what the stage does, e.g. {@code ["curate"]}. */
  List<String> settings();

  /** What this stage object was asked to do beyond its settings (sources, a format, a round); "" for nothing. */
  default String parameters() {
    return "";
  }

  /**
   * A fingerprint of what the stage reads outside the lakehouse (the branch heads of the repositories it mines, the
   * files of a base model), so that a change there is not mistaken for "nothing changed"; "" for nothing.
   */
  default String externalInputs(Lakehouse lakehouse) throws Exception {
    return "";
  }

  /** False for stages whose output lives outside the lakehouse (an export's files), which always run. */
  default boolean skipWhenUnchanged() {
    return true;
  }

  /** Undoes what an earlier run that died half-way left behind, through {@code run}'s tables. */
  default void repair(StageRun run) throws Exception {}

  /**
   * The stage's work. Throwing records the run as failed, with the error, and the exception goes on; a run in which
   * some input failed (and was recorded where it failed) says so with {@link StageRun#partial}.
   */
  R run(StageRun run) throws Exception;

  /** A stage from a body: for one-off work that still records its writes, such as a test's fixture. */
  static <R> Stage<R> of(String name, List<TableDef> reads, List<TableDef> writes, Body<R> body) {
    return new Stage<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<TableDef> reads() {
        return reads;
      }

      @Override
      public List<TableDef> writes() {
        return writes;
      }

      @Override
      public List<String> settings() {
        return List.of();
      }

      @Override
      public boolean skipWhenUnchanged() {
        return false;
      }

      @Override
      public R run(StageRun run) throws Exception {
        return body.apply(run);
      }
    };
  }

  /** The work of a stage made with {@link #of}. */
  @FunctionalInterface
  interface Body<R> {
    R apply(StageRun run) throws Exception;
  }
}
