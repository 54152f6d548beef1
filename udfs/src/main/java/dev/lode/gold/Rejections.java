package dev.lode.gold;

import java.util.Map;
import java.util.TreeMap;

/** Candidates refused, counted by generator and reason ({@code bug_fixer.parse_error}), as datatrove counts drops. */
public final class Rejections {
  private final Map<String, Integer> counts = new TreeMap<>();

  public void add(String generator, String reason) {
    counts.merge(generator + "." + reason, 1, Integer::sum);
  }

  public Map<String, Integer> counts() {
    return counts;
  }
}
