package dev.lode.jobs.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lode.mine.PathGlobs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The git-CLI oracle on a real repository of your choice (not part of the default build, which has no network):
 * {@code mvn -pl jobs -am test -Dtest=RealRepositoryOracleTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dlode.oracle.repo=/path/to/repo}. Lists every commit whose files differ from {@code git log -M --numstat}.
 */
@EnabledIfSystemProperty(named = "lode.oracle.repo", matches = ".+")
class RealRepositoryOracleTest {
  @Test
  void everyCommitOfTheDefaultBranchMatchesGitLog() throws Exception {
    Path repo = LocalRepos.gitDir(Path.of(System.getProperty("lode.oracle.repo")));
    Map<String, MinedCommit> mined = CommitMinerOracleTest.mine(repo, CommitMinerOracleTest.CONFIG,
        MinedParts.DIFFS_ONLY, PathGlobs.ALL);
    Map<String, List<GitCli.FileStat>> expected = new GitCli(repo).log("HEAD");
    assertEquals(expected.keySet(), mined.keySet());
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<String, List<GitCli.FileStat>> e : expected.entrySet()) {
      List<String> want = e.getValue().stream().map(f -> (f.status().equals("T") ? "M" : f.status()) + " "
          + f.oldPath() + " -> " + f.newPath() + " +" + f.added() + " -" + f.deleted()).sorted().toList();
      List<String> got = mined.get(e.getKey()).files().stream().map(f -> switch (f.changeType()) {
        case "ADD" -> "A";
        case "DELETE" -> "D";
        case "RENAME" -> "R";
        case "COPY" -> "C";
        default -> "M";
      } + " " + f.oldPath() + " -> " + f.newPath() + " +" + (f.binary() ? -1 : f.addedLines()) + " -"
          + (f.binary() ? -1 : f.deletedLines())).sorted().toList();
      if (!want.equals(got)) {
        mismatches.add(e.getKey() + "\n  git:  " + want + "\n  lode: " + got);
      }
    }
    System.out.println(expected.size() + " commits, " + mismatches.size() + " differ");
    mismatches.forEach(System.out::println);
    assertEquals(List.of(), mismatches);
  }
}
