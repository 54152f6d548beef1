package dev.lode.jobs.mine;

import dev.lode.code.ChangedMethods;
import dev.lode.code.CodeParser;
import dev.lode.code.Grammar;
import dev.lode.code.SyntaxTree;
import dev.lode.code.TreeEdits;
import dev.lode.diff.LineEdit;
import dev.lode.jobs.mine.BlobReader.Blob;
import dev.lode.mine.BoundedLru;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Locates a file change's changed methods ({@link ChangedMethods}) with tree-sitter, keeping the parsed versions of
 * recently seen files: a child commit's old version is usually its parent's new one, and a new version is parsed
 * incrementally from the old version's tree. The parser (native memory) is made on first use.
 */
final class MethodLocator {
  private CodeParser parser;
  // Bounded by count and by source size: a tree's native memory is some tens of times its source.
  private final BoundedLru<TreeKey, SyntaxTree> trees = new BoundedLru<>(128, 8L << 20, t -> t.utf8().length);

  private record TreeKey(ObjectId blob, Grammar grammar) {}

  /** The methods {@code edits} (non-empty) touch between the two versions. */
  List<String> changedMethods(Grammar grammar, Blob oldBlob, Blob newBlob, List<LineEdit> edits) {
    if (parser == null) {
      parser = new CodeParser();
    }
    boolean deletes = LineEdit.deleted(edits) > 0;
    boolean adds = LineEdit.added(edits) > 0;
    TreeKey oldKey = new TreeKey(oldBlob.id, grammar);
    SyntaxTree oldTree = oldBlob.id == null ? null : trees.get(oldKey);
    if (deletes && oldTree == null) {
      oldTree = parser.parse(grammar, oldBlob.bytes);
      trees.put(oldKey, oldTree);
    }
    // The new version is parsed even when lines were only deleted: it is the next commit's old version, and from
    // the old tree it costs little.
    SyntaxTree newTree = null;
    if (newBlob.id != null && (adds || oldTree != null)) {
      TreeKey newKey = new TreeKey(newBlob.id, grammar);
      newTree = trees.get(newKey);
      if (newTree == null) {
        newTree = oldTree != null
            ? parser.reparse(oldTree, newBlob.bytes, TreeEdits.of(oldBlob.text(), newBlob.text(), edits))
            : parser.parse(grammar, newBlob.bytes);
        trees.put(newKey, newTree);
      }
    }
    return ChangedMethods.in(oldTree, newTree, edits);
  }
}
