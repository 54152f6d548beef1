package dev.lode.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small cases; the counts on large rewrites are checked against git itself in the jobs module's oracle tests. */
class GitMyersDiffTest {
  private static Lines text(String s) {
    return Lines.of(s.getBytes(StandardCharsets.UTF_8));
  }

  private static List<LineEdit> diff(String a, String b) {
    return GitMyersDiff.diff(text(a), text(b));
  }

  @Test
  void identicalTextsHaveNoEdits() {
    assertEquals(List.of(), diff("a\nb\nc\n", "a\nb\nc\n"));
    assertEquals(List.of(), diff("", ""));
  }

  @Test
  void insertionsDeletionsAndReplacementsAreRegionsOfLines() {
    assertEquals(List.of(new LineEdit(1, 1, 1, 2)), diff("a\nc\n", "a\nb\nc\n"));
    assertEquals(List.of(new LineEdit(1, 2, 1, 1)), diff("a\nb\nc\n", "a\nc\n"));
    assertEquals(List.of(new LineEdit(1, 2, 1, 2)), diff("a\nb\nc\n", "a\nB\nc\n"));
    assertEquals(List.of(new LineEdit(0, 2, 0, 3)), diff("x\ny\n", "p\nq\nr\n"));
  }

  @Test
  void aMissingFinalNewlineIsAChangedLine() {
    assertEquals(List.of(new LineEdit(1, 2, 1, 2)), diff("a\nb", "a\nb\n"));
  }

  @Test
  void countsAreThoseOfACommonSubsequence() {
    String a = "1\n2\n3\n4\n5\n6\n7\n8\n";
    String b = "0\n1\n2\n4\n5\nx\n7\n8\n9\n";
    List<LineEdit> edits = diff(a, b);
    int deleted = UnifiedDiff.deleted(edits);
    int added = UnifiedDiff.added(edits);
    assertEquals(8 - deleted, 9 - added, "the unchanged lines are the same on both sides");
    assertEquals(2, deleted);
    assertEquals(3, added);
  }
}
