package dev.lode.gold.mutate;

import java.util.Locale;

/** The bugs BugFixer plants, each a small, realistic slip a test suite should catch. */
public enum MutationKind {
  /** {@code ==} for {@code !=}, {@code <} for {@code >}, {@code in} for {@code not in}, … */
  COMPARISON_FLIP,
  /** {@code &&} for {@code ||}, {@code and} for {@code or}, {@code true} for {@code false}. */
  BOOLEAN_FLIP,
  /** {@code <} for {@code <=} and back, an integer bound or index one more, {@code ..} for {@code ..=}. */
  OFF_BY_ONE,
  /** An {@code if} or {@code while} condition negated, or its negation dropped. */
  NEGATED_CONDITION,
  /** Two positional arguments of a call exchanged. */
  SWAPPED_ARGUMENTS,
  /** A call or assignment statement left out. */
  REMOVED_STATEMENT,
  /** An early {@code return} left out, so the code falls through. */
  REMOVED_RETURN,
  /** A parameter's default value (or an {@code unwrap_or}/{@code getOrDefault} fallback) changed. */
  CHANGED_DEFAULT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MutationKind of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
