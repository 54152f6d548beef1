package dev.lode.gold.generate;

import dev.lode.diff.TextLines;
import dev.lode.gold.PreferencePair;
import dev.lode.gold.format.FileEdit;
import java.util.ArrayList;
import java.util.List;

/**
 * DPO pairs from a commit: the real example's prompt, its real completion (chosen) and the same edit written so that
 * the code after it carries a validated mutant (rejected): a fix that looks right and is wrong in one place.
 */
public final class PreferencePairs {
  private PreferencePairs() {}

  public static final String SOURCE = "real_vs_mutant";

  public static List<PreferencePair> realVersusMutant(List<RealExamples.Rendered> real, List<BugFixer.Planted> mutants) {
    List<PreferencePair> out = new ArrayList<>();
    for (RealExamples.Rendered r : real) {
      for (BugFixer.Planted p : mutants) {
        List<FileEdit> wrong = withMutant(r.edits(), p);
        if (wrong == null) {
          continue;
        }
        String rejected = r.format().render(wrong);
        if (rejected.equals(r.example().completion())) {
          continue;
        }
        out.add(new PreferencePair(r.example().key(), r.example().prompt(), r.example().completion(), rejected,
            SOURCE + ":" + p.mutant().kind().id()));
        break; // one pair per real example, with the first mutant that lies inside its window
      }
    }
    return out;
  }

  /** The edits with the mutated file's after window replaced by the mutant's, or null if the mutant is outside it. */
  static List<FileEdit> withMutant(List<FileEdit> edits, BugFixer.Planted p) {
    List<FileEdit> out = new ArrayList<>();
    boolean placed = false;
    for (FileEdit e : edits) {
      if (!e.path().equals(p.file().path()) || e.isDelete()) {
        out.add(e);
        continue;
      }
      List<String> after = TextLines.split(p.file().afterText());
      List<String> mutated = TextLines.split(p.mutant().source());
      int from = e.firstLineAfter() - 1;
      int to = from + TextLines.split(e.after()).size();
      int delta = mutated.size() - after.size();
      // the mutated lines must lie inside the window, and the lines around it must be untouched
      if (!TextLines.join(after, 0, from).equals(TextLines.join(mutated, 0, from))
          || !TextLines.join(after, to, after.size()).equals(TextLines.join(mutated, to + delta, mutated.size()))
          || to + delta < from) {
        return null;
      }
      out.add(new FileEdit(e.path(), e.language(), e.changeType(), e.before(), TextLines.join(mutated, from,
          to + delta), e.firstLineBefore(), e.firstLineAfter(), e.totalLinesBefore(), mutated.size(),
          e.fullBefore()));
      placed = true;
    }
    return placed ? out : null;
  }
}
