package dev.lode.gold.generate;

import dev.lode.code.ChangedFile;
import dev.lode.code.CodeParser;
import dev.lode.code.FunctionSpan;
import dev.lode.code.Grammar;
import dev.lode.code.SyntaxTree;
import dev.lode.diff.GitMyersDiff;
import dev.lode.diff.LineEdit;
import dev.lode.diff.TextLines;
import dev.lode.gold.Check;
import dev.lode.gold.Commit;
import dev.lode.gold.Example;
import dev.lode.gold.Message;
import dev.lode.gold.Rejections;
import dev.lode.gold.Seeds;
import dev.lode.gold.format.ChangeWindow;
import dev.lode.gold.format.EditFormat;
import dev.lode.gold.format.FileEdit;
import dev.lode.gold.format.TokenEstimator;
import dev.lode.gold.mutate.Mutant;
import dev.lode.gold.mutate.MutantValidator;
import dev.lode.gold.mutate.MutationKind;
import dev.lode.gold.mutate.Mutator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * BugFixer: plants a bug ({@link Mutator}) in a function the commit touched, in the code after the commit, and asks
 * for the fix: prompt = the mutated code and a symptom, completion = the edit back to the commit's code. Mutants are
 * tried in a seeded order that takes the kinds in turn; each is kept only if {@link MutantValidator} passes it.
 */
public final class BugFixer {
  public static final String NAME = "bug_fixer";
  public static final String UNPARSEABLE = "original_unparseable";

  /** A validated mutant of one file of the commit. */
  public record Planted(ChangedFile file, Mutant mutant, List<Check> checks) {}

  private final CodeParser parser;
  private final MutantValidator validator;
  private final Set<MutationKind> kinds;
  private final long seed;

  public BugFixer(CodeParser parser, Set<MutationKind> kinds, long seed) {
    this.parser = parser;
    this.validator = new MutantValidator(parser);
    this.kinds = kinds;
    this.seed = seed;
  }

  /** Up to {@code limit} validated mutants of the touched functions of the commit's source files, best first. */
  public List<Planted> plant(Commit commit, int limit, Rejections rejections) {
    List<Planted> out = new ArrayList<>();
    List<Planted> candidates = new ArrayList<>();
    Map<ChangedFile, SyntaxTree> trees = new LinkedHashMap<>();
    for (ChangedFile f : commit.sources()) {
      Grammar g = Grammar.forPath(f.path()).orElse(null);
      if (g == null || f.after() == null || f.isDelete()) {
        continue;
      }
      SyntaxTree tree = parser.parse(g, f.after());
      if (tree.hasErrors()) {
        rejections.add(NAME, UNPARSEABLE);
        continue;
      }
      trees.put(f, tree);
      for (Mutant m : Mutator.candidates(tree, touched(f, tree), kinds)) {
        candidates.add(new Planted(f, m, List.of()));
      }
    }
    SplittableRandom random = Seeds.random(seed, commit.repoId(), commit.sha(), NAME);
    Set<String> seen = new HashSet<>();
    for (Planted p : interleaveKinds(candidates, random)) {
      if (out.size() >= limit) {
        break;
      }
      if (!seen.add(p.file().path() + "#" + p.mutant().key())) {
        continue; // the same site found twice (nested touched functions)
      }
      SyntaxTree original = trees.get(p.file());
      List<Check> checks = validator.validate(original.grammar(), original, p.mutant());
      String refusal = MutantValidator.refusal(checks);
      if (refusal != null) {
        rejections.add(NAME, refusal);
        continue;
      }
      out.add(new Planted(p.file(), p.mutant(), checks));
    }
    return out;
  }

  /** The functions the commit touched: those the miner named, else those overlapping the changed lines. */
  static List<FunctionSpan> touched(ChangedFile f, SyntaxTree tree) {
    List<FunctionSpan> all = tree.functions();
    List<FunctionSpan> named = all.stream()
        .filter(fn -> f.changedMethods().contains(fn.qualifiedName()) || f.changedMethods().contains(fn.name()))
        .toList();
    if (!named.isEmpty()) {
      return named;
    }
    List<LineEdit> edits = GitMyersDiff.diff(TextLines.split(f.beforeText()), TextLines.split(f.afterText()));
    return all.stream().filter(fn -> edits.stream()
        .anyMatch(e -> fn.overlapsLines(e.beginB() + 1, Math.max(e.beginB() + 1, e.endB())))).toList();
  }

  /** Candidates shuffled, then taken one kind at a time so that every kind is represented before any repeats. */
  private static List<Planted> interleaveKinds(List<Planted> candidates, SplittableRandom random) {
    Map<MutationKind, List<Planted>> byKind = new LinkedHashMap<>();
    List<Planted> shuffled = new ArrayList<>(candidates);
    Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
    for (Planted p : shuffled) {
      byKind.computeIfAbsent(p.mutant().kind(), k -> new ArrayList<>()).add(p);
    }
    List<List<Planted>> queues = new ArrayList<>(byKind.values());
    List<Planted> out = new ArrayList<>();
    for (int i = 0; !queues.isEmpty(); i++) {
      queues.removeIf(List::isEmpty);
      for (List<Planted> q : queues) {
        if (!q.isEmpty()) {
          out.add(q.remove(0));
        }
      }
      if (i > 100_000) {
        break;
      }
    }
    return out;
  }

  /** The example for one planted bug, its fix written in {@code format}; null if it does not fit the budget. */
  public Example example(Commit commit, Planted p, EditFormat format, int contextLines, int budget, int rank) {
    ChangedFile fix = ChangedFile.of(p.file().path(), ChangedFile.MODIFY).language(p.file().language())
        .texts(p.mutant().source(), p.file().after()).build();
    SplittableRandom random = Seeds.random(seed, commit.repoId(), commit.sha(), p.file().path(), p.mutant().key());
    String symptom = Symptoms.describe(p.mutant(), random);
    List<FileEdit> edits = ChangeWindow.fit(List.of(fix), contextLines, budget,
        e -> TokenEstimator.chat(prompt(symptom, format, e), format.render(e)));
    if (edits == null) {
      return null;
    }
    String completion = format.render(edits);
    String problem = format.verify(edits, completion);
    if (problem != null) {
      return null;
    }
    List<Check> checks = new ArrayList<>(p.checks());
    checks.add(Check.passed("applies", format.id() + " fix restores the commit's code"));
    return new Example(NAME + "/" + p.file().path() + "/" + p.mutant().key() + "/" + format.id(), null,
        Example.SYNTHETIC, "bugfix", NAME, format.id(), p.file().language(), prompt(symptom, format, edits),
        completion, checks);
  }

  static List<Message> prompt(String symptom, EditFormat format, List<FileEdit> edits) {
    return List.of(Message.system(Prompts.BUG_FIXER + format.instructions()),
        Message.user("Bug report: " + symptom + "\n" + Prompts.files(edits, false)));
  }
}
