package dev.lode.jobs.mine;

import dev.lode.code.CodeParser;
import dev.lode.code.FunctionSpan;
import dev.lode.code.Grammar;
import dev.lode.code.Languages;
import dev.lode.code.SyntaxTree;
import dev.lode.code.TestFiles;
import dev.lode.mine.BoundedLru;
import dev.lode.mine.ChangedMethods;
import dev.lode.mine.GitMyersDiff;
import dev.lode.mine.LenientText;
import dev.lode.mine.LineEdit;
import dev.lode.mine.LineText;
import dev.lode.mine.Lines;
import dev.lode.mine.PathGlobs;
import dev.lode.mine.RawCommit;
import dev.lode.mine.TreeEdits;
import dev.lode.mine.UnifiedDiff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Lode's miner core: turns commits of one repository into {@link MinedCommit}s with pure JGit. One instance per
 * thread (a Spark task or a benchmark worker); it keeps one {@link ObjectReader}, one {@link TreeWalk}, one
 * tree-sitter parser and small caches across the commits it is given, which should come parents first (a slice of
 * a topological order), so that a parent's blobs, tree listing and parsed files are reused by its child.
 *
 * <p>Each file is diffed once, with git's own line diff ({@link GitMyersDiff}): the one edit list yields git's
 * numstat counts, the unified diff text and the lines that locate changed methods. Blobs larger than {@code bigFileThreshold} are never loaded (their size comes
 * from the object header) and count as binary, as git does. Merge commits get no file changes (PyDriller's
 * convention). A commit or file that cannot be read is reported with its error; the others go on.
 */
public final class CommitMiner implements AutoCloseable {
  private static final byte[] EMPTY = new byte[0];
  private static final String[] NO_PATHS = new String[0];
  private static final int CONTEXT_LINES = 3;

  private final String repoId;
  private final MineOptions options;
  private final PathGlobs globs;
  private final ObjectReader reader;
  private final TreeWalk walk;
  private final DiffConfig diffConfig;
  private final Set<ObjectId> shallow;
  private CodeParser parser; // created on first use: native memory
  private final BoundedLru<ObjectId, ObjectId> treeOfCommit = BoundedLru.ofEntries(1024);
  private final BoundedLru<ObjectId, String[]> pathsOfCommit = BoundedLru.ofEntries(8);
  // Parsed versions of recently seen files: a child commit's old version is usually its parent's new one, and a
  // new version is parsed incrementally from the old version's tree.
  // Bounded by count and by source size: a tree's native memory is some tens of times its source.
  private final BoundedLru<TreeKey, SyntaxTree> treeOfBlob = new BoundedLru<>(128, 8L << 20, t -> t.utf8().length);

  private record TreeKey(ObjectId blob, Grammar grammar) {}

  public CommitMiner(Repository repository, String repoId, MineOptions options, PathGlobs globs) throws IOException {
    this.repoId = repoId;
    this.options = options;
    this.globs = globs == null ? PathGlobs.ALL : globs;
    this.reader = repository.newObjectReader();
    this.walk = new TreeWalk(repository, reader);
    this.diffConfig = repository.getConfig().get(DiffConfig.KEY);
    this.shallow = repository.getObjectDatabase().getShallowCommits();
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
    List<DiffEntry> scan = merge && !options.trees() ? List.of() : scan(baseTree, tree);

    int pathCount = 0;
    List<String> paths = null;
    boolean pathsTruncated = false;
    if (options.trees()) {
      String[] all = paths(commitId, firstParent, tree, scan);
      List<String> kept = new ArrayList<>(Math.min(all.length, options.treeMaxPaths()));
      for (String p : all) {
        if (globs.accepts(p)) {
          pathCount++;
          if (kept.size() < options.treeMaxPaths()) {
            kept.add(p);
          }
        }
      }
      paths = kept;
      pathsTruncated = kept.size() < pathCount;
    }

    // After the tree listing, which reads the raw scan: rename detection may rewrite its entries.
    List<MinedFile> files = merge ? List.of() : files(scan);

    RawCommit.Ident a = c.author();
    RawCommit.Ident m = c.committer();
    return new MinedCommit(repoId, commitId.name(), parents, a.name(), a.email(), a.epochSeconds(),
        a.tzOffsetMinutes(), m.name(), m.email(), m.epochSeconds(), m.tzOffsetMinutes(), c.strippedMessage(),
        c.subject(), inMainBranch, files, pathCount, paths, pathsTruncated, null);
  }

