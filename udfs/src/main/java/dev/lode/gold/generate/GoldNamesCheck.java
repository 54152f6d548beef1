package dev.lode.gold.generate;

import dev.lode.config.ConfigCheck;
import dev.lode.config.ConfigException;
import dev.lode.config.GoldConfig;
import dev.lode.config.LodeConfig;
import dev.lode.gold.format.EditFormat;
import dev.lode.gold.mutate.MutationKind;
import java.util.Arrays;

/**
 * Refuses a name in {@code gold.edit_formats}, {@code gold.synthetic.generators} or
 * {@code gold.synthetic.mutation_kinds} that gold does not have, listing those it has: the names come from
 * {@link EditFormat}, {@link CommitExamples#GENERATORS} and {@link MutationKind}, declared once. Run by
 * {@code ConfigLoader.load} (registered in {@code META-INF/services/dev.lode.config.ConfigCheck}).
 */
public final class GoldNamesCheck implements ConfigCheck {
  @Override
  public void check(LodeConfig config) {
    GoldConfig gold = config.gold();
    ConfigException.requireOneOf("gold.edit_formats", gold.editFormats(),
        Arrays.stream(EditFormat.values()).map(EditFormat::id).toList());
    ConfigException.requireOneOf("gold.synthetic.generators", gold.synthetic().generators(),
        CommitExamples.GENERATORS);
    ConfigException.requireOneOf("gold.synthetic.mutation_kinds", gold.synthetic().mutationKinds(),
        Arrays.stream(MutationKind.values()).map(MutationKind::id).toList());
  }
}
