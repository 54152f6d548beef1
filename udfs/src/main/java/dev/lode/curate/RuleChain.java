package dev.lode.curate;

import java.util.ArrayList;
import java.util.List;

/**
 * Rules of one kind, in order. {@link #apply} runs every rule on one input and returns their outcomes; a rule that
 * throws fails the commit with the error as its detail instead of failing the run, so one malformed record cannot
 * stop curation.
 */
public final class RuleChain<T> {
  private final List<Rule<T>> rules;

  public RuleChain(List<Rule<T>> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Rule<T>> rules() {
    return rules;
  }

  public List<String> names() {
    return rules.stream().map(Rule::name).toList();
  }

  /** Every rule's outcome on {@code input}, in order. */
  public List<Outcome> apply(T input) {
    List<Outcome> out = new ArrayList<>(rules.size());
    for (Rule<T> rule : rules) {
      Verdict v;
      try {
        v = rule.judge(input);
      } catch (RuntimeException e) {
        v = Verdict.fail(Outcome.ERROR_PREFIX + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      out.add(Outcome.of(rule.name(), v));
    }
    return out;
  }

  /** The name of the first failed outcome, or null when all passed. */
  public static String firstFailure(List<Outcome> outcomes) {
    for (Outcome o : outcomes) {
      if (!o.passed()) {
        return o.rule();
      }
    }
    return null;
  }
}
