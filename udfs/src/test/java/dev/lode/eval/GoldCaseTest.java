package dev.lode.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.code.ChangedFile;
import dev.lode.gold.Commit;
import dev.lode.gold.Example;
import dev.lode.gold.Rejections;
import dev.lode.gold.format.EditFormat;
import dev.lode.gold.format.FileEdit;
import dev.lode.gold.generate.Localization;
import dev.lode.gold.generate.PatchVariants;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recovering the code a gold example shows, and the code its completion makes, from the gold.examples row. */
class GoldCaseTest {
  @Test
  void aRealExampleGivesBackTheCommitsCodeBeforeAndAfterInEveryFormat() {
    for (EditFormat format : EditFormat.values()) {
      GoldCase gold = EvalFixtures.gold(EvalFixtures.real(EvalFixtures.commit(), format, 100_000));
      assertEquals(1, gold.files().size(), format.id());
      FileEdit f = gold.files().get(0);
      assertEquals(EvalFixtures.PATH, f.path());
      assertEquals("python", f.language());
      assertEquals(EvalFixtures.code(false), f.before(), format.id());
      assertEquals(EvalFixtures.code(true), f.after(), format.id());
      assertNull(format.verify(gold.files(), gold.reference()), "the reference rebuilds the recovered after");
    }
  }

  @Test
  void aWindowedExampleGivesTheShownLinesAndWhereTheyStartInTheFile() {
    Example e = EvalFixtures.real(EvalFixtures.commit(), EditFormat.UNIFIED_DIFF, 400);
    assertTrue(e.prompt().get(1).content().contains("(lines "), "the fixture is windowed");
    FileEdit f = EvalFixtures.gold(e).files().get(0);
    assertTrue(f.firstLineBefore() > 1, "window starts at " + f.firstLineBefore());
    assertEquals(60, f.totalLinesBefore());
    assertTrue(EvalFixtures.code(false).contains(f.before()));
    assertTrue(EvalFixtures.code(true).contains(f.after()));
  }

  @Test
  void aFileWithoutAFinalNewlineIsRecoveredAsTheDiffSaysIt() {
    Commit c = EvalFixtures.commit(List.of(ChangedFile.of("a.py", ChangedFile.MODIFY).language("python")
        .texts("x = 1\ny = 2", "x = 1\ny = 3").build()));
    FileEdit f = EvalFixtures.gold(EvalFixtures.real(c, EditFormat.UNIFIED_DIFF, 100_000)).files().get(0);
    assertEquals("x = 1\ny = 2", f.before());
    assertEquals("x = 1\ny = 3", f.after());
  }

  @Test
  void addedAndDeletedFilesAreRecoveredWithTheirChangeType() {
    Commit c = EvalFixtures.commit(List.of(
        ChangedFile.of("new.py", ChangedFile.ADD).language("python").texts(null, "print(1)\n").build(),
        ChangedFile.of("old.py", ChangedFile.DELETE).language("python").texts("print(0)\n", null).build()));
    for (EditFormat format : List.of(EditFormat.UNIFIED_DIFF, EditFormat.WHOLE_FILE)) {
      GoldCase gold = EvalFixtures.gold(EvalFixtures.real(c, format, 100_000));
      FileEdit added = gold.files().stream().filter(f -> f.path().equals("new.py")).findFirst().orElseThrow();
      FileEdit deleted = gold.files().stream().filter(f -> f.path().equals("old.py")).findFirst().orElseThrow();
      assertTrue(added.isAdd(), format.id());
      assertEquals("print(1)\n", added.after());
      assertTrue(deleted.isDelete(), format.id());
      assertEquals("print(0)\n", deleted.before());
      assertEquals("", deleted.after());
    }
  }

  @Test
  void patchVariantsShowTheirCodeAfterThePatchInTheirPrompt() {
    List<Example> variants = PatchVariants.generate(EvalFixtures.commit(), 3, 100_000, new Rejections());
    assertEquals(5, variants.size());
    for (Example e : variants) {
      GoldCase gold = EvalFixtures.gold(e);
      FileEdit f = gold.files().get(0);
      boolean revert = e.task().equals("revert_patch");
      assertEquals(EvalFixtures.code(revert), f.before(), e.key());
      assertEquals(EvalFixtures.code(!revert), f.after(), e.key());
    }
  }

  @Test
  void aLocalizationExampleHasNoFilesAndNoEditFormat() {
    Example e = Localization.generate(EvalFixtures.commit(), 100, 100_000, 7, new Rejections()).get(0);
    GoldCase gold = EvalFixtures.gold(e);
    assertTrue(gold.files().isEmpty());
    assertNull(gold.format());
    assertEquals(e.completion(), gold.reference());
  }
}
