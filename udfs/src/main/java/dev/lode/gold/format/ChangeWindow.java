package dev.lode.gold.format;

import dev.lode.code.ChangedFile;
import dev.lode.diff.GitMyersDiff;
import dev.lode.diff.LineEdit;
import dev.lode.diff.TextLines;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Fits a change into a token budget: whole files when they fit, else a window around each file's changed lines with
 * as much context (up to {@code maxContext} lines on each side) as the budget allows. Lines outside the changed
 * region are the same before and after, so one context size gives matching before and after windows.
 */
public final class ChangeWindow {
  private ChangeWindow() {}

  /**
   * The edits of {@code files} (whole, or windowed with the largest context that fits), or null when even the
   * changed lines alone cost more than {@code budget} tokens as measured by {@code cost}.
   */
  public static List<FileEdit> fit(List<ChangedFile> files, int maxContext, int budget,
      ToIntFunction<List<FileEdit>> cost) {
    List<FileEdit> whole = files.stream().map(FileEdit::whole).toList();
    if (cost.applyAsInt(whole) <= budget) {
      return whole;
    }
    List<FileEdit> best = null;
    int lo = 0;
    int hi = maxContext;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      List<FileEdit> w = around(files, mid);
      if (cost.applyAsInt(w) <= budget) {
        best = w;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best;
  }

  /** Each file windowed to its changed lines and {@code context} lines on each side. */
  public static List<FileEdit> around(List<ChangedFile> files, int context) {
    List<FileEdit> out = new ArrayList<>();
    for (ChangedFile f : files) {
      out.add(around(f, context));
    }
    return out;
  }

  static FileEdit around(ChangedFile f, int context) {
    List<String> a = TextLines.split(f.beforeText());
    List<String> b = TextLines.split(f.afterText());
    if (f.isAdd() || f.isDelete()) {
      return FileEdit.whole(f); // nothing to anchor a window on: an added or deleted file is shown whole
    }
    List<LineEdit> edits = GitMyersDiff.diff(a, b);
    if (edits.isEmpty()) {
      return FileEdit.whole(f);
    }
    LineEdit first = edits.get(0);
    LineEdit last = edits.get(edits.size() - 1);
    int aStart = Math.max(0, first.beginA() - context);
    int bStart = first.beginB() - (first.beginA() - aStart);
    int tail = Math.min(context, a.size() - last.endA());
    int aEnd = last.endA() + tail;
    int bEnd = last.endB() + tail;
    return new FileEdit(f.path(), f.language(), f.changeType(), TextLines.join(a, aStart, aEnd),
        TextLines.join(b, bStart, bEnd), aStart + 1, bStart + 1, a.size(), b.size(), f.beforeText());
  }
}
