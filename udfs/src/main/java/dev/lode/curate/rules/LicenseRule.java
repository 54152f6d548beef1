package dev.lode.curate.rules;

import dev.lode.curate.CommitFacts;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps commits of repositories whose license is on the SPDX allowlist ({@code curate.license.allowed}); an unknown
 * license is kept or dropped by {@code curate.license.unknown}. Kept with an unknown license, a commit scores 0.5.
 */
public final class LicenseRule implements Rule<CommitFacts> {
  public static final String NAME = "license";

  private final Set<String> allowed;
  private final boolean keepUnknown;

  public LicenseRule(List<String> allowed, String unknown) {
    this.allowed = allowed.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    this.keepUnknown = "keep".equals(unknown);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(CommitFacts c) {
    String license = c.license();
    if (license == null || license.isBlank()) {
      return keepUnknown ? Verdict.pass(0.5, "unknown license, kept (curate.license.unknown)")
          : Verdict.fail("unknown license (curate.license.unknown: drop)");
    }
    return allowed.contains(license.toLowerCase(Locale.ROOT)) ? Verdict.pass(1.0, license)
        : Verdict.fail(license + " is not in curate.license.allowed");
  }
}
