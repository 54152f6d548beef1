package dev.lode.code;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a path is a test, by the conventions of the ecosystems Lode mines: {@code tests/} and {@code test/}
 * directories, {@code src/test/}, {@code __tests__}, {@code test_*.py}, {@code *_test.go}, {@code *Test.java},
 * {@code *.spec.ts}, {@code conftest.py}…
 */
public final class TestFiles {
  private TestFiles() {}

  private static final Pattern TEST_DIR = Pattern.compile(
      "(^|/)(tests?|testing|__tests__|spec|specs|test_?suite|unittests?|integration_tests?|e2e)(/|$)");
  private static final Pattern TEST_NAME = Pattern.compile(
      "^(test_.+\\.py|.+_test\\.py|conftest\\.py|tests?\\.py"
          + "|.+_test\\.go"
          + "|.+(test|tests|it|testcase)\\.(java|kt|scala)"
          + "|.+\\.(test|spec)\\.(js|jsx|mjs|cjs|ts|tsx)"
          + "|.+_(test|spec)\\.(rb|rs|js|ts|exs|cpp|cc|c)"
          + "|test_.+\\.(rb|c|cpp|cc|rs)"
          + ")$");

  /** True when {@code path} is a test file or lies in a test directory. */
  public static boolean isTest(String path) {
    if (path == null || path.isEmpty()) {
      return false;
    }
    String p = path.toLowerCase(Locale.ROOT);
    String name = p.substring(p.lastIndexOf('/') + 1);
    if (TEST_NAME.matcher(name).matches()) {
      return true;
    }
    String dir = p.lastIndexOf('/') < 0 ? "" : p.substring(0, p.lastIndexOf('/') + 1);
    return TEST_DIR.matcher(dir).find();
  }
}
