package dev.lode.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.code.FunctionSpan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendering details; whole diffs are checked against git show in the jobs module's oracle tests. */
class UnifiedDiffTest {
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
    UnifiedDiff.Rendered full = UnifiedDiff.render(text(a.toString()), text(""), edits, 3, Long.MAX_VALUE);
    assertFalse(full.truncated());
    UnifiedDiff.Rendered cut = UnifiedDiff.render(text(a.toString()), text(""), edits, 3, 100);
    assertTrue(cut.truncated());
    assertTrue(cut.text().length() <= 100);
    assertTrue(cut.text().endsWith("\n"));
    assertTrue(full.text().startsWith(cut.text()));
    assertEquals(100, UnifiedDiff.deleted(edits));
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

  @Test
  void changedMethodsAreTheOldFunctionsOfDeletionsAndTheNewOfAdditions() {
    List<FunctionSpan> old = List.of(new FunctionSpan("a", "a", 1, 5, 0, 10), new FunctionSpan("b", "b", 7, 9, 11, 20));
    List<FunctionSpan> neu = List.of(new FunctionSpan("a", "a", 1, 6, 0, 12), new FunctionSpan("c", "c", 8, 12, 13, 30));
    // Line 3 of a replaced (old line 3 -> new lines 3..4), lines 10..11 added in c.
    List<LineEdit> edits = List.of(new LineEdit(2, 3, 2, 4), new LineEdit(9, 9, 9, 11));
    assertEquals(List.of("a", "c"), ChangedMethods.of(old, neu, edits));
  }
}