  private ObjectId treeOf(ObjectId commit) throws IOException {
    ObjectId t = treeOfCommit.get(commit);
    if (t == null) {
      t = ObjectId.fromString(RawCommit.parse(reader.open(commit, Constants.OBJ_COMMIT).getCachedBytes()).tree());
      treeOfCommit.put(commit.copy(), t);
    }
    return t;
  }

  // ------------------------------------------------------------------------------------------- tree differences

  /** The files that differ between two trees (base null: the empty tree), paths decoded leniently. */
  private List<DiffEntry> scan(ObjectId baseTree, ObjectId tree) throws IOException {
    walk.reset();
    walk.setRecursive(true);
    walk.setFilter(TreeFilter.ANY_DIFF);
    if (baseTree == null) {
      walk.addTree(new EmptyTreeIterator());
    } else {
      walk.addTree(baseTree);
    }
    walk.addTree(tree);
    List<DiffEntry> out = new ArrayList<>();
    while (walk.next()) {
      String path = LenientText.utf8(walk.getRawPath());
      FileMode oldMode = walk.getFileMode(0);
      FileMode newMode = walk.getFileMode(1);
      ObjectId oldId = walk.getObjectId(0);
      ObjectId newId = walk.getObjectId(1);
      if (oldMode == FileMode.MISSING) {
        out.add(Entry.add(path, newMode, newId));
      } else if (newMode == FileMode.MISSING) {
        out.add(Entry.delete(path, oldMode, oldId));
      } else {
        // A type change (file to symlink) stays one modification, as in git's numstat ("T", counted as one file).
        out.add(Entry.modify(path, oldMode, oldId, newMode, newId));
      }
    }
    return out;
  }

  /** A {@link DiffEntry} built from a tree walk, so that paths are decoded our way (invalid bytes replaced). */
  private static final class Entry extends DiffEntry {
    private static final AbbreviatedObjectId ZERO = AbbreviatedObjectId.fromObjectId(ObjectId.zeroId());

    static Entry add(String path, FileMode mode, ObjectId id) {
      Entry e = new Entry();
      e.changeType = ChangeType.ADD;
      e.oldPath = DEV_NULL;
      e.oldMode = FileMode.MISSING;
      e.oldId = ZERO;
      e.newPath = path;
      e.newMode = mode;
      e.newId = AbbreviatedObjectId.fromObjectId(id);
      return e;
    }

    static Entry delete(String path, FileMode mode, ObjectId id) {
      Entry e = new Entry();
      e.changeType = ChangeType.DELETE;
      e.oldPath = path;
      e.oldMode = mode;
      e.oldId = AbbreviatedObjectId.fromObjectId(id);
      e.newPath = DEV_NULL;
      e.newMode = FileMode.MISSING;
      e.newId = ZERO;
      return e;
    }

    static Entry modify(String path, FileMode oldMode, ObjectId oldId, FileMode newMode, ObjectId newId) {
      Entry e = new Entry();
      e.changeType = ChangeType.MODIFY;
      e.oldPath = path;
      e.oldMode = oldMode;
      e.oldId = AbbreviatedObjectId.fromObjectId(oldId);
      e.newPath = path;
      e.newMode = newMode;
      e.newId = AbbreviatedObjectId.fromObjectId(newId);
      return e;
    }
  }

