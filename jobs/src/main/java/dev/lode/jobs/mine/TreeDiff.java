package dev.lode.jobs.mine;

import dev.lode.config.MineConfig;
import dev.lode.mine.LenientText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The files that differ between two trees, as {@code git log -M} lists them: a walk of both trees ({@link #scan}),
 * then git's rename detection over the additions and deletions ({@link #withRenames}). Paths are decoded leniently
 * (invalid bytes replaced), as every path in bronze is.
 */
final class TreeDiff {
  private final ObjectReader reader;
  private final TreeWalk walk;
  private final DiffConfig diffConfig;
  private final MineConfig config;

  TreeDiff(Repository repository, ObjectReader reader, MineConfig config) {
    this.reader = reader;
    this.walk = new TreeWalk(repository, reader);
    this.diffConfig = repository.getConfig().get(DiffConfig.KEY);
    this.config = config;
  }

  /** The path a change is known by: the new path, the old one for a deletion. */
  static String pathOf(DiffEntry e) {
    return e.getChangeType() == ChangeType.DELETE ? e.getOldPath() : e.getNewPath();
  }

  /** The files that differ between {@code baseTree} (null: the empty tree) and {@code tree}, renames not found yet. */
  List<DiffEntry> scan(ObjectId baseTree, ObjectId tree) throws IOException {
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

  /**
   * {@code entries} with renames as git log -M finds them, sorted by path; a repository too damaged for rename
   * detection keeps the plain additions and deletions.
   */
  List<DiffEntry> withRenames(List<DiffEntry> entries) {
    if (config.renameLimit() == 0) {
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
      rd.setRenameLimit(config.renameLimit());
      rd.setRenameScore(config.renameScore());
      rd.setBigFileThreshold((int) Math.min(Integer.MAX_VALUE, config.bigFileThreshold()));
      rd.addAll(candidates);
      for (DiffEntry e : rd.compute(reader, NullProgressMonitor.INSTANCE)) {
        // git -M uses each deleted file as the source of one rename only; JGit calls further matches copies,
        // which git reports as plain additions.
        out.add(e.getChangeType() == ChangeType.COPY ? Entry.add(e.getNewPath(), e.getNewMode(),
            e.getNewId().toObjectId()) : e);
      }
      out.sort(Comparator.comparing(TreeDiff::pathOf));
      return out;
    } catch (Exception e) {
      return entries; // the unreadable blob is reported on its own file
    }
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
}
