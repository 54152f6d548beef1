package dev.lode.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lode.code.CodeParser;
import dev.lode.code.Grammar;
import dev.lode.code.SyntaxTree;
import dev.lode.diff.LineEdit;
import dev.lode.diff.Lines;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An incremental reparse from a diff's edits gives the functions a fresh parse gives. */
class TreeEditsTest {
  private static final String[] SNIPPETS = {
      "def f%d(x):\n    return x + %d\n",
      "class C%d:\n    def m%d(self):\n        pass\n",
      "    y = %d  # inside whatever is above\n",
      "import os%d\n",
      "\n",
      "@decorator\ndef g%d():\n    '''doc %d'''\n",
  };

  /** A naive line diff (common prefix and suffix, one replaced middle) is a valid edit list too. */
  private static List<LineEdit> edits(Lines a, Lines b) {
    int n = a.lineCount();
    int m = b.lineCount();
    int pre = 0;
    while (pre < n && pre < m && line(a, pre).equals(line(b, pre))) {
      pre++;
    }
    int suf = 0;
    while (suf < n - pre && suf < m - pre && line(a, n - 1 - suf).equals(line(b, m - 1 - suf))) {
      suf++;
    }
    return pre == n && pre == m ? List.of() : List.of(new LineEdit(pre, n - suf, pre, m - suf));
  }

  private static String line(Lines t, int i) {
    return new String(t.bytes(), t.start(i), t.end(i) - t.start(i), StandardCharsets.UTF_8);
  }

  @Test
  void reparsingAfterRandomEditsEqualsAFreshParse() {
    Random random = new Random(42);
    CodeParser parser = new CodeParser();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add(String.format(SNIPPETS[random.nextInt(SNIPPETS.length)], i, i));
    }
    byte[] before = String.join("", lines).getBytes(StandardCharsets.UTF_8);
    SyntaxTree tree = parser.parse(Grammar.PYTHON, before);
    for (int round = 0; round < 30; round++) {
      int at = random.nextInt(lines.size());
      switch (random.nextInt(3)) {
        case 0 -> lines.add(at, String.format(SNIPPETS[random.nextInt(SNIPPETS.length)], 100 + round, round));
        case 1 -> lines.remove(at);
        default -> lines.set(at, String.format(SNIPPETS[random.nextInt(SNIPPETS.length)], 200 + round, round));
      }
      String text = String.join("", lines) + (round % 5 == 0 ? "tail_without_newline = 1" : "");
      byte[] after = text.getBytes(StandardCharsets.UTF_8);
      Lines a = Lines.of(before);
      Lines b = Lines.of(after);
      SyntaxTree incremental = parser.reparse(tree, after, TreeEdits.of(a, b, edits(a, b)));
      SyntaxTree fresh = parser.parse(Grammar.PYTHON, after);
      assertEquals(fresh.functions(), incremental.functions(), "round " + round);
      assertEquals(fresh.root().toString(), incremental.root().toString(), "the same tree, round " + round);
      tree = incremental;
      before = after;
    }
  }

  @Test
  void functionsInLinesFindsOnlyThoseTouchingTheLines() {
    String src = "class A:\n    def one(self):\n        return 1\n\n    def two(self):\n        return 2\n\n"
        + "def three():\n    pass\n";
    SyntaxTree t = new CodeParser().parse(Grammar.PYTHON, src);
    assertEquals(List.of("A.two"), t.functionsInLines(6, 6).stream().map(f -> f.qualifiedName()).toList());
    assertEquals(List.of("A.one", "A.two"), t.functionsInLines(3, 5).stream().map(f -> f.qualifiedName()).toList());
    assertEquals(List.of(), t.functionsInLines(7, 7));
  }
}
