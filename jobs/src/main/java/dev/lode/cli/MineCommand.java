package dev.lode.cli;

import dev.lode.config.ConfigSections;
import dev.lode.config.ConfigFlags;
import dev.lode.jobs.mine.MineJob;
import dev.lode.jobs.mine.RepoSource;
import dev.lode.jobs.mine.RepoSources;
import dev.lode.jobs.mine.RepoUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import dev.lode.lakehouse.StageOutcome;
import picocli.CommandLine.Option;

/**
 * {@code lode mine}: git history into bronze.repos, bronze.commits, bronze.file_changes and bronze.trees. Exit code
 * 3 when some repository failed (each is in bronze.repos with its error), 1 when none could be mined.
 */
@Command(name = "mine", modelTransformer = ConfigFlags.class, description = {
    "Mine git history into the bronze tables (repos, commits, file_changes, trees).",
    "With no --repo and no --repos-file, mines the repository you are in. Reruns add only new commits.",
    "Every mine setting of conf/lode.yaml is also a flag (--all-branches, --diff-max-bytes, …)."})
@ConfigSections("mine")
final class MineCommand extends SparkCommand {
  @Option(names = "--repo", paramLabel = "PATH|URL",
      description = "A repository: a local path (bare or with a work tree) or a URL (https://, file://, ssh), "
          + "cloned into the clone cache and fetched on later runs. Repeatable.")
  List<String> repos = new ArrayList<>();

  @Option(names = "--repos-file", paramLabel = "FILE",
      description = "YAML list of repositories with domain, branch and include/exclude path globs "
          + "(see conf/repos.yaml).")
  Path reposFile;

  @Option(names = "--domain", paramLabel = "LABEL", description = "Domain label for the --repo repositories.")
  String domain;

  @Override
  public Integer call() throws Exception {
    options.config(); // a bad configuration or repos file is refused before Spark starts or a table is touched
    List<RepoSource> sources;
    try {
      sources = RepoSources.of(repos, domain, reposFile, Path.of("").toAbsolutePath());
    } catch (RepoUnavailableException e) {
      throw new UsageException(e.getMessage());
    }
    StageOutcome<MineJob.Summary> outcome = run(open("mine"), new MineJob(sources));
    if (outcome.skipped()) {
      System.out.println(skippedLine("mine", outcome));
    }
    return outcome.status().exitCode();
  }
}
