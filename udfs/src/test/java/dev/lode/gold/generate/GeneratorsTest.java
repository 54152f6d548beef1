package dev.lode.gold.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lode.code.ChangedFile;
import dev.lode.code.CodeParser;
import dev.lode.config.ConfigLoader;
import dev.lode.config.GoldConfig;
import dev.lode.gold.Commit;
import dev.lode.gold.Example;
import dev.lode.gold.PreferencePair;
import dev.lode.gold.Rejections;
import dev.lode.gold.Seeds;
import dev.lode.gold.format.EditFormat;
import dev.lode.gold.format.SearchReplace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorsTest {
  private static Commit withTests() {
    Commit c = Fixtures.commit("python");
    List<ChangedFile> files = new ArrayList<>(c.files());
    files.add(ChangedFile.of("tests/test_ranges.py", "MODIFY").language("python")
        .texts("from src.ranges import clamp\n\n\ndef test_inside():\n    assert clamp(5) == 5\n",
            "from src.ranges import clamp\n\n\ndef test_inside():\n    assert clamp(5) == 5\n\n\n"
                + "def test_below_low_gives_low():\n    assert clamp(-3) == 0\n")
        .changedMethods(List.of("test_below_low_gives_low")).build());
    return new Commit(c.repoId(), c.sha(), c.parentSha(), c.language(), c.instruction(), files,
        List.of("tests/test_ranges.py"), c.sourceFiles(), c.quality(), c.parentTree());
  }

  @Test
  void testWriterTurnsTheSourceChangeIntoItsTestChange() {
    Rejections r = new Rejections();
    List<Example> out = TestWriter.generate(withTests(), List.of(EditFormat.values()), 40, 4096, r);
    assertEquals(3, out.size());
    Example e = out.get(2);
    assertEquals("testgen", e.task());
    String user = e.prompt().get(1).content();
    assertTrue(user.contains("-        return value") || user.contains("+        return low"), user);
    assertTrue(e.completion().contains("def test_below_low_gives_low"));
    assertFalse(e.completion().contains("return low"), "the answer is the test change only");
    assertTrue(TestWriter.generate(Fixtures.commit("python"), List.of(EditFormat.values()), 40, 4096, r).isEmpty(),
        "a commit without tests gives no TestWriter example");
  }

  @Test
  void localizationAnswersWithTheFilesAndSymbolsOfTheDiff() throws Exception {
    Commit c = withTests();
    List<Example> out = Localization.generate(c, 400, 4096, 1, new Rejections());
    assertEquals(2, out.size());
    JsonNode files = new ObjectMapper().readTree(out.get(0).completion());
    assertEquals("src/ranges.py", files.get("edit").get(0).get("path").asText());
    JsonNode symbols = new ObjectMapper().readTree(out.get(1).completion());
    assertEquals("test_below_low_gives_low", symbols.get("edit").get(1).get("symbols").get(0).asText());
    assertTrue(out.get(0).prompt().get(1).content().contains("docs/index.md"), "the parent's tree is listed");
    Rejections r = new Rejections();
    Commit noTree = new Commit(c.repoId(), c.sha(), c.parentSha(), c.language(), c.instruction(), c.files(),
        c.testFiles(), c.sourceFiles(), c.quality(), null);
    assertTrue(Localization.generate(noTree, 400, 4096, 1, r).isEmpty());
    assertEquals(1, r.counts().get("localization.no_parent_tree"));
  }

  @Test
  void largeTreesAreFoldedWithoutGivingTheAnswerAway() {
    List<String> tree = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      for (int f = 0; f < 20; f++) {
        tree.add("pkg" + d + "/mod" + f + ".py");
      }
    }
    tree.add("src/ranges.py");
    Commit c = Fixtures.commit("python");
    Commit big = new Commit(c.repoId(), c.sha(), c.parentSha(), c.language(), c.instruction(), c.files(),
        c.testFiles(), c.sourceFiles(), c.quality(), tree);
    String listing = Localization.tree(big, 100, Seeds.random(1, "x"));
    assertTrue(listing.contains("src/ranges.py"));
    assertTrue(listing.contains("(20 files)"), "other directories folded to a count");
    long open = listing.lines().filter(l -> l.startsWith("pkg") && l.endsWith(".py")).count();
    assertTrue(open >= 20, "at least one distractor directory is listed in full");
  }

  @Test
  void patchVariantsApplyConvertAndRevert() {
    Commit c = Fixtures.commit("go");
    List<Example> out = PatchVariants.generate(c, 40, 4096, new Rejections());
    assertEquals(List.of("apply_patch", "convert_patch", "revert_patch", "apply_patch", "convert_patch"),
        out.stream().map(Example::task).toList());
    Example revert = out.get(2);
    ChangedFile f = c.files().get(0);
    String undone = SearchReplace.apply(f.after(), SearchReplace.parse(revert.completion()), f.path());
    assertEquals(f.before(), undone);
    Example apply = out.get(0);
    assertTrue(apply.completion().contains(f.after().strip().lines().findFirst().orElseThrow()));
  }

  @Test
  void aCommitGivesRealRowsInEveryFormatAndMoreCandidatesThanItsQuota() {
    GoldConfig config = ConfigLoader.defaults().gold();
    CommitExamples.Output out = new CommitExamples(config, new CodeParser()).build(withTests(), true);
    assertEquals(List.of("whole_file", "unified_diff", "search_replace"),
        out.real().stream().map(Example::editFormat).toList());
    int candidates = out.candidates().values().stream().mapToInt(List::size).sum();
    assertTrue(candidates >= 4 * out.real().size(), "candidates " + candidates);
    for (List<Example> byGenerator : out.candidates().values()) {
      for (Example e : byGenerator) {
        assertEquals(Example.SYNTHETIC, e.origin());
        assertTrue(out.real().stream().anyMatch(r -> r.key().equals(e.parentKey())), e.key());
        assertTrue(e.tokens() <= config.tokenBudget());
      }
    }
    assertFalse(out.pairs().isEmpty());
    for (PreferencePair p : out.pairs()) {
      assertFalse(p.chosen().equals(p.rejected()));
    }
    // real examples are refused, not made wrong, when a file's content is missing
    Commit c = withTests();
    List<ChangedFile> files = new ArrayList<>(c.files());
    files.set(0, files.get(0).toBuilder().texts(null, files.get(0).after()).build());
    Commit missing = new Commit(c.repoId(), c.sha(), c.parentSha(), c.language(), c.instruction(), files,
        c.testFiles(), c.sourceFiles(), c.quality(), c.parentTree());
    CommitExamples.Output none = new CommitExamples(config, new CodeParser()).build(missing, true);
    assertTrue(none.real().isEmpty());
    assertEquals(1, none.rejections().get("real.content_missing"));
  }

  @Test
  void realPairsRejectAFixCarryingAMutant() {
    Commit c = Fixtures.commit("java");
    GoldConfig config = ConfigLoader.defaults().gold();
    CommitExamples.Output out = new CommitExamples(config, new CodeParser()).build(c, false);
    assertTrue(out.candidates().isEmpty(), "no synthetic rows for dev and test commits");
    assertEquals(3, out.pairs().size());
    PreferencePair p = out.pairs().stream().filter(x -> x.exampleKey().equals("real/whole_file")).findFirst()
        .orElseThrow();
    assertTrue(p.chosen().contains("return low;"));
    assertNull(null);
    assertTrue(p.source().startsWith("real_vs_mutant:"));
  }
}
