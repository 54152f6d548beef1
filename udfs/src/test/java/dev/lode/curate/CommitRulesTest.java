package dev.lode.curate;

import static dev.lode.curate.Fixtures.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.curate.rules.BotAuthorRule;
import dev.lode.curate.rules.ChangelogOnlyRule;
import dev.lode.curate.rules.DiffSizeRule;
import dev.lode.curate.rules.GeneratedOnlyRule;
import dev.lode.curate.rules.LanguageRule;
import dev.lode.curate.rules.LicenseRule;
import dev.lode.curate.rules.MergeCommitRule;
import dev.lode.curate.rules.ReleaseRule;
import dev.lode.curate.rules.RevertRule;
import dev.lode.curate.rules.TestEvidenceRule;
import dev.lode.curate.rules.VersionBumpRule;
import dev.lode.curate.rules.WorkInProgressRule;
import dev.lode.config.CurateConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitRulesTest {
  static final CurateConfig CONFIG = Fixtures.config();
  static final FileRoles ROLES = FileRoles.of(CONFIG);

  /** A typical kept attrs commit: source, its test, a changelog fragment. */
  static Fixtures.Builder good() {
    return commit("Add ne validator (#1571)")
        .file("src/attr/validators.py", 34, 2)
        .file("tests/test_validators.py", 41, 0)
        .file("changelog.d/1571.change.md", 1, 0);
  }

  @Test
  void aMergeCommitFailsAndAnOrdinaryOnePasses() {
    MergeCommitRule rule = new MergeCommitRule();
    assertFalse(rule.judge(commit("Merge pull request #1234 from hynek/slots").parents(2).build()).passed());
    assertTrue(rule.judge(good().build()).passed());
  }

  @Test
  void revertsAreRecognisedBySubjectOrBody() {
    RevertRule rule = new RevertRule();
    assertFalse(rule.judge(commit("Revert \"Use __slots__ by default\"").build()).passed());
    assertFalse(rule.judge(commit("Undo the slots default")
        .body("This reverts commit 6b0fa7e5a8cd42cf1d2e5b2c1f4f3e2d1c0b9a87.").build()).passed());
    assertTrue(rule.judge(commit("Handle reverted migrations in the converter").build()).passed());
  }

  @Test
  void botsAreRecognisedByNameOrEmailWithoutRepeatingTheEmail() {
    BotAuthorRule rule = new BotAuthorRule(CONFIG.botAuthors());
    Verdict precommit = rule.judge(commit("[pre-commit.ci] pre-commit autoupdate")
        .author("pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com").build());
    assertFalse(precommit.passed());
    assertFalse(precommit.detail().contains("noreply"));
    assertFalse(rule.judge(commit("Bump actions/checkout from 3 to 4")
        .author("dependabot", "49699333+dependabot[bot]@users.noreply.github.com").build()).passed());
    Verdict byMail = rule.judge(commit("Update deps").author("Renovate", "bot@renovateapp.com").build());
    assertFalse(byMail.passed());
    Verdict human = rule.judge(commit("Add slots").author("Tin Tvrtković", "tin@example.org").build());
    assertTrue(human.passed());
  }

  @Test
  void workInProgressAndAutosquashCommitsFail() {
    WorkInProgressRule rule = new WorkInProgressRule();
    for (String s : List.of("WIP", "wip: converters", "fixup! Add ne validator", "squash! docs", "amend! typo",
        "[WIP] attempt at slots", "tmp", "Do not merge: experiment")) {
      assertFalse(rule.judge(commit(s).build()).passed(), s);
    }
    for (String s : List.of("Add wiping of caches", "Handle temporary files in tests", "Support todos")) {
      assertTrue(rule.judge(commit(s).build()).passed(), s);
    }
  }

  @Test
  void versionBumpsOfTheProjectAndOfDependenciesFail() {
    VersionBumpRule rule = new VersionBumpRule();
    for (String s : List.of("Bump version to 23.2.0", "bump", "22.1.0", "v1.4.2", "Set version 3.0.0.dev0",
        "Update version", "Version 2.1.0", "Bump black from 23.1.0 to 23.3.0", "Upgrade mypy to 1.5.1",
        "Pin ruff==0.1.6", "Update pytest from 7.1 to 7.2")) {
      assertFalse(rule.judge(commit(s).build()).passed(), s);
    }
    for (String s : List.of("Add version info to the repr", "Handle versioned converters",
        "Update converters to accept generators")) {
      assertTrue(rule.judge(commit(s).build()).passed(), s);
    }
  }

  @Test
  void releaseBookkeepingFails() {
    ReleaseRule rule = new ReleaseRule();
    for (String s : List.of("Release 23.1.0", "Prepare 22.2.0", "Start 24.1.0 development cycle", "Postrelease",
        "Prepare for release", "Back to development: 21.3.0", "Release notes")) {
      assertFalse(rule.judge(commit(s).build()).passed(), s);
    }
    for (String s : List.of("Release the GIL in the hash cache", "Prepare converters for pickling",
        "Add a releases section to the docs")) {
      assertTrue(rule.judge(commit(s).build()).passed(), s);
    }
  }

  @Test
  void changelogOnlyCommitsFailAndChangelogWithCodePasses() {
    ChangelogOnlyRule rule = new ChangelogOnlyRule(ROLES);
    assertFalse(rule.judge(commit("Add newsfragment").file("changelog.d/1571.change.md", 3, 0)
        .file("CHANGELOG.md", 12, 3).build()).passed());
    assertTrue(rule.judge(good().build()).passed());
  }

  @Test
  void commitsChangingOnlyGeneratedVendoredOrLockFilesFail() {
    GeneratedOnlyRule rule = new GeneratedOnlyRule(ROLES);
    assertFalse(rule.judge(commit("Lock dev dependencies").file("uv.lock", 820, 640).build()).passed());
    assertFalse(rule.judge(commit("Refresh bundle").file("web/static/app.min.js", 1, 1)
        .file("web/package-lock.json", 300, 200).file("vendor/six/six.py", 10, 4).build()).passed());
    Verdict mixed = rule.judge(commit("Add flask integration").file("src/app.py", 20, 1)
        .file("poetry.lock", 90, 10).build());
    assertTrue(mixed.passed());
    assertEquals(0.5, mixed.score());
  }

  @Test
  void theMainLanguageMustBeConfigured() {
    LanguageRule rule = new LanguageRule(ROLES, CONFIG.languages());
    Verdict python = rule.judge(good().build());
    assertTrue(python.passed());
    assertEquals("python", python.detail());
    assertFalse(rule.judge(commit("Add a fast path in C").file("src/attr/_speedups.c", 120, 3)
        .file("src/attr/_make.py", 4, 1).build()).passed());
    assertFalse(rule.judge(commit("Document slots").file("docs/slots.md", 40, 2).file("docs/conf.py", 2, 0)
        .build()).passed(), "docs/conf.py is not source");
  }

  @Test
  void diffSizeIsBoundedInLinesAndSourceFiles() {
    DiffSizeRule rule = new DiffSizeRule(ROLES, CONFIG.diff());
    assertTrue(rule.judge(good().build()).passed());
    assertFalse(rule.judge(commit("Fix typo in _make").file("src/attr/_make.py", 1, 1).build()).passed());
    assertFalse(rule.judge(commit("Rewrite the class builder").file("src/attr/_make.py", 900, 700).build()).passed());
    Fixtures.Builder wide = commit("Rename cmp to eq everywhere");
    for (int i = 0; i < 8; i++) {
      wide.file("src/attr/m" + i + ".py", 3, 3);
    }
    Verdict v = rule.judge(wide.build());
    assertFalse(v.passed());
    assertTrue(v.detail().contains("8 source files"), v.detail());
    Verdict lockHeavy = rule.judge(commit("Add tomli").file("src/attr/_compat.py", 6, 1)
        .file("uv.lock", 2000, 1500).build());
    assertTrue(lockHeavy.passed(), "generated files do not count: " + lockHeavy.detail());
  }

  @Test
  void testEvidenceRecordsWhetherTheCommitChangesTestsOrItsModuleHasThem() {
    TestEvidenceRule rule = new TestEvidenceRule(ROLES, "module");
    Verdict changes = rule.judge(good().build());
    assertTrue(changes.passed());
    assertEquals(1.0, changes.score());
    assertTrue(changes.detail().startsWith("changes tests: tests/test_validators.py"), changes.detail());

    Verdict module = rule.judge(commit("Handle ClassVar forward references").file("src/attr/_make.py", 12, 3).build());
    assertTrue(module.passed());
    assertEquals("module tested: src/attr/_make.py by tests/test_make.py", module.detail());

    assertFalse(rule.judge(commit("Add hooks").file("src/attr/_hooks.py", 30, 0).build()).passed());
    assertFalse(rule.judge(commit("Handle ClassVar").file("src/attr/_make.py", 12, 3).tree(null).build()).passed());
    TestEvidenceRule strict = new TestEvidenceRule(ROLES, "changed");
    assertFalse(strict.judge(commit("Handle ClassVar").file("src/attr/_make.py", 12, 3).build()).passed());
  }

  @Test
  void moduleTestsAreFoundAcrossEcosystems() {
    TestEvidenceRule rule = new TestEvidenceRule(ROLES, "module");
    List<String> tree = List.of("src/main/java/dev/x/Box.java", "src/test/java/dev/x/BoxTest.java",
        "pkg/server/server.go", "pkg/server/server_test.go", "web/src/cart.ts", "web/src/cart.spec.ts",
        "tests/converters/test_structure.py", "src/cattrs/converters.py", "src/edit.py", "tests/test_submit.py");
    assertTrue(rule.judge(commit("Fix box").file("src/main/java/dev/x/Box.java", 5, 1).tree(tree).build()).passed());
    assertTrue(rule.judge(commit("Fix server").file("pkg/server/server.go", 5, 1).tree(tree).build()).passed());
    assertTrue(rule.judge(commit("Fix cart").file("web/src/cart.ts", 5, 1).tree(tree).build()).passed());
    assertTrue(rule.judge(commit("Fix conv").file("src/cattrs/converters.py", 5, 1).tree(tree).build()).passed());
    assertFalse(rule.judge(commit("Fix edit").file("src/edit.py", 5, 1).tree(tree).build()).passed(),
        "test_submit.py is not a test of edit.py");
  }

  @Test
  void licensesOutsideTheAllowlistFailAndUnknownFollowsThePolicy() {
    LicenseRule keep = new LicenseRule(CONFIG.license().allowed(), "keep");
    assertTrue(keep.judge(good().license("MIT").build()).passed());
    assertTrue(keep.judge(good().license("apache-2.0").build()).passed());
    assertFalse(keep.judge(good().license("GPL-3.0-only").build()).passed());
    Verdict unknown = keep.judge(good().license(null).build());
    assertTrue(unknown.passed());
    assertEquals(0.5, unknown.score());
    assertFalse(new LicenseRule(CONFIG.license().allowed(), "drop").judge(good().license(null).build()).passed());
  }

  @Test
  void aKeptCommitPassesEveryCommitRule() {
    CurationRules rules = new CurationRules(CONFIG);
    List<Outcome> outcomes = rules.commitRules().apply(good().build());
    assertEquals(rules.commitRules().names(), outcomes.stream().map(Outcome::rule).toList());
    assertTrue(outcomes.stream().allMatch(Outcome::passed), outcomes.toString());
  }
}
