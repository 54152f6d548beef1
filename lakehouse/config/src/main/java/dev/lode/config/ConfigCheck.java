package dev.lode.config;

/**
 * A check of the loaded configuration that needs knowledge this module does not have, such as the names of the
 * curation rules (declared once, by the rules themselves). Implementations are found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.lode.config.ConfigCheck}) and run by {@link ConfigLoader}
 * after the record checks; each throws a {@link ConfigException} naming the key it refuses.
 */
public interface ConfigCheck {
  void check(LodeConfig config);
}
