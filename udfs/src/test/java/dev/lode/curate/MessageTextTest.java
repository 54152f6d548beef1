package dev.lode.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.curate.message.EnglishDetector;
import dev.lode.curate.message.InstructionCleaner;
import dev.lode.curate.message.Subjects;
import dev.lode.curate.message.VerbLexicon;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MessageTextTest {
  @Test
  void subjectsLoseConventionalPrefixesTagsAndIssueReferences() {
    assertEquals("fix markup in README", Subjects.clean("docs: fix markup in README (#1609)."));
    assertEquals("handle None", Subjects.clean("fix(parser)!: handle None"));
    assertEquals("Add ne validator", Subjects.clean("Add ne validator (#1571)"));
    assertEquals("pre-commit autoupdate", Subjects.clean("[pre-commit.ci] pre-commit autoupdate"));
    assertEquals("Fix crash on empty input", Subjects.clean(":bug: Fix crash on empty input [skip ci]"));
    assertEquals("Speed up hashing...", Subjects.clean("Speed up hashing..."));
    assertEquals("", Subjects.clean(null));
  }

  @Test
  void instructionsKeepWhatTheAuthorSaidAndDropTrailersAndIssueNoise() {
    String message = """
        fix(converters): make optional accept a list of converters (#1592)

        Previously a list had to be wrapped in pipe() first; optional now does it.
        Fixes #1584
        Closes https://github.com/python-attrs/attrs/issues/1580

        <!-- Please tell us what your pull request is about. -->
        - [x] Added tests for changed code.
        - [ ] Updated documentation.

        ---------

        Signed-off-by: Jane Doe <jane@example.org>
        Co-authored-by: Hynek Schlawack <hs@ox.cx>
        """;
    assertEquals("Make optional accept a list of converters\n\n"
        + "Previously a list had to be wrapped in pipe() first; optional now does it.",
        InstructionCleaner.clean(message));
    assertEquals("attr.s now takes slots", InstructionCleaner.clean("attr.s now takes slots"));
    assertEquals("", InstructionCleaner.clean("  "));
  }

  @Test
  void theLexiconKnowsLemmasAndTheirForms() {
    VerbLexicon lexicon = VerbLexicon.standard();
    assertTrue(lexicon.isLemma("add"));
    assertTrue(lexicon.isLemma("set"), "a lemma that is also its own past stays a lemma");
    assertFalse(lexicon.isLemma("added"));
    assertEquals("add", lexicon.lemmaOf("added"));
    assertEquals("fix", lexicon.lemmaOf("fixes"));
    assertEquals("write", lexicon.lemmaOf("wrote"));
    assertEquals("stop", lexicon.lemmaOf("stopping"));
    assertNull(lexicon.lemmaOf("typo"));
    assertTrue(lexicon.dictionary().size() > 2000);
  }

  @Test
  void englishIsToldFromOtherLanguagesAndScripts() {
    EnglishDetector d = EnglishDetector.standard();
    assertTrue(d.judge(words("Add a converter for the frozen classes when slots are used"), 0.2).english());
    assertTrue(d.judge(words("Add ne validator"), 0.2).english(), "no evidence either way is English");
    assertFalse(d.judge(words("Füge Unterstützung für gefrorene Klassen hinzu"), 0.2).english());
    assertFalse(d.judge(words("Corrige le problème de la validation des attributs"), 0.2).english());
    assertFalse(d.judge(words("Agregar soporte para las clases con slots"), 0.2).english());
    EnglishDetector.Result cyrillic = d.judge(words("Исправить ошибку в конвертере"), 0.2);
    assertFalse(cyrillic.english());
    assertTrue(cyrillic.detail().contains("not Latin"), cyrillic.detail());
    assertFalse(d.judge(words("修复转换器中的错误"), 0.2).english());
  }

  static List<String> words(String s) {
    return Arrays.stream(s.toLowerCase(Locale.ROOT).split("(?U)\\W+", 0)).filter(w -> !w.isEmpty()).toList();
  }
}
