package dev.lode.mine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathGlobsTest {
  @Test
  void noGlobsKeepEverything() {
    assertTrue(PathGlobs.of(null, null).accepts("any/path.txt"));
    assertTrue(PathGlobs.of(List.of(), List.of()).keepsEverything());
  }

  @Test
  void globsFollowGitignoreSpelling() {
    PathGlobs g = PathGlobs.of(List.of("src/**/*.py", "*.md", "tests/"), List.of("**/vendor/**", "docs/"));
    assertTrue(g.accepts("src/pkg/mod.py"));
    assertTrue(g.accepts("src/mod.py"), "** matches no directory too");
    assertTrue(g.accepts("README.md"));
    assertTrue(g.accepts("deep/in/NOTES.md"), "a glob without a slash matches the name at any depth");
    assertTrue(g.accepts("tests/unit/test_a.py"), "a directory keeps everything under it");
    assertFalse(g.accepts("src/vendor/x.py"), "excluded");
    assertFalse(g.accepts("docs/index.md"), "excluded directory wins over an included name");
    assertFalse(g.accepts("src/pkg/mod.pyc"));
    assertFalse(g.accepts("setup.py"));
  }

  @Test
  void aBadGlobIsRefusedWhenRead() {
    assertThrows(IllegalArgumentException.class, () -> PathGlobs.of(List.of("src/[abc"), List.of()));
    assertThrows(IllegalArgumentException.class, () -> PathGlobs.of(List.of(" "), List.of()));
  }
}
