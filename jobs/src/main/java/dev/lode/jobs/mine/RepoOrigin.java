package dev.lode.jobs.mine;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a repository comes from, normalized so that the same repository named twice (a trailing slash, a
 * {@code .git} suffix, a relative path) gets the same {@code repo_id} on every run: its name and 8 hex digits of a
 * hash of the normalized origin, e.g. {@code flask-3f2a9c1e}.
 */
public record RepoOrigin(String normalized, String name, String repoId, boolean isRemote) {
  private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Pattern SCP = Pattern.compile("^[^/@:]+@[^/:]+:.+"); // git@github.com:owner/repo.git

  /** True for a URL (cloned into the cache) rather than a local path. */
  public static boolean isUrl(String origin) {
    return URL.matcher(origin).matches() || SCP.matcher(origin).matches();
  }

  /** Normalizes {@code origin}; a relative local path is taken against {@code cwd}. */
  public static RepoOrigin of(String origin, Path cwd) {
    String trimmed = origin.trim();
    String normalized;
    boolean remote = isUrl(trimmed);
    if (remote) {
      normalized = normalizeUrl(trimmed);
    } else {
      Path p = cwd.resolve(trimmed).toAbsolutePath().normalize();
      try {
        if (Files.exists(p)) {
          p = p.toRealPath();
        }
      } catch (IOException e) {
        // keep the normalized path: it will fail to open with its own error
      }
      if (p.getFileName() != null && p.getFileName().toString().equals(".git") && p.getParent() != null) {
        p = p.getParent();
      }
      normalized = p.toString();
    }
    String name = nameOf(normalized);
    return new RepoOrigin(normalized, name, name + "-" + hash8(normalized), remote);
  }

  private static String normalizeUrl(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith(".git")) {
      u = u.substring(0, u.length() - 4);
    }
    if (URL.matcher(u).matches()) {
      try {
        URI uri = URI.create(u);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String user = uri.getUserInfo() == null || scheme.startsWith("http") ? "" : uri.getUserInfo() + "@";
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (scheme.equals("file")) {
          path = Path.of(path).normalize().toString();
        }
        return scheme + "://" + user + host + port + path;
      } catch (IllegalArgumentException e) {
        return u;
      }
    }
    return u;
  }

  private static String nameOf(String normalized) {
    String s = normalized;
    int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf(':'));
    String name = cut < 0 ? s : s.substring(cut + 1);
    if (name.endsWith(".git")) {
      name = name.substring(0, name.length() - 4);
    }
    name = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return name.isEmpty() ? "repo" : name;
  }

  private static String hash8(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
