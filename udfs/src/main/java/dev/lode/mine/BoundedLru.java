package dev.lode.mine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used cache bounded by its number of entries and by the total weight of its values (bytes, say):
 * after each put the least recently used entries go until both bounds hold again. Not thread-safe: one per miner.
 */
public final class BoundedLru<K, V> {
  private final int maxEntries;
  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<K, V> map = new LinkedHashMap<>(16, 0.75f, true);
  private long weight;

  public BoundedLru(int maxEntries, long maxWeight, ToLongFunction<V> weigher) {
    if (maxEntries < 1 || maxWeight < 0) {
      throw new IllegalArgumentException("bounds must be positive: " + maxEntries + " entries, weight " + maxWeight);
    }
    this.maxEntries = maxEntries;
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  /** Bounded by the number of entries only. */
  public static <K, V> BoundedLru<K, V> ofEntries(int maxEntries) {
    return new BoundedLru<>(maxEntries, Long.MAX_VALUE, v -> 0);
  }

  /** The value, marked as most recently used; null if absent. */
  public V get(K key) {
    return map.get(key);
  }

  public void put(K key, V value) {
    V replaced = map.put(key, value);
    if (replaced != null) {
      weight -= weigher.applyAsLong(replaced);
    }
    weight += weigher.applyAsLong(value);
    Iterator<Map.Entry<K, V>> eldest = map.entrySet().iterator();
    while ((map.size() > maxEntries || weight > maxWeight) && eldest.hasNext()) {
      weight -= weigher.applyAsLong(eldest.next().getValue());
      eldest.remove();
    }
  }

  public int size() {
    return map.size();
  }

  /** The total weight of the values held. */
  public long weight() {
    return weight;
  }
}
