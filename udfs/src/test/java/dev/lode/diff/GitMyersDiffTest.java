package dev.lode.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    int deleted = LineEdit.deleted(edits);
    int added = LineEdit.added(edits);
    assertEquals(8 - deleted, 9 - added, "the unchanged lines are the same on both sides");
    assertEquals(2, deleted);
    assertEquals(3, added);
  }

  @Test
  void lineDiffFindsMinimalEdits() {
    List<String> a = TextLines.split("a\nb\nc\nd\ne\n");
    List<String> b = TextLines.split("a\nc\nd\nx\ne\n");
    List<LineEdit> edits = GitMyersDiff.diff(a, b);
    assertEquals(List.of(new LineEdit(1, 2, 1, 1), new LineEdit(4, 4, 3, 4)), edits);
    List<String> rebuilt = new ArrayList<>();
    int ai = 0;
    for (LineEdit e : edits) {
      rebuilt.addAll(a.subList(ai, e.beginA()));
      rebuilt.addAll(b.subList(e.beginB(), e.endB()));
      ai = e.endA();
    }
    rebuilt.addAll(a.subList(ai, a.size()));
    assertEquals(b, rebuilt);
  }

  /** Applies {@code edits}: unchanged lines are taken from {@code a}, edited ones from {@code b}. */
  private static String apply(List<String> a, List<String> b, List<LineEdit> edits) {
    StringBuilder out = new StringBuilder();
    int ai = 0;
    for (LineEdit e : edits) {
      out.append(TextLines.join(a, ai, e.beginA())).append(TextLines.join(b, e.beginB(), e.endB()));
      ai = e.endA();
    }
    return out.append(TextLines.join(a, ai, a.size())).toString();
  }

  @Test
  void applyingTheEditsOfTwoTextsRebuildsTheSecondExactly() {
    String[][] pairs = {
        {"a\nb\nc\n", "a\nB\nc\n"},
        {"a\nb\nc", "a\nb\nc\n"}, // a final newline added
        {"x = 1\ny = 2\n", "x = 1\ny = 3"}, // and taken away
        {"one\r\ntwo\r\nthree\r\n", "one\r\ntwo\nthree\r\n"}, // CRLF lines, one turned into LF
        {"one\r\ntwo\r\n", "one\ntwo\n"}, // every terminator changed, no text
        {"", "new file\n"},
        {"gone\n", ""},
        {"k\u00e9y = \"\ud83d\ude00\"\n\ud800\n", "k\u00e9y = \"\ud83d\ude01\"\n\ud800\n"}, // beyond ASCII
    };
    for (String[] p : pairs) {
      List<String> a = TextLines.split(p[0]);
      List<String> b = TextLines.split(p[1]);
      assertEquals(p[1], apply(a, b, GitMyersDiff.diff(a, b)), "rebuilt from " + p[0].replace("\r", "\\r"));
    }
    java.util.Random random = new java.util.Random(42);
    String[] pieces = {"x\n", "y\r\n", "}\n", "\n", "\r\n", "z", "return a;\n"};
    for (int trial = 0; trial < 500; trial++) {
      String a = randomText(random, pieces);
      String b = randomText(random, pieces);
      assertEquals(b, apply(TextLines.split(a), TextLines.split(b), GitMyersDiff.diff(TextLines.split(a),
          TextLines.split(b))));
    }
  }

  private static String randomText(java.util.Random random, String[] pieces) {
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(30); i > 0; i--) {
      sb.append(pieces[random.nextInt(pieces.length)]);
    }
    return sb.toString();
  }

  @Test
  void linesGivenAsStringsGetTheEditsOfTheirBytes() {
    String a = "def f():\n    return 1\n\n\ndef g():\n    pass\n";
    String b = "def f():\n    return 2\n\n\ndef g():\n    pass\n    return None\n";
    assertEquals(GitMyersDiff.diff(text(a), text(b)), GitMyersDiff.diff(TextLines.split(a), TextLines.split(b)));
  }
}