  /** Renames as git log -M finds them; a repository too damaged for it keeps the plain additions and deletions. */
  private List<DiffEntry> detectRenames(List<DiffEntry> entries) {
    if (options.renameLimit() == 0) {
      return entries;
    }
    boolean adds = false;
    boolean deletes = false;
    for (DiffEntry e : entries) {
      adds |= e.getChangeType() == ChangeType.ADD;
      deletes |= e.getChangeType() == ChangeType.DELETE;
    }
    if (!adds || !deletes) {
      return entries;
    }
    try {
      // Only additions and deletions are candidates, as with git's -M (modifications are not broken up).
      List<DiffEntry> candidates = new ArrayList<>();
      List<DiffEntry> out = new ArrayList<>();
      for (DiffEntry e : entries) {
        (e.getChangeType() == ChangeType.MODIFY ? out : candidates).add(e);
      }
      RenameDetector rd = new RenameDetector(reader, diffConfig);
      rd.setRenameLimit(options.renameLimit());
      rd.setRenameScore(options.renameScore());
      rd.setBigFileThreshold((int) Math.min(Integer.MAX_VALUE, options.bigFileThreshold()));
      rd.addAll(candidates);
      for (DiffEntry e : rd.compute(reader, NullProgressMonitor.INSTANCE)) {
        // git -M uses each deleted file as the source of one rename only; JGit calls further matches copies,
        // which git reports as plain additions.
        out.add(e.getChangeType() == ChangeType.COPY ? Entry.add(e.getNewPath(), e.getNewMode(),
            e.getNewId().toObjectId()) : e);
      }
      out.sort(Comparator.comparing(CommitMiner::pathOf));
      return out;
    } catch (Exception e) {
      return entries; // the unreadable blob is reported on its own file below
    }
  }

  // -------------------------------------------------------------------------------------------------- files

  private static String pathOf(DiffEntry e) {
    return e.getChangeType() == ChangeType.DELETE ? e.getOldPath() : e.getNewPath();
  }

  private List<MinedFile> files(List<DiffEntry> scan) {
    if (scan.isEmpty()) {
      return List.of();
    }
    List<DiffEntry> entries = detectRenames(scan);
    List<MinedFile> out = new ArrayList<>(entries.size());
    long[] textBudget = {options.commitTextMaxBytes()};
    for (DiffEntry e : entries) {
      String path = pathOf(e);
      boolean keep = globs.accepts(path) || (e.getChangeType() == ChangeType.RENAME && globs.accepts(e.getOldPath()));
      if (keep) {
        out.add(file(e, path, textBudget));
      }
    }
    return out;
  }

  /**
   * A blob as read for diffing: its bytes, or only its size when it is over the threshold (never read), and its
   * line index once a diff has needed it.
   */
  private static final class Blob {
    static final Blob NONE = new Blob(null, EMPTY, 0, false);

    final ObjectId id;
    final byte[] bytes;
    final long size;
    final boolean binary;
    private GitText text;

    Blob(ObjectId id, byte[] bytes, long size, boolean binary) {
      this.id = id;
      this.bytes = bytes;
      this.size = size;
      this.binary = binary;
    }

    ObjectId id() {
      return id;
    }

    byte[] bytes() {
      return bytes;
    }

    long size() {
      return size;
    }

    boolean binary() {
      return binary;
    }

    GitText text() {
      if (text == null) {
        text = new GitText(bytes);
      }
      return text;
    }
  }

  // Recently read blobs: a commit's old version of a file is usually the new version its parent just read, so
  // each version is inflated and split into lines once. Bounded by bytes.
  private static final long BLOB_CACHE_BYTES = 16L << 20;
  private final BoundedLru<ObjectId, Blob> blobs = new BoundedLru<>(Integer.MAX_VALUE, BLOB_CACHE_BYTES, Blob::size);

  private Blob blob(AbbreviatedObjectId abbreviated, FileMode mode) throws IOException {
    if (mode == FileMode.MISSING) {
      return Blob.NONE;
    }
    ObjectId id = abbreviated.toObjectId();
    if (mode == FileMode.GITLINK) {
      // A submodule: git diffs it as the one line "Subproject commit <sha>".
      byte[] line = ("Subproject commit " + id.name() + "\n").getBytes(StandardCharsets.US_ASCII);
      return new Blob(id, line, line.length, false);
    }
    Blob cached = blobs.get(id);
    if (cached != null) {
      return cached;
    }
    ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
    long size = loader.getSize();
    if (size > options.bigFileThreshold()) {
      return new Blob(id, null, size, true);
    }
    byte[] bytes = loader.getCachedBytes((int) size);
    Blob blob = new Blob(id, bytes, size, Lines.isBinary(bytes));
    if (size <= BLOB_CACHE_BYTES / 16) {
      blobs.put(id, blob);
    }
    return blob;
  }

