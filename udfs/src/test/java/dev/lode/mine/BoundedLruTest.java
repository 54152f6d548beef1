package dev.lode.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BoundedLruTest {
  @Test
  void theLeastRecentlyUsedEntryGoesWhenTheCountIsExceeded() {
    BoundedLru<String, String> lru = BoundedLru.ofEntries(2);
    lru.put("a", "1");
    lru.put("b", "2");
    lru.get("a"); // now b is the least recently used
    lru.put("c", "3");
    assertNull(lru.get("b"));
    assertNotNull(lru.get("a"));
    assertNotNull(lru.get("c"));
    assertEquals(2, lru.size());
  }

  @Test
  void entriesGoUntilTheTotalWeightFitsAndAReplacedValueStopsCounting() {
    BoundedLru<String, byte[]> lru = new BoundedLru<>(100, 10, v -> v.length);
    lru.put("a", new byte[4]);
    lru.put("b", new byte[4]);
    lru.put("a", new byte[2]); // replaces a: weight 6, and a is now the most recent
    assertEquals(6, lru.weight());
    lru.put("c", new byte[8]); // 14 > 10: the least recent, b, goes; 10 fits
    assertNull(lru.get("b"));
    assertEquals(10, lru.weight());
    lru.put("d", new byte[1]); // 11 > 10: a (now least recent) goes
    assertNull(lru.get("a"));
    assertEquals(9, lru.weight());
    assertEquals(2, lru.size());
  }

  @Test
  void aValueHeavierThanTheWholeBoundIsNotKept() {
    BoundedLru<String, byte[]> lru = new BoundedLru<>(100, 10, v -> v.length);
    lru.put("a", new byte[3]);
    lru.put("big", new byte[11]);
    assertEquals(0, lru.size());
    assertEquals(0, lru.weight());
  }
}
