package dev.lode.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendering details; whole diffs are checked against git show in the jobs module's oracle tests. */
class GitHunksTest {
  private static Lines text(String s) {
    return Lines.of(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aDiffLongerThanItsCapIsCutAtALineBoundary() {
    StringBuilder a = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      a.append("line ").append(i).append('\n');
    }
    List<LineEdit> edits = List.of(new LineEdit(0, 100, 0, 0));
    GitHunks.Rendered full = GitHunks.render(text(a.toString()), text(""), edits, 3, Long.MAX_VALUE);
    assertFalse(full.truncated());
    GitHunks.Rendered cut = GitHunks.render(text(a.toString()), text(""), edits, 3, 100);
    assertTrue(cut.truncated());
    assertTrue(cut.text().length() <= 100);
    assertTrue(cut.text().endsWith("\n"));
    assertTrue(full.text().startsWith(cut.text()));
    assertEquals(100, LineEdit.deleted(edits));
  }

  @Test
  void binaryIsANulInTheFirst8000Bytes() {
    byte[] early = new byte[100];
    assertTrue(Lines.isBinary(early));
    byte[] late = new byte[9000];
    java.util.Arrays.fill(late, (byte) 'a');
    late[8500] = 0;
    assertFalse(Lines.isBinary(late), "git looks no further than 8000 bytes");
  }
}
