package dev.lode.jobs.mine;

import dev.lode.mine.BoundedLru;
import dev.lode.mine.LenientText;
import dev.lode.mine.PathGlobs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Every path of a commit's tree (bronze.trees), sorted: the parent's listing patched with the differences already
 * scanned when the parent was mined just before (the usual case in a topological slice), else a walk of the whole
 * tree.
 */
final class TreeListing {
  private static final String[] NO_PATHS = new String[0];

  /**
   * A commit's kept paths (at most {@code mine.tree_max_paths}), how many its tree has, and whether some were cut;
   * {@link #NONE} (no paths) when trees are not listed.
   */
  record Listed(int count, List<String> paths, boolean truncated) {
    static final Listed NONE = new Listed(0, null, false);
  }

  private final TreeWalk walk;
  private final int maxPaths;
  private final BoundedLru<ObjectId, String[]> pathsOfCommit = BoundedLru.ofEntries(8);

  TreeListing(Repository repository, ObjectReader reader, int maxPaths) {
    this.walk = new TreeWalk(repository, reader);
    this.maxPaths = maxPaths;
  }

  /**
   * The paths of {@code tree}, the tree of {@code commit}, that {@code globs} keep. {@code scan} is the commit's
   * difference from {@code firstParent} before rename detection.
   */
  Listed list(ObjectId commit, ObjectId firstParent, ObjectId tree, List<DiffEntry> scan, PathGlobs globs)
      throws IOException {
    int count = 0;
    String[] all = paths(commit, firstParent, tree, scan);
    List<String> kept = new ArrayList<>(Math.min(all.length, maxPaths));
    for (String p : all) {
      if (globs.accepts(p)) {
        count++;
        if (kept.size() < maxPaths) {
          kept.add(p);
        }
      }
    }
    return new Listed(count, kept, kept.size() < count);
  }

  private String[] paths(ObjectId commit, ObjectId firstParent, ObjectId tree, List<DiffEntry> scan)
      throws IOException {
    String[] parentPaths = firstParent == null ? NO_PATHS : pathsOfCommit.get(firstParent);
    String[] paths = parentPaths == null ? walk(tree) : patch(parentPaths, scan);
    pathsOfCommit.put(commit.copy(), paths);
    return paths;
  }

  private String[] walk(ObjectId tree) throws IOException {
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
}
