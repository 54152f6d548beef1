package dev.lode.jobs.mine;

import dev.lode.jobs.JobContext;
import dev.lode.jobs.Stage;
import dev.lode.jobs.StageStatus;
import java.nio.file.Path;
import java.util.List;

/** The mine stage of {@code lode run}: the repository Lode is run from, with the configured defaults. */
public final class MineStage implements Stage {
  @Override
  public String name() {
    return "mine";
  }

  @Override
  public StageStatus runDefault(JobContext ctx) throws Exception {
    RepoSource here = RepoSources.here(Path.of("").toAbsolutePath());
    return MineJob.run(ctx, List.of(here), "lode run (mine " + here.origin() + ")");
  }
}
