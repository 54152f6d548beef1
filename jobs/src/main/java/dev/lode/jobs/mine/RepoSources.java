package dev.lode.jobs.mine;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The sources of one {@code lode mine}: {@code --repo}s, a {@code --repos-file}, or the repository it runs in. */
public final class RepoSources {
  static {
    NoGitCliSystemReader.install();
  }

  private RepoSources() {}

  /**
   * The repositories named on the command line and in the repos file, in that order; when there are none, the
   * repository that contains {@code cwd}.
   *
   * @throws RepoUnavailableException when nothing was named and {@code cwd} is not inside a git repository
   */
  public static List<RepoSource> of(List<String> repos, String domain, Path reposFile, Path cwd)
      throws RepoUnavailableException {
    List<RepoSource> out = new ArrayList<>();
    for (String r : repos) {
      out.add(new RepoSource(r, domain, null, List.of(), List.of()));
    }
    if (reposFile != null) {
      out.addAll(ReposFile.read(reposFile));
    }
    if (out.isEmpty()) {
      out.add(here(cwd));
    }
    return out;
  }

  /** The repository containing {@code cwd} (its work tree, or the bare repository itself), as git finds it. */
  public static RepoSource here(Path cwd) throws RepoUnavailableException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(cwd.toFile());
    File gitDir = builder.getGitDir();
    if (gitDir == null) {
      throw new RepoUnavailableException(cwd + " is not inside a git repository: name one with --repo PATH|URL "
          + "or --repos-file FILE");
    }
    File dir = gitDir.getName().equals(".git") ? gitDir.getParentFile() : gitDir;
    return RepoSource.of(dir.getAbsolutePath());
  }
}
