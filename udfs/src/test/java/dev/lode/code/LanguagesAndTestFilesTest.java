package dev.lode.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LanguagesAndTestFilesTest {
  @Test
  void languagesComeFromTheFileName() {
    assertEquals("python", Languages.of("src/attr/_make.py"));
    assertEquals("typescript", Languages.of("web/App.TSX"));
    assertEquals("go", Languages.of("cmd/main.go"));
    assertEquals("dockerfile", Languages.of("deploy/Dockerfile"));
    assertNull(Languages.of("LICENSE"));
    assertNull(Languages.of(".gitignore"));
    assertTrue(Grammar.forPath("lib.rs").isPresent());
    assertTrue(Grammar.forPath("notes.md").isEmpty());
  }

  @Test
  void testsAreRecognisedAcrossEcosystems() {
    for (String p : new String[] {"tests/test_make.py", "src/attr/test_x.py", "pkg/server_test.go",
        "src/test/java/a/BoxTest.java", "src/components/Button.test.tsx", "spec/models/user_spec.rb",
        "conftest.py", "__tests__/app.js", "crate/tests/integration.rs", "lib/x.spec.ts"}) {
      assertTrue(TestFiles.isTest(p), p);
    }
    for (String p : new String[] {"src/attr/_make.py", "pkg/server.go", "src/main/java/a/Box.java",
        "docs/testing-guide.md", "contest.py", "latest/app.js", "src/attestation.rs"}) {
      assertFalse(TestFiles.isTest(p), p);
    }
  }
}
