package dev.lode.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.MineConfig;
import dev.lode.jobs.mine.CommitPlan;
import dev.lode.jobs.mine.LocalRepos;
import dev.lode.jobs.mine.MineBench;
import dev.lode.jobs.mine.MineTask;
import dev.lode.jobs.mine.MinedParts;
import dev.lode.jobs.mine.RepoUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lode bench mine}: Lode's miner core over a repository's default branch beside {@code git log -p --numstat}
 * over the same commits, in the same run. No Spark: the core runs on a thread pool the way Spark tasks run it.
 */
@Command(name = "mine", description = {
    "Lode's miner core vs `git log -p --numstat` over the default branch of a local repository.",
    "Prints both throughputs (best of --runs); the last line is one JSON object."})
final class BenchMineCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--repo", required = true, paramLabel = "PATH", description = "A local repository (bare or not).")
  Path repo;

  @Option(names = "--runs", defaultValue = "3", paramLabel = "N", description = "Runs of each side; the best counts.")
  int runs;

  @Option(names = "--threads", paramLabel = "N",
      description = "Miner threads. Default: the machine's cores, as local[*] gives Spark.")
  Integer threads;

  @Option(names = "--core-only", description = "Skip the full miner's reference figure (contents, methods, trees).")
  boolean coreOnly;

  @Option(names = "--git", defaultValue = "git", paramLabel = "PATH", description = "The git executable (the peer).")
  String git;

  @Override
  public Integer call() throws Exception {
    if (runs < 1) {
      throw new UsageException("--runs must be at least 1");
    }
    MineConfig config = options.config().mine();
    Path gitDir;
    try {
      gitDir = LocalRepos.gitDir(repo.toAbsolutePath().normalize());
    } catch (RepoUnavailableException e) {
      throw new UsageException(e.getMessage());
    }
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    CommitPlan plan;
    try (Repository r = LocalRepos.open(gitDir, config.packCacheMb())) {
      plan = CommitPlan.of(r, null, false, null, List.of());
    }
    if (plan.size() == 0) {
      throw new UsageException(repo + " has no commits on its default branch");
    }
    System.out.printf(Locale.ROOT, "lode bench mine: %s, %d commits on %s, %d threads, best of %d runs%n",
        repo, plan.size(), plan.defaultBranch() == null ? "HEAD" : plan.defaultBranch(), n, runs);

    MineBench bench = new MineBench(gitDir, plan, MineTask.sliceSize(plan.size(), n, config.commitsPerTask()), n);
    MineBench.Result core = bench.lode(config, MinedParts.DIFFS_ONLY, runs);
    System.out.printf(Locale.ROOT, "lode miner core (commits, numstat, diffs):   %8.0f commits/s  (%.2f s)  %s%n",
        core.commitsPerSecond(), core.seconds(), core.summary());
    if (!coreOnly) {
      MineBench.Result all = bench.lode(config, MinedParts.ALL, runs);
      System.out.printf(Locale.ROOT, "lode miner, all of bronze (+ contents, changed methods, trees): %8.0f "
          + "commits/s  (%.2f s)  %s%n", all.commitsPerSecond(), all.seconds(), all.summary());
    }
    MineBench.Result peer = bench.gitLog(git, runs);
    System.out.printf(Locale.ROOT, "git log -p --numstat:                        %8.0f commits/s  (%.2f s)  %s%n",
        peer.commitsPerSecond(), peer.seconds(), peer.summary());
    double ratio = core.commitsPerSecond() / peer.commitsPerSecond();
    System.out.printf(Locale.ROOT, "{\"commits\": %d, \"lode_commits_per_s\": %.1f, \"git_commits_per_s\": %.1f, "
        + "\"ratio\": %.3f}%n", plan.size(), core.commitsPerSecond(), peer.commitsPerSecond(), ratio);
    return 0;
  }
}
