package dev.lode.jobs.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.code.ChangedFile;
import dev.lode.config.ConfigLoader;
import dev.lode.config.MineConfig;
import dev.lode.mine.PathGlobs;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The miner core against the git command line: for repositories built with JGit holding each hard case, every
 * commit's files, change types, paths and line counts equal {@code git log -M --numstat --name-status}, diffs equal
 * {@code git show}, and trees equal {@code git ls-tree -r}.
 */
class CommitMinerOracleTest {
  @TempDir Path dir;

  static final MineConfig CONFIG = ConfigLoader.defaults().mine();

  /** Mines every commit of the default branch the way a task does (slices of 3, so slice edges are crossed). */
  static Map<String, MinedCommit> mine(Path gitDir, MineConfig config, MinedParts parts, PathGlobs globs)
      throws IOException {
    Map<String, MinedCommit> out = new LinkedHashMap<>();
    CommitPlan plan;
    try (Repository r = LocalRepos.open(gitDir, config.packCacheMb())) {
      plan = CommitPlan.of(r, null, false, null, List.of());
    }
    for (MineTask t : MineTask.slices("r", gitDir.toString(), plan, 3, globs, config, parts)) {
      try (SliceMiner m = new SliceMiner(t)) {
        while (m.hasNext()) {
          MinedCommit c = m.next();
          out.put(c.sha(), c);
        }
      }
    }
    return out;
  }

  static Map<String, MinedCommit> mine(Path gitDir) throws IOException {
    return mine(gitDir, CONFIG, MinedParts.ALL, PathGlobs.ALL);
  }

  /** Every commit's files equal git's: status letter, paths, added and deleted lines (binary: git's "-"). */
  static void assertMatchesGit(Map<String, MinedCommit> mined, GitCli git) throws Exception {
    Map<String, List<GitCli.FileStat>> expected = git.log("HEAD");
    assertEquals(expected.keySet(), mined.keySet(), "the same commits as git log");
    for (Map.Entry<String, List<GitCli.FileStat>> e : expected.entrySet()) {
      MinedCommit c = mined.get(e.getKey());
      assertNull(c.error(), c.sha() + ": " + c.error());
      // A type change (git's T) is a modification, as PyDriller's ModifiedFile has it.
      List<String> want = e.getValue().stream()
          .map(f -> (f.status().equals("T") ? "M" : f.status()) + " " + f.oldPath() + " -> " + f.newPath() + " +" + f.added() + " -" + f.deleted())
          .sorted().toList();
      List<String> got = c.files().stream()
          .map(f -> letter(f.changeType()) + " " + f.oldPath() + " -> " + f.newPath() + " +"
              + (f.binary() ? -1 : f.addedLines()) + " -" + (f.binary() ? -1 : f.deletedLines()))
          .sorted().toList();
      assertEquals(want, got, "files of " + c.sha() + " (" + c.subject() + ")");
    }
  }

  private static String letter(String changeType) {
    return switch (changeType) {
      case "ADD" -> "A";
      case "DELETE" -> "D";
      case "RENAME" -> "R";
      case "COPY" -> "C";
      default -> "M";
    };
  }

