package dev.lode.jobs;

import java.util.List;

/** The stages {@code lode run} runs, in flow order. Each new stage adds itself here. */
public final class Stages {
  private Stages() {}

  public static List<Stage> inFlowOrder() {
    return List.of(
        new dev.lode.jobs.mine.MineStage(),
        new dev.lode.jobs.curate.CurateStage(),
        new dev.lode.jobs.gold.GoldJob()
    );
  }
}
