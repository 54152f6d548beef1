package dev.lode.curate.rules;

import dev.lode.code.TestFiles;
import dev.lode.curate.ChangedFile;
import dev.lode.curate.CommitFacts;
import dev.lode.curate.FileRoles;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps changes that tests can check. Evidence, strongest first (the detail records which held):
 * <ol>
 *   <li>{@code changes tests}: the commit changes a test file (score 1);</li>
 *   <li>{@code module tested}: with {@code curate.tests.evidence: module}, a changed source module has a test in the
 *       commit's tree (bronze.trees): {@code src/attr/_make.py} ↔ {@code tests/test_make.py},
 *       {@code Box.java} ↔ {@code BoxTest.java}, {@code server.go} ↔ {@code server_test.go}, or a test under a
 *       directory named after the module (score 0.6).</li>
 * </ol>
 */
public final class TestEvidenceRule implements Rule<CommitFacts> {
  private final FileRoles roles;
  private final boolean moduleEvidence;

  /** @param evidence {@code changed} or {@code module}, as {@code curate.tests.evidence} */
  public TestEvidenceRule(FileRoles roles, String evidence) {
    this.roles = roles;
    this.moduleEvidence = "module".equals(evidence);
  }

  @Override
  public String name() {
    return "test_evidence";
  }

  @Override
  public Verdict judge(CommitFacts c) {
    for (ChangedFile f : c.files()) {
      if (roles.roleOf(f) == FileRoles.Role.TEST && !"DELETE".equals(f.changeType())) {
        return Verdict.pass(1.0, "changes tests: " + f.path());
      }
    }
    if (!moduleEvidence) {
      return Verdict.fail("changes no test");
    }
    if (c.treePaths() == null) {
      return Verdict.fail("changes no test; no tree recorded to look for module tests");
    }
    Map<String, String> testsByKey = new HashMap<>();
    for (String path : c.treePaths()) {
      if (TestFiles.isTest(path)) {
        for (String key : testKeys(path)) {
          testsByKey.putIfAbsent(key, path);
        }
      }
    }
    for (ChangedFile f : c.files()) {
      if (roles.roleOf(f) != FileRoles.Role.SOURCE) {
        continue;
      }
      String module = moduleKey(f.path());
      String test = module.isEmpty() ? null : testsByKey.get(module);
      if (test != null) {
        return Verdict.pass(0.6, "module tested: " + f.path() + " by " + test);
      }
    }
    return Verdict.fail("changes no test, and no changed module has one in the tree");
  }

  /** {@code src/attr/_make.py} → {@code make}; a package's {@code __init__.py} → the package name. */
  static String moduleKey(String path) {
    String[] parts = path.split("/");
    String stem = stem(parts[parts.length - 1]);
    if ((stem.equals("init") || stem.equals("index") || stem.equals("mod") || stem.equals("lib")) && parts.length > 1) {
      stem = clean(parts[parts.length - 2]);
    }
    return stem;
  }

  /**
   * The module names a test file speaks for: its stem without test affixes ({@code tests/test_make.py} → {@code make}),
   * the prefix of a compound one ({@code test_make_slots.py} → also {@code make}), and its directories below the test
   * root ({@code tests/converters/test_x.py} → {@code converters}).
   */
  static List<String> testKeys(String path) {
    String[] parts = path.split("/");
    String base = baseName(parts[parts.length - 1]);
    base = base.replaceFirst("(?<=[a-z0-9])(Tests?|IT|Spec)$", ""); // BoxTest, BoxIT, BoxSpec
    String stem = clean(base).replaceFirst("^tests?_+", "").replaceFirst("_+(tests?|spec)$", "");
    java.util.ArrayList<String> keys = new java.util.ArrayList<>();
    if (!stem.isEmpty()) {
      keys.add(stem);
      int underscore = stem.indexOf('_');
      if (underscore > 0) {
        keys.add(stem.substring(0, underscore));
      }
    }
    for (int i = 0; i < parts.length - 1; i++) {
      String dir = clean(parts[i]);
      if (!dir.isEmpty() && !dir.equals("test") && !dir.equals("tests") && !dir.equals("src")) {
        keys.add(dir);
      }
    }
    return keys;
  }

  /** The file name up to its first dot: {@code _make.py} → {@code _make}, {@code app.test.ts} → {@code app}. */
  private static String baseName(String fileName) {
    int dot = fileName.indexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  private static String stem(String fileName) {
    return clean(baseName(fileName));
  }

  private static String clean(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_").replaceAll("^_+|_+$", "");
  }
}
