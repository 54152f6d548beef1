package dev.lode.jobs.mine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.eclipse.jgit.util.FS;

/**
 * Opens repositories on local (or mounted) disk: the driver when it plans, each executor when it mines a slice.
 * Repositories are shared per JVM through JGit's {@link RepositoryCache}, so the tasks of one executor read the
 * same pack indexes.
 */
public final class LocalRepos {
  private LocalRepos() {}

  private static volatile int packCacheMb = -1;

  static {
    NoGitCliSystemReader.install(); // JGit only: no git process, whatever the machine has installed
  }

  /**
   * The git directory of {@code path}: a work tree's {@code .git} (a directory, or a file pointing elsewhere, as in
   * linked work trees and submodule checkouts) or a bare repository. No searching upwards: a path inside a
   * repository is not that repository.
   */
  public static Path gitDir(Path path) throws RepoUnavailableException {
    if (!Files.exists(path)) {
      throw new RepoUnavailableException("no such path: " + path);
    }
    if (!Files.isDirectory(path)) {
      throw new RepoUnavailableException("not a directory: " + path);
    }
    if (Files.exists(path.resolve(".git"))) {
      try {
        Repository r = new FileRepositoryBuilder().setWorkTree(path.toFile()).setMustExist(true).build();
        File dir = r.getDirectory();
        r.close();
        return dir.toPath().toAbsolutePath().normalize();
      } catch (IOException | IllegalArgumentException e) {
        throw new RepoUnavailableException("not a git repository: " + path + " (" + e.getMessage() + ")", e);
      }
    }
    if (RepositoryCache.FileKey.isGitRepository(path.toFile(), FS.DETECTED)) {
      return path.toAbsolutePath().normalize();
    }
    throw new RepoUnavailableException("not a git repository: " + path);
  }

  /** Opens (or shares) the repository at {@code gitDir}; close it when done. */
  public static Repository open(Path gitDir, int packCacheMb) throws IOException {
    configurePackCache(packCacheMb);
    return RepositoryCache.open(RepositoryCache.FileKey.exact(gitDir.toFile(), FS.DETECTED), true);
  }

  /** JGit's pack cache is per JVM; the default 10 MiB makes every task re-inflate the same delta bases. */
  private static void configurePackCache(int mb) {
    if (packCacheMb == mb) {
      return;
    }
    synchronized (LocalRepos.class) {
      if (packCacheMb == mb) {
        return;
      }
      WindowCacheConfig c = new WindowCacheConfig();
      c.setPackedGitLimit((long) mb << 20);
      c.setDeltaBaseCacheLimit((int) Math.min(Integer.MAX_VALUE, ((long) mb << 20) / 4));
      c.setPackedGitOpenFiles(256);
      c.install();
      packCacheMb = mb;
    }
  }
}
