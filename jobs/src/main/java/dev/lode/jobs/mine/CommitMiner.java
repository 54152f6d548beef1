package dev.lode.jobs.mine;

import dev.lode.code.ChangedFile;
import dev.lode.config.MineConfig;
import dev.lode.mine.BoundedLru;
import dev.lode.mine.PathGlobs;
import dev.lode.mine.RawCommit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Lode's miner core: turns commits of one repository into {@link MinedCommit}s with pure JGit. One instance per
 * thread (a Spark task or a benchmark worker); it keeps one {@link ObjectReader} and the caches of its parts across
 * the commits it is given, which should come parents first (a slice of a topological order), so that a parent's
 * blobs, tree listing and parsed files are reused by its child. The parts: {@link TreeDiff} finds the changed files,
 * {@link FileMiner} mines each one (with {@link BlobReader} and {@link MethodLocator}), {@link TreeListing} lists the
 * tree.
 *
 * <p>Merge commits get no file changes (PyDriller's convention). A commit or file that cannot be read is reported with
 * its error; the others go on.
 */
public final class CommitMiner implements AutoCloseable {
  private final String repoId;
  private final MineConfig config;
  private final MinedParts parts;
  private final PathGlobs globs;
  private final ObjectReader reader;
  private final Set<ObjectId> shallow;
  private final BoundedLru<ObjectId, ObjectId> treeOfCommit = BoundedLru.ofEntries(1024);
  private final TreeDiff treeDiff;
  private final TreeListing listing;
  private final FileMiner files;

  public CommitMiner(Repository repository, String repoId, MineConfig config, PathGlobs globs, MinedParts parts)
      throws IOException {
    this.repoId = repoId;
    this.config = config;
    this.parts = parts;
    this.globs = globs == null ? PathGlobs.ALL : globs;
    this.reader = repository.newObjectReader();
    this.shallow = repository.getObjectDatabase().getShallowCommits();
    this.treeDiff = new TreeDiff(repository, reader, config);
    this.listing = new TreeListing(repository, reader, config.treeMaxPaths());
    this.files = new FileMiner(config, parts, new BlobReader(reader, config.bigFileThreshold()));
  }

  /** Mines one commit; never throws: a commit that cannot be read comes back with its error. */
  public MinedCommit mine(ObjectId commitId, boolean inMainBranch) {
    try {
      return mineOrThrow(commitId, inMainBranch);
    } catch (Exception | StackOverflowError e) {
      return MinedCommit.failed(repoId, commitId.name(), describe(e));
    }
  }

  private MinedCommit mineOrThrow(ObjectId commitId, boolean inMainBranch) throws IOException {
    RawCommit c = RawCommit.parse(reader.open(commitId, Constants.OBJ_COMMIT).getCachedBytes());
    ObjectId tree = ObjectId.fromString(c.tree());
    treeOfCommit.put(commitId.copy(), tree);
    // A shallow commit is a root, as git log shows it in the clone: its parents are not there.
    List<String> parents = shallow.contains(commitId) ? List.of() : c.parents();
    ObjectId firstParent = parents.isEmpty() ? null : ObjectId.fromString(parents.get(0));
    ObjectId baseTree = firstParent == null ? null : treeOf(firstParent);

    boolean merge = parents.size() > 1;
    List<DiffEntry> scan = merge && !parts.trees() ? List.of() : treeDiff.scan(baseTree, tree);
    // Listed before the files, from the raw scan: rename detection may rewrite its entries.
    TreeListing.Listed listed = parts.trees() ? listing.list(commitId, firstParent, tree, scan, globs)
        : TreeListing.Listed.NONE;
    List<ChangedFile> changed = merge ? List.of() : files(scan);

    RawCommit.Ident a = c.author();
    RawCommit.Ident m = c.committer();
    return new MinedCommit(repoId, commitId.name(), parents, a.name(), a.email(), a.epochSeconds(),
        a.tzOffsetMinutes(), m.name(), m.email(), m.epochSeconds(), m.tzOffsetMinutes(), c.strippedMessage(),
        c.subject(), inMainBranch, changed, listed.count(), listed.paths(), listed.truncated(), null);
  }

  private ObjectId treeOf(ObjectId commit) throws IOException {
    ObjectId t = treeOfCommit.get(commit);
    if (t == null) {
      t = ObjectId.fromString(RawCommit.parse(reader.open(commit, Constants.OBJ_COMMIT).getCachedBytes()).tree());
      treeOfCommit.put(commit.copy(), t);
    }
    return t;
  }

  /** The commit's changed files that the globs keep (a rename also when its old path is kept), in path order. */
  private List<ChangedFile> files(List<DiffEntry> scan) {
    if (scan.isEmpty()) {
      return List.of();
    }
    List<DiffEntry> entries = treeDiff.withRenames(scan);
    List<ChangedFile> out = new ArrayList<>(entries.size());
    TextBudget budget = new TextBudget(config.commitTextMaxBytes());
    for (DiffEntry e : entries) {
      boolean keep = globs.accepts(TreeDiff.pathOf(e))
          || (e.getChangeType() == ChangeType.RENAME && globs.accepts(e.getOldPath()));
      if (keep) {
        out.add(files.mine(e, budget));
      }
    }
    return out;
  }

  static String describe(Throwable e) {
    if (e instanceof MissingObjectException m) {
      return "missing object " + m.getObjectId().name() + " (damaged or incomplete repository)";
    }
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  @Override
  public void close() {
    reader.close();
  }
}
