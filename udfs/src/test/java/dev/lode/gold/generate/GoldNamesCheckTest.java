package dev.lode.gold.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.ConfigException;
import dev.lode.config.ConfigLoader;
import dev.lode.config.GoldConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoldNamesCheckTest {
  private static ConfigException refused(String... sets) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of(sets)));
  }

  @Test
  void unknownFormatsGeneratorsAndMutationKindsAreRefusedByName() {
    assertEquals("gold.edit_formats", refused("gold.edit_formats=[whole_file, patch]").key());
    ConfigException kinds = refused("gold.synthetic.mutation_kinds=[off_by_two]");
    assertTrue(kinds.getMessage().contains("off_by_one"), kinds.getMessage());
    ConfigException generators = refused(
        "gold.synthetic.generators=[bug_fixer, test_writer, localization, patch_variants, poet]");
    assertEquals("gold.synthetic.generators", generators.key());
    assertTrue(generators.getMessage().contains("poet") && generators.getMessage().contains(BugFixer.NAME),
        generators.getMessage());
  }

  @Test
  void everyNameGoldDefinesIsAccepted() {
    GoldConfig gold = ConfigLoader.load(null, List.of(
        "gold.edit_formats=[whole_file, unified_diff, search_replace]",
        "gold.synthetic.mutation_kinds=[comparison_flip, boolean_flip, off_by_one, negated_condition, "
            + "swapped_arguments, removed_statement, removed_return, changed_default]")).gold();
    assertEquals(Set.copyOf(CommitExamples.GENERATORS), Set.copyOf(gold.synthetic().generators()));
    assertEquals(3, gold.editFormats().size());
    assertEquals(8, gold.synthetic().mutationKinds().size());
  }
}
