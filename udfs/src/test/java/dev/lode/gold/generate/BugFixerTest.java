package dev.lode.gold.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.code.ChangedFile;
import dev.lode.code.CodeParser;
import dev.lode.code.FunctionSpan;
import dev.lode.code.Grammar;
import dev.lode.code.SyntaxTree;
import dev.lode.gold.Commit;
import dev.lode.gold.Example;
import dev.lode.gold.Rejections;
import dev.lode.gold.format.EditFormat;
import dev.lode.gold.format.SearchReplace;
import dev.lode.gold.mutate.Mutant;
import dev.lode.gold.mutate.MutantValidator;
import dev.lode.gold.mutate.MutationKind;
import dev.lode.gold.mutate.Mutator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BugFixerTest {
  private final CodeParser parser = new CodeParser();

  private List<Mutant> all(String language) {
    String src = Fixtures.CODE.get(language)[1];
    SyntaxTree tree = parser.parse(Grammar.forLanguage(language).orElseThrow(), src);
    assertFalse(tree.hasErrors(), "fixture parses");
    return Mutator.candidates(tree, tree.functions(), EnumSet.allOf(MutationKind.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"python", "java", "go", "rust", "javascript", "typescript"})
  void everyLanguageGetsValidMutantsOfSeveralKinds(String language) {
    Grammar g = Grammar.forLanguage(language).orElseThrow();
    String src = Fixtures.CODE.get(language)[1];
    SyntaxTree original = parser.parse(g, src);
    MutantValidator validator = new MutantValidator(parser);
    List<Mutant> valid = all(language).stream()
        .filter(m -> MutantValidator.refusal(validator.validate(g, original, m)) == null).toList();
    Set<MutationKind> kinds = valid.stream().map(Mutant::kind).collect(Collectors.toSet());
    assertTrue(kinds.containsAll(EnumSet.of(MutationKind.COMPARISON_FLIP, MutationKind.OFF_BY_ONE,
        MutationKind.NEGATED_CONDITION, MutationKind.SWAPPED_ARGUMENTS, MutationKind.REMOVED_RETURN,
        MutationKind.BOOLEAN_FLIP)), language + " kinds: " + kinds);
    for (Mutant m : valid) {
      assertFalse(parser.parse(g, m.source()).hasErrors(), m.detail());
      assertNotEquals(src, m.source());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"python", "java", "rust", "javascript", "typescript"})
  void defaultValuesAndFallbacksAreChanged(String language) {
    assertTrue(all(language).stream().anyMatch(m -> m.kind() == MutationKind.CHANGED_DEFAULT), language);
  }

  @Test
  void removedStatementsAndFlippedOperatorsReadAsExpected() {
    List<Mutant> py = all("python");
    assertTrue(py.stream().anyMatch(m -> m.kind() == MutationKind.COMPARISON_FLIP
        && m.source().contains("if value > low:")));
    assertTrue(py.stream().anyMatch(m -> m.kind() == MutationKind.OFF_BY_ONE
        && m.source().contains("if value <= low:")));
    assertTrue(py.stream().anyMatch(m -> m.kind() == MutationKind.COMPARISON_FLIP
        && m.source().contains("items[i] is not None")));
    assertTrue(py.stream().anyMatch(m -> m.kind() == MutationKind.REMOVED_STATEMENT
        && !m.source().contains("out.append(items[i])")));
    assertTrue(py.stream().anyMatch(m -> m.kind() == MutationKind.CHANGED_DEFAULT
        && m.source().contains("def window(items, start, size=4):")));
    List<Mutant> rs = all("rust");
    assertTrue(rs.stream().anyMatch(m -> m.source().contains("for i in 0..=xs.len()")));
    assertTrue(rs.stream().anyMatch(m -> m.source().contains("extra.unwrap_or(1)")));
  }

  @Test
  void mutantsThatDoNotParseOrMeanTheSameAreRefused() {
    Grammar g = Grammar.PYTHON;
    String src = "def f(a, b):\n    if a:\n        return g(b, b)\n    return a  # done\n";
    SyntaxTree original = parser.parse(g, src);
    MutantValidator validator = new MutantValidator(parser);
    int start = src.indexOf("g(b, b)") + 2;
    Mutant sameArgs = new Mutant(MutationKind.SWAPPED_ARGUMENTS, "f", start, start + 4, "b, b", "b and b swapped",
        "g", src);
    assertEquals(MutantValidator.NO_SEMANTIC_CHANGE, MutantValidator.refusal(validator.validate(g, original, sameArgs)));
    String commentOnly = src.replace("# done", "# finished");
    Mutant comment = new Mutant(MutationKind.REMOVED_STATEMENT, "f", 0, 0, "", "comment", null, commentOnly);
    assertEquals(MutantValidator.NO_SEMANTIC_CHANGE, MutantValidator.refusal(validator.validate(g, original, comment)));
    String broken = src.replace("g(b, b)", "g(b, b");
    Mutant emptied = new Mutant(MutationKind.REMOVED_STATEMENT, "f", 0, 0, "", "paren removed", null, broken);
    assertEquals(MutantValidator.PARSE_ERROR, MutantValidator.refusal(validator.validate(g, original, emptied)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"python", "java", "go", "rust", "javascript", "typescript"})
  void bugFixExamplesShowTheMutantAndAnswerWithTheFix(String language) {
    Commit commit = Fixtures.commit(language);
    BugFixer fixer = new BugFixer(parser, EnumSet.allOf(MutationKind.class), 7);
    Rejections rejections = new Rejections();
    List<BugFixer.Planted> planted = fixer.plant(commit, 8, rejections);
    assertFalse(planted.isEmpty(), language);
    // only functions the commit touched are mutated: clamp, not the other function
    for (BugFixer.Planted p : planted) {
      assertTrue(p.mutant().function().toLowerCase().contains("clamp"), p.mutant().function());
    }
    BugFixer.Planted p = planted.get(0);
    Example e = fixer.example(commit, p, EditFormat.SEARCH_REPLACE, 40, 4096, 0);
    assertEquals("bugfix", e.task());
    assertTrue(e.prompt().get(1).content().contains("Bug report:"));
    String fixed = SearchReplace.apply(p.mutant().source(), SearchReplace.parse(e.completion()), p.file().path());
    assertEquals(p.file().after(), fixed, "the completion restores the commit's code");
    assertTrue(e.validation().stream().anyMatch(c -> c.check().equals("parses") && c.passed()));
    assertTrue(e.validation().stream().anyMatch(c -> c.check().equals("differs_in_meaning") && c.passed()));
  }

  @Test
  void theSameSeedPlantsTheSameBugs() {
    Commit commit = Fixtures.commit("go");
    BugFixer a = new BugFixer(parser, EnumSet.allOf(MutationKind.class), 11);
    BugFixer b = new BugFixer(new CodeParser(), EnumSet.allOf(MutationKind.class), 11);
    assertEquals(a.plant(commit, 6, new Rejections()).stream().map(p -> p.mutant().key()).toList(),
        b.plant(commit, 6, new Rejections()).stream().map(p -> p.mutant().key()).toList());
  }

  @Test
  void touchedFunctionsComeFromTheChangedLinesWhenTheMinerNamedNone() {
    Commit commit = Fixtures.commit("python");
    ChangedFile f = commit.files().get(0);
    SyntaxTree tree = parser.parse(Grammar.PYTHON, f.after());
    assertEquals(List.of("clamp"), BugFixer.touched(f, tree).stream().map(FunctionSpan::name).toList());
  }
}
