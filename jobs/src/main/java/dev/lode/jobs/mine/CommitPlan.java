package dev.lode.jobs.mine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which commits a run mines, listed cheaply on the driver with a revision walk (no diffs): the commits reachable
 * from the default branch (or every branch) that the watermarks do not already cover, parents first, each once.
 *
 * @param defaultBranch short name of the branch mined by default; null for a detached or empty repository
 * @param head the default branch's commit; null for an empty repository
 * @param commits commits to mine, parents before children
 * @param inMain for each of {@code commits}, whether it is reachable from {@code head}
 * @param nowInMain commits mined earlier off the default branch that it has since reached (with all branches)
 * @param heads every branch tip mined (with all branches), else empty
 */
public record CommitPlan(String defaultBranch, ObjectId head, List<ObjectId> commits, BitSet inMain,
    List<ObjectId> nowInMain, List<String> heads) {

  /**
   * Plans a run.
   *
   * @param branch the branch to mine by default, or null for HEAD's
   * @param lastMined the default branch's watermark from bronze.repos, or null
   * @param minedHeads every branch tip mined before (all-branches watermark), or empty
   */
  public static CommitPlan of(Repository repo, String branch, boolean allBranches, String lastMined,
      List<String> minedHeads) throws IOException {
    String branchName;
    ObjectId head;
    if (branch != null && !branch.isBlank()) {
      Ref ref = findBranch(repo, branch);
      if (ref == null) {
        throw new IllegalArgumentException("branch '" + branch + "' does not exist");
      }
      branchName = branch;
      head = ref.getObjectId();
    } else {
      Ref ref = repo.exactRef(Constants.HEAD);
      if (ref == null) {
        return empty(null);
      }
      Ref target = ref.getTarget();
      branchName = ref.isSymbolic() ? Repository.shortenRefName(target.getName()) : null;
      head = target.getObjectId();
    }
    if (head == null) {
      return empty(branchName); // unborn branch: an empty repository
    }

    try (RevWalk rw = new RevWalk(repo)) {
      Set<ObjectId> watermarks = new LinkedHashSet<>();
      if (lastMined != null) {
        watermarks.add(ObjectId.fromString(lastMined));
      }
      for (String h : minedHeads) {
        watermarks.add(ObjectId.fromString(h));
      }

      List<ObjectId> commits = new ArrayList<>();
      BitSet inMain = new BitSet();
      List<ObjectId> nowInMain = new ArrayList<>();

      // Commits mined earlier on other branches: the main walk must not mine them again, only re-flag them.
      Set<ObjectId> minedOffMain = new HashSet<>();
      if (!minedHeads.isEmpty()) {
        startWalk(rw, minedHeads.stream().map(ObjectId::fromString).toList(),
            lastMined == null ? Set.of() : Set.of(ObjectId.fromString(lastMined)));
        for (RevCommit c : rw) {
          minedOffMain.add(c.copy());
        }
      }

      Set<ObjectId> mainUninteresting = new LinkedHashSet<>();
      if (lastMined != null) {
        mainUninteresting.add(ObjectId.fromString(lastMined));
      }
      startWalk(rw, List.of(head), mainUninteresting);
      for (RevCommit c : rw) {
        if (minedOffMain.contains(c)) {
          nowInMain.add(c.copy());
        } else {
          inMain.set(commits.size());
          commits.add(c.copy());
        }
      }

      List<String> heads = new ArrayList<>();
      if (allBranches) {
        List<ObjectId> tips = new ArrayList<>();
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
          addTip(repo, r, tips);
        }
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
          if (!r.isSymbolic()) {
            addTip(repo, r, tips);
          }
        }
        Set<ObjectId> uninteresting = new LinkedHashSet<>(watermarks);
        uninteresting.add(head);
        startWalk(rw, tips, uninteresting);
        for (RevCommit c : rw) {
          commits.add(c.copy()); // off the default branch: not in main
        }
        Set<String> seen = new LinkedHashSet<>();
        seen.add(head.name());
        for (ObjectId t : tips) {
          seen.add(t.name());
        }
        heads.addAll(seen);
      }
      return new CommitPlan(branchName, head.copy(), commits, inMain, nowInMain, heads);
    }
  }

  private static CommitPlan empty(String branch) {
    return new CommitPlan(branch, null, List.of(), new BitSet(), List.of(), List.of());
  }

  private static Ref findBranch(Repository repo, String branch) throws IOException {
    for (String name : List.of(Constants.R_HEADS + branch, Constants.R_REMOTES + "origin/" + branch, branch)) {
      Ref ref = repo.exactRef(name);
      if (ref != null && ref.getObjectId() != null) {
        return ref;
      }
    }
    return null;
  }

  /** Branch tips that are commits (a ref may point at a tag or a tree: those are not branches). */
  private static void addTip(Repository repo, Ref ref, List<ObjectId> tips) throws IOException {
    ObjectId id = ref.getObjectId();
    if (id == null) {
      return;
    }
    try (RevWalk rw = new RevWalk(repo)) {
      tips.add(rw.parseCommit(id).copy());
    } catch (IncorrectObjectTypeException | MissingObjectException e) {
      // not a commit, or gone: nothing to mine there
    }
  }

  /** Resets {@code rw} to walk from {@code starts}, excluding what {@code stops} reach, parents first. */
  private static void startWalk(RevWalk rw, List<ObjectId> starts, Set<ObjectId> stops) throws IOException {
    rw.reset();
    rw.sort(RevSort.TOPO, true);
    rw.sort(RevSort.REVERSE, true);
    for (ObjectId s : starts) {
      rw.markStart(rw.parseCommit(s));
    }
    for (ObjectId s : stops) {
      try {
        rw.markUninteresting(rw.parseCommit(s));
      } catch (MissingObjectException | IncorrectObjectTypeException e) {
        // a watermark that history no longer has (rewritten): mine everything, the MERGE skips what exists
      }
    }
  }

  /** Commits to mine, in order. */
  public int size() {
    return commits.size();
  }
}
