package dev.lode.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lode.diff.LineEdit;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangedMethodsTest {
  @Test
  void changedMethodsAreTheOldFunctionsOfDeletionsAndTheNewOfAdditions() {
    List<FunctionSpan> old = List.of(new FunctionSpan("a", "a", 1, 5, 0, 10), new FunctionSpan("b", "b", 7, 9, 11, 20));
    List<FunctionSpan> neu = List.of(new FunctionSpan("a", "a", 1, 6, 0, 12), new FunctionSpan("c", "c", 8, 12, 13, 30));
    // Line 3 of a replaced (old line 3 -> new lines 3..4), lines 10..11 added in c.
    List<LineEdit> edits = List.of(new LineEdit(2, 3, 2, 4), new LineEdit(9, 9, 9, 11));
    assertEquals(List.of("a", "c"), ChangedMethods.of(old, neu, edits));
  }
}
