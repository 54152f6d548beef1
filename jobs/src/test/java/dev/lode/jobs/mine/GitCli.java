package dev.lode.jobs.mine;

import dev.lode.mine.LenientText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The git command line as a test oracle (never used by Lode at run time): what {@code git log --numstat -M} and
 * {@code --name-status} say about each commit, parsed from their NUL-separated form so any path survives.
 */
final class GitCli {
  private final Path gitDir;
  private final List<String> config = new ArrayList<>();

  GitCli(Path gitDir) {
    this.gitDir = gitDir;
  }

  /** Adds {@code -c key=value} to every command (e.g. core.bigFileThreshold). */
  GitCli with(String key, String value) {
    config.add("-c");
    config.add(key + "=" + value);
    return this;
  }

  /** One file of a commit as git reports it; lines are -1 for binary ("-" in numstat). */
  record FileStat(String status, String oldPath, String newPath, int added, int deleted) {
    String path() {
      return newPath != null ? newPath : oldPath;
    }
  }

  byte[] run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
    cmd.addAll(config);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    byte[] err = p.getErrorStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IOException(cmd + " failed: " + new String(err, StandardCharsets.UTF_8));
    }
    return out;
  }

  String text(String... args) throws IOException, InterruptedException {
    return LenientText.utf8(run(args));
  }

  /** Commits of {@code rev} in git log's order, with the flags given. */
  List<String> revList(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("rev-list"));
    cmd.addAll(List.of(args));
    String out = text(cmd.toArray(String[]::new)).strip();
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  /**
   * For each commit reachable from {@code rev}: its files as {@code git log -M --numstat} and {@code --name-status}
   * give them (merges have none, as git log shows no diff for them by default).
   */
  Map<String, List<FileStat>> log(String rev) throws IOException, InterruptedException {
    Map<String, List<String[]>> numstat = records(run("log", "-M", "--numstat", "-z", "--format=%x01%H", rev), true);
    Map<String, List<String[]>> status = records(run("log", "-M", "--name-status", "-z", "--format=%x01%H", rev), false);
    Map<String, List<FileStat>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String[]>> e : numstat.entrySet()) {
      List<String[]> ns = e.getValue();
      List<String[]> st = status.get(e.getKey());
      List<FileStat> files = new ArrayList<>();
      for (int i = 0; i < ns.size(); i++) {
        String[] n = ns.get(i);
        String[] s = st.get(i);
        String letter = s[0].substring(0, 1);
        String oldPath = letter.equals("A") ? null : s[1];
        String newPath = letter.equals("D") ? null : s.length > 2 ? s[2] : s[1];
        files.add(new FileStat(letter, oldPath, newPath, n[0].equals("-") ? -1 : Integer.parseInt(n[0]),
            n[1].equals("-") ? -1 : Integer.parseInt(n[1])));
      }
      out.put(e.getKey(), files);
    }
    return out;
  }

  /** Splits -z log output into commits and their NUL-separated file records. */
  private static Map<String, List<String[]>> records(byte[] raw, boolean numstat) {
    Map<String, List<String[]>> out = new LinkedHashMap<>();
    List<String> tokens = new ArrayList<>();
    ByteArrayOutputStream cur = new ByteArrayOutputStream();
    for (byte b : raw) {
      if (b == 0) {
        tokens.add(LenientText.utf8(cur.toByteArray()));
        cur.reset();
      } else {
        cur.write(b);
      }
    }
    tokens.add(LenientText.utf8(cur.toByteArray()));
    String commit = null;
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i).replaceFirst("^\n+", "");
      if (t.isEmpty()) {
        continue;
      }
      if (t.startsWith("\u0001")) {
        String rest = t.substring(1);
        int nl = rest.indexOf('\n');
        commit = nl < 0 ? rest : rest.substring(0, nl);
        out.put(commit, new ArrayList<>());
        if (nl < 0) {
          continue;
        }
        t = rest.substring(nl + 1).replaceFirst("^\n+", "");
        if (t.isEmpty()) {
          continue;
        }
      }
      if (numstat) {
        String[] f = t.split("\t", 3);
        if (f[2].isEmpty()) { // a rename or copy: old and new paths follow as their own records
          out.get(commit).add(new String[] {f[0], f[1], tokens.get(i + 1), tokens.get(i + 2)});
          i += 2;
        } else {
          out.get(commit).add(f);
        }
      } else {
        if (t.startsWith("R") || t.startsWith("C")) {
          out.get(commit).add(new String[] {t, tokens.get(i + 1), tokens.get(i + 2)});
          i += 2;
        } else {
          out.get(commit).add(new String[] {t, tokens.get(i + 1)});
          i += 1;
        }
      }
    }
    return out;
  }
}
