package dev.lode.gold.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many candidates of each generator each commit keeps so that a repository's synthetic rows are {@code factor}
 * times its real rows: each commit's quota is shared out by the generators' weights; where a generator falls short
 * the next generators in order top up from their spare candidates, first within the commit, then across the
 * repository's other commits of the same split.
 */
public final class SyntheticQuota {
  private SyntheticQuota() {}

  /** One commit: its real rows and, per generator, how many validated candidates it has. */
  public record CommitSupply(String commit, int realRows, Map<String, Integer> available) {}

  /** Per commit, per generator: how many of its best candidates to keep. */
  public static Map<String, Map<String, Integer>> allocate(List<CommitSupply> commits, double factor,
      List<String> generators, Map<String, Double> weights) {
    List<CommitSupply> sorted = new ArrayList<>(commits);
    sorted.sort(Comparator.comparing(CommitSupply::commit));
    Map<String, Map<String, Integer>> taken = new LinkedHashMap<>();
    long target = Math.round(factor * sorted.stream().mapToInt(CommitSupply::realRows).sum());
    double[] exact = sorted.stream().mapToDouble(c -> factor * c.realRows()).toArray();
    int[] quotas = largestRemainder(exact, target);
    long total = 0;
    for (int i = 0; i < sorted.size(); i++) {
      CommitSupply c = sorted.get(i);
      Map<String, Integer> t = new LinkedHashMap<>();
      for (String g : generators) {
        t.put(g, 0);
      }
      double[] shares = generators.stream().mapToDouble(g -> weights.getOrDefault(g, 0.0)).toArray();
      double sum = 0;
      for (double s : shares) {
        sum += s;
      }
      for (int k = 0; k < shares.length; k++) {
        shares[k] = sum > 0 ? quotas[i] * shares[k] / sum : (double) quotas[i] / shares.length;
      }
      int[] wanted = largestRemainder(shares, quotas[i]);
      int got = 0;
      for (int k = 0; k < generators.size(); k++) {
        int n = Math.min(wanted[k], c.available().getOrDefault(generators.get(k), 0));
        t.put(generators.get(k), n);
        got += n;
      }
      got += topUp(c, t, generators, quotas[i] - got);
      taken.put(c.commit(), t);
      total += got;
    }
    // The repository's remaining shortfall, one row at a time from commits with spare candidates, in turn.
    long missing = target - total;
    boolean progress = true;
    while (missing > 0 && progress) {
      progress = false;
      for (CommitSupply c : sorted) {
        if (missing == 0) {
          break;
        }
        if (topUp(c, taken.get(c.commit()), generators, 1) == 1) {
          missing--;
          progress = true;
        }
      }
    }
    return taken;
  }

  /** Takes up to {@code n} more candidates from the generators with spare ones, in order; returns how many. */
  private static int topUp(CommitSupply c, Map<String, Integer> taken, List<String> generators, int n) {
    int added = 0;
    for (String g : generators) {
      while (added < n && taken.get(g) < c.available().getOrDefault(g, 0)) {
        taken.merge(g, 1, Integer::sum);
        added++;
      }
    }
    return added;
  }

  /** Integers summing to {@code total} as close as possible to {@code exact} (Hamilton's method). */
  static int[] largestRemainder(double[] exact, long total) {
    int[] out = new int[exact.length];
    long sum = 0;
    for (int i = 0; i < exact.length; i++) {
      out[i] = (int) Math.floor(exact[i]);
      sum += out[i];
    }
    Integer[] order = new Integer[exact.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(exact[b] - Math.floor(exact[b]), exact[a] - Math.floor(exact[a])));
    for (int i = 0; sum < total && exact.length > 0; i = (i + 1) % exact.length) {
      out[order[i]]++;
      sum++;
    }
    return out;
  }
}