  private MinedFile file(DiffEntry e, String path, long[] textBudget) {
    ChangeType type = e.getChangeType();
    String oldPath = type == ChangeType.ADD ? null : e.getOldPath();
    String newPath = type == ChangeType.DELETE ? null : e.getNewPath();
    String language = Languages.of(path);
    boolean isTest = TestFiles.isTest(path);
    Blob oldBlob;
    Blob newBlob;
    try {
      oldBlob = blob(e.getOldId(), e.getOldMode());
      newBlob = type != ChangeType.ADD && type != ChangeType.DELETE && e.getOldId().equals(e.getNewId())
          && e.getOldMode() != FileMode.GITLINK && e.getNewMode() != FileMode.GITLINK
          ? oldBlob : blob(e.getNewId(), e.getNewMode());
    } catch (Exception ex) {
      return new MinedFile(path, type.name(), oldPath, newPath, language, false, isTest, 0, 0, null, null, null,
          true, List.of(), describe(ex));
    }
    boolean binary = oldBlob.binary() || newBlob.binary();
    if (binary) {
      return new MinedFile(path, type.name(), oldPath, newPath, language, true, isTest, 0, 0, null, null, null,
          oldBlob.bytes() == null || newBlob.bytes() == null, List.of(), null);
    }

    GitText a = oldBlob.text();
    GitText b = newBlob.text();
    List<LineEdit> edits = oldBlob == newBlob ? List.of() : edits(a, b);
    int added = UnifiedDiff.added(edits);
    int deleted = UnifiedDiff.deleted(edits);
    boolean truncated = false;

    String diff = null;
    if (options.diffMaxBytes() > 0) {
      long max = Math.min(options.diffMaxBytes(), Math.max(0, textBudget[0]));
      UnifiedDiff.Rendered r = UnifiedDiff.render(a, b, edits, CONTEXT_LINES, max);
      diff = r.text();
      truncated |= r.truncated();
      textBudget[0] -= diff.length();
    }

    String oldContent = null;
    String newContent = null;
    if (options.contents()) {
      if (type != ChangeType.ADD) {
        oldContent = content(oldBlob, textBudget);
        truncated |= oldContent == null;
      }
      if (type != ChangeType.DELETE) {
        newContent = oldBlob == newBlob && oldContent != null ? oldContent : content(newBlob, textBudget);
        truncated |= newContent == null;
      }
    }

    List<String> methods = List.of();
    if (options.changedMethods() && !edits.isEmpty()) {
      Grammar grammar = Grammar.forPath(path).orElse(null);
      if (grammar != null) {
        boolean needOld = ChangedMethods.deletes(edits);
        boolean needNew = ChangedMethods.adds(edits);
        if ((needOld && oldBlob.size() > options.parseMaxBytes())
            || (needNew && newBlob.size() > options.parseMaxBytes())) {
          truncated = true;
        } else {
          methods = changedMethods(grammar, oldBlob, newBlob, a, b, edits, needOld, needNew);
        }
      }
    }
    return new MinedFile(path, type.name(), oldPath, newPath, language, false, isTest, added, deleted, diff,
        oldContent, newContent, truncated, methods, null);
  }

  private String content(Blob blob, long[] textBudget) {
    if (blob.size() > options.contentMaxBytes() || blob.size() > textBudget[0]) {
      return null;
    }
    textBudget[0] -= blob.size();
    return LenientText.utf8(blob.bytes());
  }

  /**
   * One diff per file, git's own (xdiff's Myers with its heuristics, so counts equal git's numstat even where git's
   * script is not the shortest): the single source of counts, hunks and changed lines.
   */
  private static List<LineEdit> edits(GitText a, GitText b) {
    return GitMyersDiff.diff(a, b);
  }

