package dev.lode.train.sft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many examples were skipped for each {@link SkipReason}, with the ids of the first {@link #EXAMPLES} of each,
 * so a report can say both how much was lost and where to look. Counts are per record, over one pass of the data.
 */
public final class SkipCounts {
  /** Ids kept per reason: enough to find the records, few enough to print. */
  public static final int EXAMPLES = 5;

  private final Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
  private final Map<SkipReason, List<String>> ids = new EnumMap<>(SkipReason.class);
  private long kept;

  /** Counts one skipped record. */
  public synchronized void skipped(SkipReason reason, String id) {
    counts.merge(reason, 1L, Long::sum);
    List<String> first = ids.computeIfAbsent(reason, r -> new ArrayList<>());
    if (first.size() < EXAMPLES) {
      first.add(id);
    }
  }

  /** Counts one example that was encoded and used (a document split into windows counts once per window). */
  public synchronized void kept() {
    kept++;
  }

  /** Examples encoded and used. */
  public synchronized long keptCount() {
    return kept;
  }

  /** Records skipped, for every reason. */
  public synchronized long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Skipped records per reason, by {@link SkipReason#key()}, only the reasons that occurred. */
  public synchronized Map<String, Long> byReason() {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.forEach((r, n) -> out.put(r.key(), n));
    return Collections.unmodifiableMap(out);
  }

  /** The first {@link #EXAMPLES} record ids of each reason that occurred. */
  public synchronized Map<String, List<String>> firstIds() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    ids.forEach((r, l) -> out.put(r.key(), List.copyOf(l)));
    return Collections.unmodifiableMap(out);
  }

  /** E.g. {@code 10 used, 2 skipped: longer_than_seq_len 2 (chat.jsonl:4, chat.jsonl:9)}. */
  @Override
  public synchronized String toString() {
    StringBuilder sb = new StringBuilder().append(kept).append(" used, ").append(total()).append(" skipped");
    String sep = ": ";
    for (Map.Entry<SkipReason, Long> e : counts.entrySet()) {
      sb.append(sep).append(e.getKey().key()).append(' ').append(e.getValue())
          .append(" (").append(String.join(", ", ids.get(e.getKey()))).append(e.getValue() > EXAMPLES ? ", …)" : ")");
      sep = ", ";
    }
    return sb.toString();
  }
}
