package dev.lode.curate.rules;

import dev.lode.code.ChangedFile;
import dev.lode.code.TestFiles;
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
 *   <li>{@code changes tests}: the commit adds test code to a test module ({@code test_make.py}, {@code BoxTest.java},
 *       {@code server_test.go}, {@code cart.spec.ts}, a Rust file under {@code tests/}), so that running it can tell
 *       the change worked (score 1). Helpers, fixtures and data under a test directory ({@code tests/utils.py},
 *       {@code conftest.py}, {@code tests/test_mypy.yml}) and pure deletions do not count;</li>
 *   <li>{@code module tested}: with {@code curate.tests.evidence: module}, a changed source module has a test in the
 *       commit's tree (bronze.trees): {@code src/attr/_make.py} ↔ {@code tests/test_make.py},
 *       {@code Box.java} ↔ {@code BoxTest.java}, {@code server.go} ↔ {@code server_test.go}, or a test under a
 *       directory named after the module (score 0.6).</li>
 * </ol>
 */
public final class TestEvidenceRule implements Rule<CommitFacts> {
  public static final String NAME = "test_evidence";

  /** The evidence a passed commit has, its verdict's finding; {@link #id()} is silver.examples.test_evidence. */
  public enum Evidence {
    /** The commit changes a test module. */
    CHANGED,
    /** A changed source module has a test in the commit's tree. */
    MODULE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final FileRoles roles;
  private final boolean moduleEvidence;

  /** @param evidence {@code changed} or {@code module}, as {@code curate.tests.evidence} */
  public TestEvidenceRule(FileRoles roles, String evidence) {
    this.roles = roles;
    this.moduleEvidence = "module".equals(evidence);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(CommitFacts c) {
    for (ChangedFile f : c.files()) {
      if (roles.roleOf(f) == FileRoles.Role.TEST && f.addedLines() > 0 && isTestModule(f)) {
        return Verdict.pass(1.0, "changes tests: " + f.path()).with(Evidence.CHANGED);
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
        return Verdict.pass(0.6, "module tested: " + f.path() + " by " + test).with(Evidence.MODULE);
      }
    }
    return Verdict.fail("changes no test, and no changed module has one in the tree");
  }

  private static final java.util.regex.Pattern TEST_MODULE = java.util.regex.Pattern.compile(
      "^(test_.*|.*_test|test|tests|.*tests?|.*_spec|spec_.*|.*\\.(test|spec))$");

  /** A program file whose name says it holds tests (not a helper or fixture next to them). */
  static boolean isTestModule(ChangedFile f) {
    if (!dev.lode.code.Languages.isProgrammingLanguage(f.language())) {
      return false;
    }
    String[] parts = f.path().split("/");
    String name = parts[parts.length - 1].toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    if (base.equals("conftest")) {
      return false;
    }
    if ("rust".equals(f.language()) && f.path().matches("(.*/)?tests/.*")) {
      return true; // Rust integration tests: any file under tests/
    }
    return TEST_MODULE.matcher(base).matches();
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
