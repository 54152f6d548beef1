package dev.lode.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeFingerprintTest {
  private static final String BEFORE = "def f(x):\n    return x\n";
  private static final String AFTER = "def f(x):\n    if x is None:\n        return 0\n    return x\n";
  private static final String DIFF = """
      diff --git a/src/attr/f.py b/src/attr/f.py
      --- a/src/attr/f.py
      +++ b/src/attr/f.py
      @@ -1,2 +1,4 @@
       def f(x):
      +    if x is None:
      +        return 0
           return x
      """;

  @Test
  void whitespaceAndPathsAndFileOrderDoNotChangeTheFingerprint() {
    FileChange a = new FileChange("MODIFY", BEFORE, AFTER, DIFF);
    FileChange reformatted = new FileChange("MODIFY", BEFORE.replace("    ", "\t"), AFTER.replace("    ", "  "), DIFF);
    FileChange other = new FileChange("ADD", null, "VALUE = 1\n", "@@ -0,0 +1 @@\n+VALUE = 1\n");
    assertEquals(ChangeFingerprint.of(List.of(a, other)), ChangeFingerprint.of(List.of(other, reformatted)));
  }

  @Test
  void aDifferentEditHasADifferentFingerprint() {
    FileChange a = new FileChange("MODIFY", BEFORE, AFTER, DIFF);
    FileChange b = new FileChange("MODIFY", BEFORE, AFTER.replace("return 0", "return -1"), DIFF);
    assertNotEquals(ChangeFingerprint.of(List.of(a)), ChangeFingerprint.of(List.of(b)));
  }

  @Test
  void aContentLeftOutForItsSizeFallsBackToTheDiff() {
    FileChange full = new FileChange("MODIFY", null, null, DIFF);
    FileChange sameDiffReindented = new FileChange("MODIFY", null, null, DIFF.replace("+    if", "+  if"));
    assertEquals(ChangeFingerprint.of(List.of(full)), ChangeFingerprint.of(List.of(sameDiffReindented)));
  }

  @Test
  void changeTextKeepsOnlyAddedAndRemovedLines() {
    assertEquals("+if x is None:\n+return 0\n", ChangeText.changedLines(DIFF));
    String twoFiles = ChangeText.of(List.of(new FileChange("MODIFY", null, null, DIFF),
        new FileChange("MODIFY", null, null, "@@ -3 +3 @@\n-old = 1\n+new = 2\n")));
    assertEquals("+if x is None:\n+return 0\n\n-old = 1\n+new = 2\n", twoFiles);
  }
}
