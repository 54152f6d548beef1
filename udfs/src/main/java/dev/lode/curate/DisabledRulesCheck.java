package dev.lode.curate;

import dev.lode.config.ConfigCheck;
import dev.lode.config.ConfigException;
import dev.lode.config.LodeConfig;

/**
 * Refuses a {@code curate.disabled_rules} entry that names no rule, listing the rules there are: the names come from
 * the rules themselves ({@link CurationRules#RULES}), so a new or renamed rule needs no second list in the
 * configuration. Run by {@code ConfigLoader.load} for every command (registered in
 * {@code META-INF/services/dev.lode.config.ConfigCheck}).
 */
public final class DisabledRulesCheck implements ConfigCheck {
  @Override
  public void check(LodeConfig config) {
    ConfigException.requireOneOf("curate.disabled_rules", config.curate().disabledRules(), CurationRules.RULES);
  }
}
