package dev.lode.train.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.GatesConfig;
import dev.lode.train.registry.PromotionGates.DevPoint;
import dev.lode.train.registry.PromotionGates.Evidence;
import dev.lode.train.registry.PromotionGates.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionGatesTest {
  private static final GatesConfig.Set ALL = new GatesConfig.Set(true, true, true, 0.95);
  private static final List<DevPoint> FALLING =
      List.of(new DevPoint(15, 6.1), new DevPoint(30, 6.05), new DevPoint(45, 6.03), new DevPoint(60, 6.02));

  @Test
  void aCandidateBetterThanBaseAndProductionWithFallingDevLossPasses() {
    List<Verdict> v = PromotionGates.check(ALL, new Evidence(6.0, 6.3, 6.1, FALLING, 60, 0.97));
    assertNull(PromotionGates.firstFailure(v), v.toString());
    assertEquals(List.of("beats_base", "no_worse_than_production", "dev_loss_decreasing", "min_format_accuracy"),
        v.stream().map(Verdict::gate).toList());
  }

  @Test
  void aCandidateWorseThanProductionIsRefusedNamingThatGate() {
    Verdict failed = PromotionGates.firstFailure(
        PromotionGates.check(ALL, new Evidence(6.2, 6.3, 6.1, FALLING, 60, 0.97)));
    assertEquals("no_worse_than_production", failed.gate());
    assertTrue(failed.detail().contains("6.2000") && failed.detail().contains("6.1000"), failed.detail());
  }

  @Test
  void aCandidateNoBetterThanItsBaseIsRefused() {
    assertEquals("beats_base", PromotionGates.firstFailure(
        PromotionGates.check(ALL, new Evidence(6.3, 6.3, null, FALLING, 60, null))).gate());
  }

  @Test
  void devLossMustFallOverTheLastFifthOfTraining() {
    // rising between step 45 (the last point at or before step 48) and step 60
    List<DevPoint> rising = List.of(new DevPoint(15, 6.1), new DevPoint(45, 6.0), new DevPoint(60, 6.01));
    assertArrayEquals(new double[] {6.0, 6.01}, PromotionGates.devTrend(rising, 60));
    assertEquals("dev_loss_decreasing", PromotionGates.firstFailure(
        PromotionGates.check(ALL, new Evidence(6.0, 6.3, null, rising, 60, null))).gate());
    assertEquals("dev_loss_decreasing", PromotionGates.firstFailure(
        PromotionGates.check(ALL, new Evidence(6.0, 6.3, null, List.of(new DevPoint(60, 6.0)), 60, null))).gate());
  }

  @Test
  void formatAccuracyIsRequiredOnlyWhereConfiguredAndMeasured() {
    assertEquals("min_format_accuracy", PromotionGates.firstFailure(
        PromotionGates.check(ALL, new Evidence(6.0, 6.3, null, FALLING, 60, 0.5))).gate());
    assertNull(PromotionGates.firstFailure(PromotionGates.check(new GatesConfig.Set(true, true, true, 0),
        new Evidence(6.0, 6.3, null, FALLING, 60, 0.0))));
  }
}
