package dev.lode.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.code.PathGlob;
import dev.lode.config.ConfigException;
import dev.lode.curate.rules.LicenseRule;
import dev.lode.curate.rules.SecretsRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleFrameworkTest {
  record Named(String name, java.util.function.Function<String, Verdict> f) implements Rule<String> {
    @Override
    public Verdict judge(String input) {
      return f.apply(input);
    }
  }

  @Test
  void aRuleThatThrowsFailsTheCommitWithItsErrorInsteadOfTheRun() {
    RuleChain<String> chain = new RuleChain<>(List.of(
        new Named("short", s -> s.length() < 5 ? Verdict.pass(null) : Verdict.fail("too long")),
        new Named("broken", s -> {
          throw new IllegalStateException("no parse");
        }),
        new Named("last", s -> Verdict.pass(1.0, null))));
    List<Outcome> out = chain.apply("abc");
    assertEquals(3, out.size(), "every rule runs");
    assertTrue(out.get(0).passed());
    assertTrue(out.get(1).isError());
    assertEquals("error: IllegalStateException: no parse", out.get(1).detail());
    assertEquals("broken", RuleChain.firstFailure(out));
    assertNull(RuleChain.firstFailure(chain.apply("").subList(0, 1)));
  }

  @Test
  void eachStepPassesOnWhatItKeepsAndTheLastKeepsWhatIsKept() {
    List<String> steps = List.of("merge", "bot_author", "diff_size", "dedup_exact", "dedup_near");
    List<Funnel.Step> f = Funnel.of(steps, 100, Map.of("merge", 10L, "diff_size", 60L, "dedup_near", 2L));
    assertEquals(List.of(
        new Funnel.Step(1, "merge", 100, 90),
        new Funnel.Step(2, "bot_author", 90, 90),
        new Funnel.Step(3, "diff_size", 90, 30),
        new Funnel.Step(4, "dedup_exact", 30, 30),
        new Funnel.Step(5, "dedup_near", 30, 28)), f);
    for (int i = 1; i < f.size(); i++) {
      assertEquals(f.get(i - 1).rowsOut(), f.get(i).rowsIn());
    }
  }

  @Test
  void aFunnelRefusesReasonsThatAreNotSteps() {
    assertThrows(IllegalArgumentException.class, () -> Funnel.of(List.of("merge"), 3, Map.of("bogus", 1L)));
    assertThrows(IllegalArgumentException.class, () -> Funnel.of(List.of("merge"), 3, Map.of("merge", 4L)));
  }

  @Test
  void stepsAreTheEnabledRulesInOrderThenDedup() {
    CurationRules all = new CurationRules(Fixtures.config());
    assertEquals(List.of("merge", "revert", "bot_author", "work_in_progress", "version_bump", "release",
        "changelog_only", "generated_only", "language", "diff_size", "test_evidence", "license",
        "imperative_subject", "descriptive_subject", "english_message", "secrets", "dedup_exact", "dedup_near"),
        all.steps());
    CurationRules some = new CurationRules(Fixtures.config("curate.disabled_rules=[license, secrets]"));
    assertFalse(some.steps().contains(LicenseRule.NAME));
    assertFalse(some.steps().contains(SecretsRule.NAME));
  }

  @Test
  void everyRuleCanBeSwitchedOffByNameAndNoOtherNameIsAccepted() {
    List<String> rules = new ArrayList<>(new CurationRules(Fixtures.config()).steps());
    rules.removeAll(List.of(CurationRules.DEDUP_EXACT, CurationRules.DEDUP_NEAR));
    assertEquals(rules, CurationRules.RULES);
    for (String rule : CurationRules.RULES) {
      assertFalse(new CurationRules(Fixtures.config("curate.disabled_rules=[" + rule + "]")).steps().contains(rule),
          rule);
    }
    ConfigException typo = assertThrows(ConfigException.class,
        () -> Fixtures.config("curate.disabled_rules=[" + LicenseRule.NAME + ", typo_rule]"));
    assertEquals("curate.disabled_rules", typo.key());
    assertTrue(typo.getMessage().contains("typo_rule") && typo.getMessage().contains(SecretsRule.NAME),
        typo.getMessage());
  }

  @Test
  void pathGlobsFollowGitignoreSpelling() {
    assertTrue(PathGlob.of("**/*.lock").matches("poetry.lock"));
    assertTrue(PathGlob.of("**/*.lock").matches("a/b/Cargo.lock"));
    assertTrue(PathGlob.of("*.lock").matches("a/Cargo.lock"), "no slash: the name at any depth");
    assertFalse(PathGlob.of("/*.lock").matches("a/Cargo.lock"), "a leading slash anchors at the root");
    assertTrue(PathGlob.of("**/vendor/**").matches("src/vendor/six/six.py"));
    assertTrue(PathGlob.of("**/changes/*.{md,rst}").matches("docs/changes/12.rst"));
    assertFalse(PathGlob.of("**/changes/*.{md,rst}").matches("docs/changes/12.py"));
    assertTrue(PathGlob.of(".github/**").matches(".github/workflows/ci.yml"));
    assertFalse(PathGlob.of(".github/**").matches("pkg/.github/x.yml"), "a slash inside anchors at the root");
    assertThrows(IllegalArgumentException.class, () -> PathGlob.of("{a,b"));
  }
}
