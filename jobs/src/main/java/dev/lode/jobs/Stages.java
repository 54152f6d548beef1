package dev.lode.jobs;

import dev.lode.jobs.curate.CurateJob;
import dev.lode.jobs.gold.GoldJob;
import dev.lode.jobs.mine.MineJob;
import dev.lode.jobs.mine.RepoUnavailableException;
import dev.lode.lakehouse.Stage;
import java.util.List;

/** The stages {@code lode run} runs, in flow order, on the embedded default. Each new stage adds itself here. */
public final class Stages {
  private Stages() {}

  /** Mine (the repository Lode is run in) → curate → gold. */
  public static List<Stage<?>> inFlowOrder() throws RepoUnavailableException {
    return List.of(MineJob.here(), new CurateJob(), new GoldJob());
  }
}
