package dev.lode.gold.generate;

import dev.lode.gold.mutate.Mutant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a user would report for a planted bug: the behaviour, never the fix. A few wordings per kind, picked by the
 * seeded random source so that the same mutant always reads the same.
 */
public final class Symptoms {
  private Symptoms() {}

  public static String describe(Mutant m, SplittableRandom random) {
    String fn = "`" + m.function() + "`";
    List<String> choices = switch (m.kind()) {
      case COMPARISON_FLIP -> List.of(
          fn + " takes the wrong branch: a check in it gives the opposite answer for some inputs.",
          "For some inputs " + fn + " behaves as if a comparison were reversed; results are wrong.");
      case BOOLEAN_FLIP -> List.of(
          fn + " combines its conditions wrongly: it acts when it should not, or skips a case it should handle.",
          fn + " gives wrong results when only some of the conditions it checks hold.");
      case OFF_BY_ONE -> List.of(
          fn + " is off by one: results are wrong exactly at a boundary (the first or last item, or a limit).",
          "At the edge of its range " + fn + " includes one item too many or too few.");
      case NEGATED_CONDITION -> List.of(
          fn + " does the opposite of what it should: the branch it takes is inverted.",
          "When the condition in " + fn + " holds it does what it should do when it does not, and the other way "
              + "round.");
      case SWAPPED_ARGUMENTS -> List.of(
          fn + " passes its arguments to " + (m.subject() == null ? "a call" : "`" + m.subject() + "`")
              + " in the wrong order.",
          "A call inside " + fn + " gets the right values in the wrong positions.");
      case REMOVED_STATEMENT -> List.of(
          fn + " skips a step: an update or call it should make is missing, so later state is wrong.",
          "After calling " + fn + " some state is not updated the way it should be.");
      case REMOVED_RETURN -> List.of(
          fn + " falls through where it should return early, so code after it runs when it should not.",
          "In the case " + fn + " should finish early it carries on and returns the wrong thing.");
      case CHANGED_DEFAULT -> List.of(
          "Called without " + (m.subject() == null ? "the optional argument" : "`" + m.subject() + "`") + ", "
              + fn + " behaves differently than it used to.",
          fn + " uses the wrong fallback value when " + (m.subject() == null ? "a value" : "`" + m.subject() + "`")
              + " is not given.");
    };
    return choices.get(random.nextInt(choices.size()));
  }
}
