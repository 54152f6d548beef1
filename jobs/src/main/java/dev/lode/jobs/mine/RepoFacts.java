package dev.lode.jobs.mine;

import dev.lode.mine.LenientText;
import dev.lode.mine.LicenseClassifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Facts about a repository read on the driver at its head: the license. */
public final class RepoFacts {
  private RepoFacts() {}

  /** License texts longer than this are not license files. */
  private static final int LICENSE_MAX_BYTES = 256 * 1024;

  /**
   * The SPDX id of the first recognised LICENSE/LICENCE/COPYING file at the root of {@code head}'s tree (plain
   * names before .md/.txt), or empty.
   */
  public static Optional<String> license(Repository repo, ObjectId head) throws IOException {
    try (ObjectReader reader = repo.newObjectReader(); RevWalk rw = new RevWalk(reader);
        TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(rw.parseCommit(head).getTree());
      tw.setRecursive(false);
      record Candidate(String name, ObjectId id) {}
      List<Candidate> candidates = new ArrayList<>();
      while (tw.next()) {
        if (tw.getFileMode(0).getObjectType() == Constants.OBJ_BLOB && tw.getFileMode(0) != FileMode.GITLINK
            && LicenseClassifier.isLicenseFileName(tw.getNameString())) {
          candidates.add(new Candidate(tw.getNameString(), tw.getObjectId(0)));
        }
      }
      candidates.sort(Comparator.comparingInt((Candidate c) -> c.name().length()).thenComparing(Candidate::name));
      for (Candidate c : candidates) {
        ObjectLoader loader = reader.open(c.id(), Constants.OBJ_BLOB);
        if (loader.getSize() > LICENSE_MAX_BYTES) {
          continue;
        }
        Optional<String> spdx = LicenseClassifier.classify(LenientText.utf8(loader.getCachedBytes()));
        if (spdx.isPresent()) {
          return spdx;
        }
      }
      return Optional.empty();
    }
  }
}
