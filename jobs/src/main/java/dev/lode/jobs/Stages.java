package dev.lode.jobs;

import dev.lode.jobs.curate.CurateJob;
import dev.lode.jobs.gold.GoldJob;
import dev.lode.jobs.mine.MineJob;
import dev.lode.jobs.mine.RepoUnavailableException;
import dev.lode.jobs.train.AdapterRef;
import dev.lode.jobs.train.AdaptersJob;
import dev.lode.jobs.train.BaseJob;
import dev.lode.jobs.train.EvalJob;
import dev.lode.jobs.train.TrainJob;
import dev.lode.lakehouse.Stage;
import java.util.List;

/**
 * The stages {@code lode run} runs, in flow order, on the embedded default: the data stages (mine the repository
 * Lode is run in → curate → gold), then the model stages (base → train → eval → promote), whose later members
 * take what the earlier ones produced ({@link Flow}). Each new stage adds itself here.
 */
public final class Stages {
  /** The adapter name {@code lode run} trains and registers. */
  public static final String DEFAULT_ADAPTER = "lode";

  private Stages() {}

  /** Mine (the repository Lode is run in) → curate → gold. */
  public static List<Stage<?>> inFlowOrder() throws RepoUnavailableException {
    return List.of(MineJob.here(), new CurateJob(), new GoldJob());
  }

  /** A base pretrained on the lakehouse's code, when there is none for the gold round. */
  public static BaseJob base() {
    return new BaseJob();
  }

  /** The default adapter on the latest gold round's train split, over the embedded base. */
  public static TrainJob train() {
    return new TrainJob(new TrainJob.Request(DEFAULT_ADAPTER, null, "latest", null, TrainJob.Per.ALL));
  }

  /** Evaluation of the adapters just trained (or standing since the train run that was skipped). */
  public static EvalJob eval(List<AdapterRef> adapters) {
    return new EvalJob(new EvalJob.Request(adapters, null));
  }

  /** Promotion of the adapter, if the gates accept it. */
  public static AdaptersJob.Promote promote(AdapterRef adapter) {
    return new AdaptersJob.Promote(adapter);
  }
}
