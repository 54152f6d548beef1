package dev.lode.jobs.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lode.config.GoldConfig;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ChronologicalSplitTest {
  private static final GoldConfig.Split EIGHTY_TEN_TEN = new GoldConfig.Split(0.8, 0.1, null, null, false, true);

  private static List<Timestamp> days(int n) {
    List<Timestamp> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Timestamp(1_700_000_000_000L + i * 86_400_000L));
    }
    return out;
  }

  private static Map<String, Integer> counts(ChronologicalSplit split, List<Timestamp> times) {
    Map<String, Integer> c = new TreeMap<>();
    for (Timestamp t : times) {
      String s = t.before(split.trainEnd()) ? "train" : t.before(split.devEnd()) ? "dev" : "test";
      c.merge(s, 1, Integer::sum);
    }
    return c;
  }

  @Test
  void aLargeRoundIsCutAtItsQuantiles() {
    List<Timestamp> times = days(100);
    assertEquals(Map.of("train", 80, "dev", 10, "test", 10),
        counts(ChronologicalSplit.ofTimes(times, EIGHTY_TEN_TEN), times));
  }

  @Test
  void aSmallRoundStillGivesDevAndTestTheirNewestCommits() {
    List<Timestamp> times = days(3);
    assertEquals(Map.of("train", 1, "dev", 1, "test", 1),
        counts(ChronologicalSplit.ofTimes(times, EIGHTY_TEN_TEN), times));
    List<Timestamp> five = days(5);
    assertEquals(Map.of("train", 3, "dev", 1, "test", 1),
        counts(ChronologicalSplit.ofTimes(five, EIGHTY_TEN_TEN), five));
  }

  @Test
  void twoCommitsAreTooFewToSplitAndStayInTrain() {
    List<Timestamp> times = days(2);
    assertEquals(Map.of("train", 2), counts(ChronologicalSplit.ofTimes(times, EIGHTY_TEN_TEN), times));
  }

  @Test
  void noTestShareMeansNoTestRows() {
    GoldConfig.Split noTest = new GoldConfig.Split(0.8, 0.2, null, null, false, true);
    List<Timestamp> times = days(3);
    Map<String, Integer> c = counts(ChronologicalSplit.ofTimes(times, noTest), times);
    assertEquals(null, c.get("test"));
    assertEquals(1, c.get("dev"));
  }
}
