package dev.lode.jobs.mine;

import dev.lode.mine.PathGlobs;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One Spark task's share of the work: a slice of one repository's commits, parents first. The task opens the
 * repository by path ({@code gitDir} must be readable where the task runs) and mines the slice.
 */
public record MineTask(String repoId, String gitDir, int slice, String[] shas, BitSet inMain, PathGlobs globs,
    MineOptions options) implements Serializable {

  /** Cuts a repository's planned commits into slices of at most {@code perTask}. */
  public static List<MineTask> slices(String repoId, String gitDir, CommitPlan plan, int perTask, PathGlobs globs,
      MineOptions options) {
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
      out.add(new MineTask(repoId, gitDir, slice, shas, inMain, globs, options));
    }
    return out;
  }

  public int size() {
    return shas.length;
  }
}
