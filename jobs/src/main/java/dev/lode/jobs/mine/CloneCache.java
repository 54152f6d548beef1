package dev.lode.jobs.mine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Bare clones of repositories given as URLs, kept under {@code mine.cache_dir} and fetched incrementally on the next
 * run. A clone is made in a temporary directory and moved into place when complete, so a run killed mid-clone
 * leaves no half repository behind. On a cluster the cache must be on storage every executor mounts at the same
 * path, since tasks open the clone by path.
 */
public final class CloneCache {
  static {
    NoGitCliSystemReader.install();
  }

  private static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/heads/*");

  private final Path root;

  public CloneCache(Path root) {
    this.root = root;
  }

  /** What updating a clone gave: where it is, and why a fetch failed (the cached copy is mined then). */
  public record Clone(Path gitDir, String fetchError) {}

  /** Clones {@code url} on first use, else fetches into the existing clone. */
  public Clone update(String url, String repoId) throws RepoUnavailableException {
    Path dir = root.resolve(repoId + ".git");
    if (Files.isDirectory(dir)) {
      try (Git git = Git.open(dir.toFile())) {
        git.fetch().setRemote("origin").setRefSpecs(BRANCHES).setRemoveDeletedRefs(true).call();
        return new Clone(dir, null);
      } catch (IOException | GitAPIException | RuntimeException e) {
        return new Clone(dir, "fetch from " + url + " failed, mined the cached clone: " + e.getMessage());
      }
    }
    Path tmp = root.resolve(repoId + ".git.tmp-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(root);
      deleteRecursively(tmp);
      try (Git git = Git.cloneRepository().setURI(url).setDirectory(tmp.toFile()).setBare(true)
          .setCloneAllBranches(true).call()) {
        git.getRepository().getConfig().setString("remote", "origin", "fetch", BRANCHES.toString());
        git.getRepository().getConfig().save();
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      return new Clone(dir, null);
    } catch (IOException | GitAPIException | RuntimeException e) {
      try {
        deleteRecursively(tmp);
      } catch (IOException ignored) {
        // best effort: the next run starts over in a fresh temporary directory
      }
      throw new RepoUnavailableException("cannot clone " + url + ": " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
