package dev.lode.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.lode.code.ChangedFile;
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

  private static ChangedFile change(String path, String before, String after, String diff) {
    return ChangedFile.of(path, ChangedFile.MODIFY).texts(before, after).diff(diff).build();
  }

  @Test
  void whitespaceAndPathsAndFileOrderDoNotChangeTheFingerprint() {
    ChangedFile a = change("src/attr/f.py", BEFORE, AFTER, DIFF);
    // the same change, reformatted, in a vendored copy
    ChangedFile reformatted = change("vendor/attr/f.py", BEFORE.replace("    ", "\t"), AFTER.replace("    ", "  "),
        DIFF);
    ChangedFile other = ChangedFile.of("src/attr/const.py", ChangedFile.ADD).texts(null, "VALUE = 1\n")
        .diff("@@ -0,0 +1 @@\n+VALUE = 1\n").build();
    assertEquals(ChangeFingerprint.of(List.of(a, other)), ChangeFingerprint.of(List.of(other, reformatted)));
  }

  @Test
  void aDifferentEditHasADifferentFingerprint() {
    ChangedFile a = change("src/attr/f.py", BEFORE, AFTER, DIFF);
    ChangedFile b = change("src/attr/f.py", BEFORE, AFTER.replace("return 0", "return -1"), DIFF);
    assertNotEquals(ChangeFingerprint.of(List.of(a)), ChangeFingerprint.of(List.of(b)));
  }

  @Test
  void aContentLeftOutForItsSizeFallsBackToTheDiff() {
    ChangedFile full = change("src/attr/f.py", null, null, DIFF);
    ChangedFile sameDiffReindented = change("src/attr/f.py", null, null, DIFF.replace("+    if", "+  if"));
    assertEquals(ChangeFingerprint.of(List.of(full)), ChangeFingerprint.of(List.of(sameDiffReindented)));
  }

  @Test
  void changeTextKeepsOnlyAddedAndRemovedLines() {
    assertEquals("+if x is None:\n+return 0\n", ChangeText.changedLines(DIFF));
    String twoFiles = ChangeText.of(List.of(change("src/attr/f.py", null, null, DIFF),
        change("src/attr/g.py", null, null, "@@ -3 +3 @@\n-old = 1\n+new = 2\n")));
    assertEquals("+if x is None:\n+return 0\n\n-old = 1\n+new = 2\n", twoFiles);
  }
}
