package dev.lode.jobs.mine;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Mines one {@link MineTask} lazily, one commit at a time, so a task holds one commit's rows in memory rather than
 * its whole slice. A repository that cannot be opened where the task runs fails each commit with that reason.
 */
public final class SliceMiner implements Iterator<MinedCommit>, AutoCloseable {
  private final MineTask task;
  private Repository repo;
  private CommitMiner miner;
  private String openError;
  private int next;

  public SliceMiner(MineTask task) {
    this.task = task;
    try {
      repo = LocalRepos.open(Path.of(task.gitDir()), task.config().packCacheMb());
      miner = new CommitMiner(repo, task.repoId(), task.config(), task.globs(), task.parts());
    } catch (Exception e) {
      openError = "cannot open " + task.gitDir() + " where the task ran: " + CommitMiner.describe(e);
      close();
    }
  }

  @Override
  public boolean hasNext() {
    boolean more = next < task.size();
    if (!more) {
      close();
    }
    return more;
  }

  @Override
  public MinedCommit next() {
    if (next >= task.size()) {
      throw new NoSuchElementException();
    }
    int i = next++;
    String sha = task.shas()[i];
    if (openError != null) {
      return MinedCommit.failed(task.repoId(), sha, openError);
    }
    return miner.mine(ObjectId.fromString(sha), task.inMain().get(i));
  }

  @Override
  public void close() {
    if (miner != null) {
      miner.close();
      miner = null;
    }
    if (repo != null) {
      repo.close();
      repo = null;
    }
  }
}