  private static String lines(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i <= to; i++) {
      sb.append("line ").append(i).append('\n');
    }
    return sb.toString();
  }

  @Test
  void renamesCopiesEditsAndDeletionsMatchGitLog() throws Exception {
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("r.git"))) {
      b.write("src/app.py", lines(1, 40)).write("README.md", "hello\n").write("old.txt", lines(1, 30)).commit("Add app");
      b.write("src/app.py", lines(1, 10) + "changed\n" + lines(12, 40) + "tail\n").commit("Edit app");
      b.rename("old.txt", "docs/new.txt").commit("Move old.txt");
      b.rename("docs/new.txt", "docs/newer.txt").write("docs/newer.txt", lines(1, 28) + "extra\n").commit("Move and edit");
      b.delete("README.md").commit("Drop readme");
      b.rename("docs/newer.txt", "a.txt").copy("a.txt", "b.txt").commit("Split into two copies");
      b.write("c.txt", "no newline at end").commit("Add c");
      b.write("c.txt", "no newline at end\n").commit("Fix the newline");
      b.executable("src/app.py").commit("Make it executable");
      b.commit("An empty commit");
    }
    Map<String, MinedCommit> mined = mine(dir.resolve("r.git"));
    assertMatchesGit(mined, new GitCli(dir.resolve("r.git")));
    MinedCommit split = mined.values().stream().filter(c -> c.subject().equals("Split into two copies")).findFirst()
        .orElseThrow();
    assertEquals(List.of("ADD", "RENAME"), split.files().stream().map(ChangedFile::changeType).sorted().toList(),
        "a deleted file is the source of one rename only; the second look-alike is an addition, as git -M says");
    MinedCommit empty = mined.values().stream().filter(c -> c.subject().equals("An empty commit")).findFirst()
        .orElseThrow();
    assertEquals(0, empty.files().size());
  }

  @Test
  void diffTextEqualsGitShowFromTheFirstHunk() throws Exception {
    String v1 = "import os\n\ndef first():\n" + lines(1, 12).replace("line", "    x =") + "\nclass Thing:\n"
        + "    def method(self):\n" + lines(1, 20).replace("line", "        y =") + "last line";
    String v2 = v1.replace("    x = 3\n", "    x = 3\n    x = 3.5\n").replace("        y = 15\n", "")
        .replace("last line", "last line changed\n");
    List<String> shas = new ArrayList<>();
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("d.git"))) {
      b.write("m.py", v1).commit("One");
      shas.add(b.write("m.py", v2).commit("Two").name());
      shas.add(b.write("m.py", "").commit("Empty it").name());
    }
    Map<String, MinedCommit> mined = mine(dir.resolve("d.git"));
    GitCli git = new GitCli(dir.resolve("d.git"));
    for (String sha : shas) {
      String show = git.text("show", "--format=", "--no-color", "-M", sha);
      String hunks = show.substring(show.indexOf("\n@@") + 1);
      assertEquals(hunks, mined.get(sha).files().get(0).diff(), "diff of " + sha);
    }
    ChangedFile two = mined.get(shas.get(0)).files().get(0);
    assertEquals(List.of("Thing.method", "first"), two.changedMethods(), "old version's functions first");
    assertEquals(v1, two.before());
    assertEquals(v2, two.after());
  }

  @Test
  void mergesGetNoFilesAndBranchesAreDiffedAgainstTheirFirstParent() throws Exception {
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("m.git"))) {
      b.write("a.txt", lines(1, 5)).commit("Base");
      b.branch("feature").write("f.txt", "feature\n").write("a.txt", lines(1, 6)).commit("Feature work");
      ObjectId feature = b.repo.resolve("refs/heads/feature");
      b.branch("main").write("m.txt", "main\n").commit("Main work");
      b.write("f.txt", "feature\n").write("a.txt", lines(1, 6)).merge("Merge feature", feature);
      b.write("after.txt", "x\n").commit("After the merge");
    }
    Map<String, MinedCommit> mined = mine(dir.resolve("m.git"));
    assertMatchesGit(mined, new GitCli(dir.resolve("m.git")));
    MinedCommit merge = mined.values().stream().filter(MinedCommit::isMerge).findFirst().orElseThrow();
    assertEquals(0, merge.files().size());
    assertEquals(0, merge.insertions());
    assertEquals(2, merge.parents().size());
    assertEquals(5, mined.size(), "the feature commit is reachable from main through the merge");
  }

  @Test
  void binaryFilesSymlinksTypeChangesAndSubmodulesCountAsGitCountsThem() throws Exception {
    byte[] png = new byte[3000];
    png[0] = (byte) 0x89;
    png[100] = 0;
    png[200] = 'x';
    byte[] png2 = png.clone();
    png2[300] = 7;
    ObjectId subCommit = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("b.git"))) {
      b.write("logo.png", png).write("t.txt", "text\n").commit("Add a logo");
      b.write("logo.png", png2).commit("Change the logo");
      b.write("data.bin", "text first\n" + "\0binary later").commit("Add data");
      b.symlink("link", "t.txt").commit("Link to t");
      b.delete("t.txt").symlink("t.txt", "link-target").commit("Turn t into a link");
      b.submodule("vendor/lib", subCommit).commit("Add a submodule");
      b.submodule("vendor/lib", ObjectId.fromString("89abcdef0123456789abcdef0123456789abcdef")).commit("Bump it");
    }
    Map<String, MinedCommit> mined = mine(dir.resolve("b.git"));
    assertMatchesGit(mined, new GitCli(dir.resolve("b.git")));
    ChangedFile logo = mined.values().stream().flatMap(c -> c.files().stream())
        .filter(f -> f.path().equals("logo.png")).findFirst().orElseThrow();
    assertTrue(logo.binary());
    assertNull(logo.diff());
    assertNull(logo.after());
    MinedCommit bump = mined.values().stream().filter(c -> c.subject().equals("Bump it")).findFirst().orElseThrow();
    assertEquals("@@ -1 +1 @@\n-Subproject commit " + subCommit.name()
        + "\n+Subproject commit 89abcdef0123456789abcdef0123456789abcdef\n", bump.files().get(0).diff());
  }

  @Test
  void nonUtf8MessagesNamesAndPathsAreDecodedWithReplacement() throws Exception {
    byte[] latin1Path = "caf\u00e9.txt".getBytes(StandardCharsets.ISO_8859_1);
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("n.git"))) {
      b.write("ok.txt", "x\n").commitEncoded("Caf\u00e9 cr\u00e8me\n\nCorps du message", StandardCharsets.ISO_8859_1);
      b.writeRawPath(latin1Path, "y\n".getBytes(StandardCharsets.UTF_8))
          .commitRawMessage("Bad bytes \u00ff\u00fe here\n".getBytes(StandardCharsets.ISO_8859_1));
      b.write("\u65e5\u672c.txt", "z\n").commit("Unicode path \u65e5\u672c");
    }
    Map<String, MinedCommit> mined = mine(dir.resolve("n.git"));
    GitCli git = new GitCli(dir.resolve("n.git"));
    assertMatchesGit(mined, git);
    List<MinedCommit> commits = new ArrayList<>(mined.values());
    assertEquals("Caf\u00e9 cr\u00e8me\n\nCorps du message", commits.get(0).message(), "encoding header honoured");
    assertEquals("Zo\u00eb Auteur", commits.get(0).authorName());
    assertEquals("Bad bytes \ufffd\ufffd here", commits.get(1).message(), "invalid UTF-8 replaced");
    assertEquals("caf\ufffd.txt", commits.get(1).files().get(0).path());
    assertEquals("\u65e5\u672c.txt", commits.get(2).files().get(0).path());
    List<String> subjects = List.of(git.text("log", "--reverse", "--format=%s", "HEAD").split("\n"));
    assertEquals(subjects.get(0), commits.get(0).subject());
    assertEquals(subjects.get(2), commits.get(2).subject());
  }

  @Test
  void datesAreUtcWithTheirZoneOffsets() throws Exception {
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("z.git"))) {
      b.zone(330).write("a", "1\n").commit("India");
      b.zone(-480).write("a", "2\n").commit("California");
    }
    Map<String, MinedCommit> mined = mine(dir.resolve("z.git"));
    GitCli git = new GitCli(dir.resolve("z.git"));
    List<String> expected = List.of(git.text("log", "--reverse", "--format=%at %ai|%ct %ci", "HEAD").split("\n"));
    int i = 0;
    for (MinedCommit c : mined.values()) {
      String[] sides = expected.get(i++).split("\\|");
      assertEquals(Long.parseLong(sides[0].split(" ")[0]), c.authorTime());
      String tz = sides[0].substring(sides[0].lastIndexOf(' ') + 1);
      int minutes = (tz.charAt(0) == '-' ? -1 : 1) * (Integer.parseInt(tz.substring(1, 3)) * 60
          + Integer.parseInt(tz.substring(3)));
      assertEquals(minutes, c.authorTzOffsetMin());
      assertEquals(Long.parseLong(sides[1].split(" ")[0]), c.commitTime());
    }
    assertEquals(List.of(330, -480), mined.values().stream().map(MinedCommit::commitTzOffsetMin).toList());
  }

  @Test
  void treesListEveryPathOfEachCommitAsGitLsTree() throws Exception {
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("t.git"))) {
      b.write("a/x.py", "1\n").write("a/tests/test_x.py", "2\n").write("b.txt", "3\n").commit("One");
      b.branch("side").write("side.txt", "s\n").commit("Side");
      ObjectId side = b.repo.resolve("refs/heads/side");
      b.branch("main").rename("b.txt", "c/b.txt").delete("a/x.py").commit("Two");
      b.write("side.txt", "s\n").merge("Merge side", side);
      b.write("a/x.py", "back\n").submodule("mod", ObjectId.fromString("0123456789abcdef0123456789abcdef01234567"))
          .commit("Three");
    }
    Map<String, MinedCommit> mined = mine(dir.resolve("t.git"));
    GitCli git = new GitCli(dir.resolve("t.git"));
    for (MinedCommit c : mined.values()) {
      List<String> want = List.of(git.text("ls-tree", "-r", "--name-only", "-z", c.sha()).split("\0"))
          .stream().filter(s -> !s.isEmpty()).sorted().toList();
      assertEquals(want, c.paths(), "tree of " + c.subject());
      assertEquals(want.size(), c.pathCount());
    }
  }

  @Test
  void aLargeRewriteCountsTheLinesGitCountsNotTheShortestScript() throws Exception {
    java.util.Random random = new java.util.Random(7);
    StringBuilder before = new StringBuilder();
    StringBuilder after = new StringBuilder();
    for (int i = 0; i < 4000; i++) {
      String line = "package-" + random.nextInt(600) + " == " + random.nextInt(5) + "\n";
      before.append(line);
      int r = random.nextInt(10);
      if (r < 3) {
        after.append("package-" + random.nextInt(600) + " == " + random.nextInt(5) + "\n");
      } else if (r < 4) {
        after.append(line).append("hash = ").append(random.nextInt(3)).append('\n');
      } else if (r > 4) {
        after.append(line);
      }
    }
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("lock.git"))) {
      b.write("uv.lock", before.toString()).commit("Lock");
      b.write("uv.lock", after.toString()).commit("Relock");
    }
    Map<String, MinedCommit> mined = mine(dir.resolve("lock.git"));
    assertMatchesGit(mined, new GitCli(dir.resolve("lock.git")));
    ChangedFile lock = new ArrayList<>(mined.values()).get(1).files().get(0);
    org.eclipse.jgit.diff.EditList minimal = org.eclipse.jgit.diff.MyersDiff.INSTANCE.diff(
        org.eclipse.jgit.diff.RawTextComparator.DEFAULT,
        new org.eclipse.jgit.diff.RawText(before.toString().getBytes(StandardCharsets.UTF_8)),
        new org.eclipse.jgit.diff.RawText(after.toString().getBytes(StandardCharsets.UTF_8)));
    int minimalAdded = minimal.stream().mapToInt(e -> e.getLengthB()).sum();
    assertTrue(lock.addedLines() > minimalAdded, "git's heuristics were exercised: " + lock.addedLines()
        + " lines added, the shortest script adds " + minimalAdded);
  }

  @Test
  void aCommitTouchingThousandsOfFilesStaysWithinItsTextBudget() throws Exception {
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("k.git"))) {
      for (int i = 0; i < 3000; i++) {
        b.write("gen/f" + i + ".txt", lines(1, 5));
      }
      b.commit("Generate 3000 files");
      for (int i = 0; i < 3000; i += 2) {
        b.write("gen/f" + i + ".txt", lines(1, 4) + "changed\n");
      }
      b.commit("Touch half of them");
    }
    MineConfig small = ConfigLoader.load(null, List.of("mine.commit_text_max_bytes=" + 64 * 1024,
        "mine.tree_max_paths=100", "mine.changed_methods=true")).mine();
    Map<String, MinedCommit> mined = mine(dir.resolve("k.git"), small, MinedParts.ALL, PathGlobs.ALL);
    assertMatchesGit(mined, new GitCli(dir.resolve("k.git")));
    MinedCommit touch = new ArrayList<>(mined.values()).get(1);
    assertEquals(1500, touch.files().size());
    assertEquals(1500, touch.insertions(), "counts stay exact past the budget");
    assertTrue(touch.files().get(touch.files().size() - 1).truncated(), "late files keep no text");
    assertNull(touch.files().get(touch.files().size() - 1).after());
    assertEquals(100, touch.paths().size(), "tree capped at tree_max_paths");
    assertEquals(3000, touch.pathCount());
    assertTrue(touch.pathsTruncated());
  }

  @Test
  void aBlobOfHundredsOfMegabytesIsNeverReadAndCountsAsBinaryAsGitDoes() throws Exception {
    long size = 200L << 20;
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("h.git"))) {
      b.write("small.txt", "a\n").commit("Start");
      b.writeStream("huge.log", size, new RepeatingText(size)).commit("Add a huge log");
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    Map<String, MinedCommit> mined = mine(dir.resolve("h.git"));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 32L << 20, "mining allocated " + (allocated >> 20) + " MiB for a 200 MiB blob");
    GitCli git = new GitCli(dir.resolve("h.git")).with("core.bigFileThreshold", "32m");
    assertMatchesGit(mined, git);
    ChangedFile huge = new ArrayList<>(mined.values()).get(1).files().get(0);
    assertTrue(huge.binary());
    assertTrue(huge.truncated());
  }

  @Test
  void aShallowCloneIsMinedToItsBoundaryAsGitLogShowsIt() throws Exception {
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("full.git"))) {
      for (int i = 1; i <= 6; i++) {
        b.write("f.txt", lines(1, i)).commit("Commit " + i);
      }
    }
    Path shallow = dir.resolve("shallow");
    try (Git g = Git.cloneRepository().setURI(dir.resolve("full.git").toUri().toString()).setBare(true)
        .setDirectory(shallow.toFile()).setDepth(3).call()) {
      assertFalse(g.getRepository().getObjectDatabase().getShallowCommits().isEmpty());
    }
    Map<String, MinedCommit> mined = mine(shallow);
    assertEquals(3, mined.size());
    assertMatchesGit(mined, new GitCli(shallow));
    MinedCommit boundary = mined.values().iterator().next();
    assertEquals(List.of(), boundary.parents(), "the shallow boundary is a root, as git shows it");
    assertEquals("ADD", boundary.files().get(0).changeType());
  }

  @Test
  void aMissingBlobFailsOnlyItsFileAndTheCommitIsKept() throws Exception {
    ObjectId blob;
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("x.git"))) {
      b.write("keep.txt", "k\n").write("lost.txt", "this blob will vanish\n").commit("Add two files");
      b.write("keep.txt", "k2\n").commit("Edit keep");
      blob = b.repo.resolve("HEAD:lost.txt");
    }
    Files.delete(dir.resolve("x.git/objects/" + blob.name().substring(0, 2) + "/" + blob.name().substring(2)));
    Map<String, MinedCommit> mined = mine(dir.resolve("x.git"));
    MinedCommit first = mined.values().iterator().next();
    assertNull(first.error());
    ChangedFile lost = first.files().stream().filter(f -> f.path().equals("lost.txt")).findFirst().orElseThrow();
    assertNotNull(lost.error());
    assertTrue(lost.error().contains(blob.name()), lost.error());
    ChangedFile keep = first.files().stream().filter(f -> f.path().equals("keep.txt")).findFirst().orElseThrow();
    assertNull(keep.error());
    assertEquals(1, keep.addedLines());
  }

  @Test
  void pathGlobsNarrowFilesTotalsAndTrees() throws Exception {
    try (RepoBuilder b = RepoBuilder.create(dir.resolve("g.git"))) {
      b.write("src/a.py", "1\n2\n").write("docs/x.md", "d\n").write("vendor/v.js", "v\n").commit("One");
    }
    Map<String, MinedCommit> mined = mine(dir.resolve("g.git"), CONFIG, MinedParts.ALL,
        PathGlobs.of(List.of("src/", "*.md"), List.of("docs/")));
    MinedCommit c = mined.values().iterator().next();
    assertEquals(List.of("src/a.py"), c.files().stream().map(ChangedFile::path).toList());
    assertEquals(2, c.insertions());
    assertEquals(List.of("src/a.py"), c.paths());
  }

  /** {@code size} bytes of repetitive text lines, generated as read. */
  static final class RepeatingText extends InputStream {
    private static final byte[] LINE = "a line of a very large log file, repeated\n".getBytes(StandardCharsets.US_ASCII);
    private long left;
    private int pos;

    RepeatingText(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      byte b = LINE[pos];
      pos = (pos + 1) % LINE.length;
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i++) {
        buf[off + i] = LINE[pos];
        pos = (pos + 1) % LINE.length;
      }
      left -= n;
      return n;
    }
  }

}