  /** Functions of the old version around deleted lines and of the new version around added lines. */
  private List<String> changedMethods(Grammar grammar, Blob oldBlob, Blob newBlob, GitText a, GitText b,
      List<LineEdit> edits, boolean needOld, boolean needNew) {
    if (parser == null) {
      parser = new CodeParser();
    }
    TreeKey oldKey = new TreeKey(oldBlob.id(), grammar);
    SyntaxTree oldTree = oldBlob.id() == null ? null : treeOfBlob.get(oldKey);
    if (needOld && oldTree == null) {
      oldTree = parser.parse(grammar, oldBlob.bytes());
      treeOfBlob.put(oldKey, oldTree);
    }
    List<FunctionSpan> oldFns = new ArrayList<>();
    List<FunctionSpan> newFns = new ArrayList<>();
    if (needOld) {
      for (LineEdit e : edits) {
        if (e.deleted() > 0) {
          oldFns.addAll(oldTree.functionsInLines(e.beginA() + 1, e.endA()));
        }
      }
    }
    // The new version is parsed even when only lines were deleted: it is the next commit's old version, and from
    // the old tree it costs little.
    if (newBlob.id() != null && (needNew || oldTree != null)) {
      TreeKey newKey = new TreeKey(newBlob.id(), grammar);
      SyntaxTree newTree = treeOfBlob.get(newKey);
      if (newTree == null) {
        newTree = oldTree != null ? parser.reparse(oldTree, newBlob.bytes(), TreeEdits.of(a, b, edits))
            : parser.parse(grammar, newBlob.bytes());
        treeOfBlob.put(newKey, newTree);
      }
      if (needNew) {
        for (LineEdit e : edits) {
          if (e.added() > 0) {
            newFns.addAll(newTree.functionsInLines(e.beginB() + 1, e.endB()));
          }
        }
      }
    }
    oldFns.sort(Comparator.comparingInt(FunctionSpan::startByte));
    newFns.sort(Comparator.comparingInt(FunctionSpan::startByte));
    return ChangedMethods.of(oldFns, newFns, edits);
  }

  /** JGit's line-indexed text, seen as the {@link LineText} the diff renderer reads. */
  private static final class GitText extends RawText implements LineText {
    GitText(byte[] content) {
      super(content);
    }

    @Override
    public byte[] bytes() {
      return content;
    }

    @Override
    public int lineCount() {
      return size();
    }

    @Override
    public int start(int line) {
      return lines.get(line + 1);
    }

    @Override
    public int end(int line) {
      return lines.get(line + 2);
    }
  }

  // -------------------------------------------------------------------------------------------------- trees

  /**
   * Every path in the commit's tree, sorted: the parent's listing patched with the differences already scanned
   * when the parent was mined just before (the usual case in a topological slice), else a walk of the whole tree.
   */
  private String[] paths(ObjectId commit, ObjectId firstParent, ObjectId tree, List<DiffEntry> scan)
      throws IOException {
    String[] parentPaths = firstParent == null ? NO_PATHS : pathsOfCommit.get(firstParent);
    String[] paths = parentPaths == null ? listTree(tree) : patch(parentPaths, scan);
    pathsOfCommit.put(commit.copy(), paths);
    return paths;
  }

  private String[] listTree(ObjectId tree) throws IOException {
    walk.reset();
    walk.setRecursive(true);
    walk.setFilter(TreeFilter.ALL);
    walk.addTree(tree);
    List<String> out = new ArrayList<>();
    while (walk.next()) {
      out.add(LenientText.utf8(walk.getRawPath()));
    }
    String[] paths = out.toArray(NO_PATHS);
    Arrays.sort(paths);
    return paths;
  }

  private static String[] patch(String[] parent, List<DiffEntry> scan) {
    Set<String> removed = new HashSet<>();
    List<String> added = new ArrayList<>();
    for (DiffEntry e : scan) {
      if (e.getChangeType() == ChangeType.DELETE) {
        removed.add(e.getOldPath());
      } else if (e.getChangeType() == ChangeType.ADD) {
        added.add(e.getNewPath());
      }
    }
    if (removed.isEmpty() && added.isEmpty()) {
      return parent;
    }
    added.sort(null);
    String[] out = new String[parent.length - removed.size() + added.size()];
    int n = 0;
    int j = 0;
    for (String p : parent) {
      if (removed.contains(p)) {
        continue;
      }
      while (j < added.size() && added.get(j).compareTo(p) < 0) {
        out[n++] = added.get(j++);
      }
      out[n++] = p;
    }
    while (j < added.size()) {
      out[n++] = added.get(j++);
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  // -------------------------------------------------------------------------------------------------- misc

  static String describe(Throwable e) {
    if (e instanceof MissingObjectException m) {
      return "missing object " + m.getObjectId().name() + " (damaged or incomplete repository)";
    }
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  @Override
  public void close() {
    walk.close();
    reader.close();
  }
}
