package dev.lode.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
  @Test
  void commentsAreReadAboveEachKeyAtItsNestedPath() {
    Map<String, String> docs = ConfigDocs.parse("""
        # the section
        a:
          # first line
          # second line
          b: 1
          c:
            # deep
            d: [x,
                y]

          e: 2
        """);
    assertEquals("first line second line", docs.get("a.b"));
    assertEquals("deep", docs.get("a.c.d"));
    assertEquals("", docs.get("a.e"), "a blank line ends a comment");
    assertEquals("the section", docs.get("a"));
  }

  @Test
  void everySettingIsDocumentedInLodeYaml() {
    List<String> undocumented = new ArrayList<>();
    walk(LodeConfig.class, "", undocumented);
    assertEquals(List.of(), undocumented, "settings without a comment in conf/lode.yaml");
  }

  private static void walk(Class<?> type, String prefix, List<String> undocumented) {
    for (RecordComponent c : type.getRecordComponents()) {
      String key = prefix + ConfigLoader.snake(c.getName());
      if (c.getType().isRecord()) {
        walk(c.getType(), key + ".", undocumented);
      } else if (ConfigDocs.comment(key).isBlank()) {
        undocumented.add(key);
      }
    }
  }

  @Test
  void theFlagOfAKeyDropsItsTopSection() {
    assertEquals("--lora-target-modules", ConfigFlags.flagOf("train.lora.target_modules"));
    assertEquals("--all-branches", ConfigFlags.flagOf("mine.all_branches"));
    assertTrue(ConfigFlags.flagOf("gold.split.train").equals("--split-train"));
  }
}
