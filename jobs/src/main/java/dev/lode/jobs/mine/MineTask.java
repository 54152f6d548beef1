package dev.lode.jobs.mine;

import dev.lode.config.MineConfig;
import dev.lode.mine.PathGlobs;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One Spark task's share of the work: a slice of one repository's commits, parents first, and how to mine them (the
 * {@code mine:} settings, and which parts of bronze). The task opens the repository by path ({@code gitDir} must be
 * readable where the task runs) and mines the slice.
 */
public record MineTask(String repoId, String gitDir, int slice, String[] shas, BitSet inMain, PathGlobs globs,
    MineConfig config, MinedParts parts) implements Serializable {

  /**
   * How many commits one task gets: enough tasks to keep {@code parallelism} cores busy (two per core, so a slow
   * slice does not leave a core idle at the end), but no more than {@code maxPerTask}. Bigger slices cost less: each
   * slice starts with cold caches (its first tree listing, its first parse of every file it touches).
   */
  public static int sliceSize(long totalCommits, int parallelism, int maxPerTask) {
    long even = (totalCommits + 2L * parallelism - 1) / (2L * Math.max(1, parallelism));
    return (int) Math.max(1, Math.min(maxPerTask, even));
  }

  /** Cuts a repository's planned commits into slices of at most {@code perTask}, each mined into all of bronze. */
  public static List<MineTask> slices(String repoId, String gitDir, CommitPlan plan, int perTask, PathGlobs globs,
      MineConfig config) {
    return slices(repoId, gitDir, plan, perTask, globs, config, MinedParts.ALL);
  }

  /** Cuts a repository's planned commits into slices of at most {@code perTask}, each mined into {@code parts}. */
  public static List<MineTask> slices(String repoId, String gitDir, CommitPlan plan, int perTask, PathGlobs globs,
      MineConfig config, MinedParts parts) {
    List<MineTask> out = new ArrayList<>();
    List<ObjectId> commits = plan.commits();
    for (int from = 0, slice = 0; from < commits.size(); from += perTask, slice++) {
      int to = Math.min(commits.size(), from + perTask);
      String[] shas = new String[to - from];
      BitSet inMain = new BitSet(to - from);
      for (int i = from; i < to; i++) {
        shas[i - from] = commits.get(i).name();
        if (plan.inMain().get(i)) {
          inMain.set(i - from);
        }
      }
      out.add(new MineTask(repoId, gitDir, slice, shas, inMain, globs, config, parts));
    }
    return out;
  }

  public int size() {
    return shas.length;
  }
}
