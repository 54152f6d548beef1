package dev.lode.jobs.mine;

import java.util.List;

/**
 * A repository to mine, as the user named it: {@code origin} is a local path (bare or with a work tree) or a URL
 * ({@code https://}, {@code file://}, {@code ssh://}, {@code git@host:path}); the rest is optional.
 *
 * @param origin where the repository is
 * @param domain a label carried into bronze.repos (web, data, cli, …)
 * @param branch the branch to mine instead of HEAD's
 * @param include path globs to keep (none: every path)
 * @param exclude path globs to leave out
 */
public record RepoSource(String origin, String domain, String branch, List<String> include, List<String> exclude) {
  public RepoSource {
    include = include == null ? List.of() : List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
  }

  public static RepoSource of(String origin) {
    return new RepoSource(origin, null, null, List.of(), List.of());
  }
}
