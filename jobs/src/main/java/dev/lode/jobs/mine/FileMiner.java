package dev.lode.jobs.mine;

import dev.lode.code.ChangedFile;
import dev.lode.code.Grammar;
import dev.lode.code.Languages;
import dev.lode.code.TestFiles;
import dev.lode.config.MineConfig;
import dev.lode.diff.GitHunks;
import dev.lode.diff.GitMyersDiff;
import dev.lode.diff.LineEdit;
import dev.lode.jobs.mine.BlobReader.Blob;
import dev.lode.mine.LenientText;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffEntry.ChangeType;
import org.eclipse.jgit.lib.FileMode;

/**
 * Mines one changed file into a {@link ChangedFile}: each file is diffed once, with git's own line diff
 * ({@link GitMyersDiff}), and that one edit list yields git's numstat counts, the diff's hunks and the lines that
 * locate changed methods. Texts are kept within the commit's {@link TextBudget}; a file that cannot be read comes back
 * with its error.
 */
final class FileMiner {
  private static final int CONTEXT_LINES = 3;

  private final MineConfig config;
  private final MinedParts parts;
  private final BlobReader blobs;
  private final MethodLocator methods = new MethodLocator();

  FileMiner(MineConfig config, MinedParts parts, BlobReader blobs) {
    this.config = config;
    this.parts = parts;
    this.blobs = blobs;
  }

  ChangedFile mine(DiffEntry e, TextBudget budget) {
    String path = TreeDiff.pathOf(e);
    ChangeType type = e.getChangeType();
    ChangedFile.Builder out = ChangedFile.of(path, type.name())
        .oldPath(type == ChangeType.ADD ? null : e.getOldPath())
        .newPath(type == ChangeType.DELETE ? null : e.getNewPath())
        .language(Languages.of(path)).test(TestFiles.isTest(path));
    Blob oldBlob;
    Blob newBlob;
    try {
      oldBlob = blobs.read(e.getOldId(), e.getOldMode());
      newBlob = type != ChangeType.ADD && type != ChangeType.DELETE && e.getOldId().equals(e.getNewId())
          && e.getOldMode() != FileMode.GITLINK && e.getNewMode() != FileMode.GITLINK
          ? oldBlob : blobs.read(e.getNewId(), e.getNewMode());
    } catch (Exception ex) {
      return out.truncated(true).error(CommitMiner.describe(ex)).build();
    }
    if (oldBlob.binary || newBlob.binary) {
      return out.binary(true).truncated(oldBlob.bytes == null || newBlob.bytes == null).build();
    }

    List<LineEdit> edits = oldBlob == newBlob ? List.of() : GitMyersDiff.diff(oldBlob.text(), newBlob.text());
    boolean truncated = false;

    String diff = null;
    if (config.diffMaxBytes() > 0) {
      long max = Math.min(config.diffMaxBytes(), budget.left());
      GitHunks.Rendered r = GitHunks.render(oldBlob.text(), newBlob.text(), edits, CONTEXT_LINES, max);
      diff = r.text();
      truncated |= r.truncated();
      budget.spend(diff.length());
    }

    String oldContent = null;
    String newContent = null;
    if (parts.contents()) {
      if (type != ChangeType.ADD) {
        oldContent = content(oldBlob, budget);
        truncated |= oldContent == null;
      }
      if (type != ChangeType.DELETE) {
        newContent = oldBlob == newBlob && oldContent != null ? oldContent : content(newBlob, budget);
        truncated |= newContent == null;
      }
    }

    List<String> changedMethods = List.of();
    Grammar grammar = parts.changedMethods(config.changedMethods()) && !edits.isEmpty()
        ? Grammar.forPath(path).orElse(null) : null;
    if (grammar != null) {
      if ((LineEdit.deleted(edits) > 0 && oldBlob.size > config.parseMaxBytes())
          || (LineEdit.added(edits) > 0 && newBlob.size > config.parseMaxBytes())) {
        truncated = true; // too large to parse: methods left out
      } else {
        changedMethods = methods.changedMethods(grammar, oldBlob, newBlob, edits);
      }
    }
    return out.lines(LineEdit.added(edits), LineEdit.deleted(edits)).diff(diff).texts(oldContent, newContent)
        .truncated(truncated).changedMethods(changedMethods).build();
  }

  /** The blob's text, or null when it is over {@code mine.content_max_bytes} or what the commit has left. */
  private String content(Blob blob, TextBudget budget) {
    if (blob.size > config.contentMaxBytes() || !budget.fits(blob.size)) {
      return null;
    }
    budget.spend(blob.size);
    return LenientText.utf8(blob.bytes);
  }
}
