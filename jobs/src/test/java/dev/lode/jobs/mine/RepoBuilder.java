package dev.lode.jobs.mine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Builds real git repositories for tests with JGit, object by object, so that every odd case can be made exactly:
 * raw (non-UTF-8) path bytes, binary blobs, symlinks, submodule entries, merges, encodings, huge blobs streamed in.
 * The repository is bare; the git CLI reads it with {@code --git-dir}.
 */
final class RepoBuilder implements AutoCloseable {
  private record Entry(FileMode mode, ObjectId id) {}

  final Repository repo;
  private final ObjectInserter inserter;
  // Keys are raw path bytes as ISO-8859-1 strings, so any byte sequence round-trips.
  private Map<String, Entry> files = new TreeMap<>();
  private String branch = "main";
  private long time = 1_700_000_000L;
  private int tzMinutes = 60;

  private RepoBuilder(Repository repo) {
    this.repo = repo;
    this.inserter = repo.newObjectInserter();
  }

  /** A new bare repository whose HEAD is {@code refs/heads/main}. */
  static RepoBuilder create(Path dir) throws IOException {
    Repository r = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    r.create(true);
    RefUpdate head = r.getRefDatabase().newUpdate(Constants.HEAD, false);
    head.link("refs/heads/main");
    return new RepoBuilder(r);
  }

  Path gitDir() {
    return repo.getDirectory().toPath();
  }

  RepoBuilder write(String path, String content) throws IOException {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  RepoBuilder write(String path, byte[] content) throws IOException {
    return put(raw(path), FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, content));
  }

  /** A file whose path is given as raw bytes (e.g. Latin-1, invalid as UTF-8). */
  RepoBuilder writeRawPath(byte[] path, byte[] content) throws IOException {
    return put(new String(path, StandardCharsets.ISO_8859_1), FileMode.REGULAR_FILE,
        inserter.insert(Constants.OBJ_BLOB, content));
  }

  /** A blob streamed in, never held in memory whole: {@code size} bytes from {@code in}. */
  RepoBuilder writeStream(String path, long size, InputStream in) throws IOException {
    return put(raw(path), FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, size, in));
  }

  RepoBuilder executable(String path) {
    Entry e = files.get(raw(path));
    files.put(raw(path), new Entry(FileMode.EXECUTABLE_FILE, e.id()));
    return this;
  }

  RepoBuilder symlink(String path, String target) throws IOException {
    return put(raw(path), FileMode.SYMLINK, inserter.insert(Constants.OBJ_BLOB, target.getBytes(StandardCharsets.UTF_8)));
  }

  RepoBuilder submodule(String path, ObjectId commit) {
    return put(raw(path), FileMode.GITLINK, commit);
  }

  RepoBuilder delete(String path) {
    if (files.remove(raw(path)) == null) {
      throw new IllegalArgumentException("no file " + path);
    }
    return this;
  }

  RepoBuilder rename(String from, String to) {
    Entry e = files.remove(raw(from));
    files.put(raw(to), e);
    return this;
  }

  RepoBuilder copy(String from, String to) {
    files.put(raw(to), files.get(raw(from)));
    return this;
  }

  /** Commits the current files on the current branch with a UTF-8 message. */
  ObjectId commit(String message) throws IOException {
    return commit(message, List.of());
  }

  /** A merge of the current branch with {@code others}: the current files are the merge result. */
  ObjectId merge(String message, ObjectId... others) throws IOException {
    return commit(message, Arrays.asList(others));
  }

  private ObjectId commit(String message, List<ObjectId> otherParents) throws IOException {
    CommitBuilder c = new CommitBuilder();
    c.setTreeId(tree());
    List<ObjectId> parents = new ArrayList<>();
    ObjectId tip = repo.resolve("refs/heads/" + branch);
    if (tip != null) {
      parents.add(tip);
    }
    parents.addAll(otherParents);
    c.setParentIds(parents);
    c.setAuthor(ident("Ada Author", "ada@example.com"));
    c.setCommitter(ident("Cy Committer", "cy@example.com"));
    c.setMessage(message);
    return store(c.build());
  }

  /** A commit whose message is stored in {@code charset} with a matching encoding header. */
  ObjectId commitEncoded(String message, Charset charset) throws IOException {
    CommitBuilder c = new CommitBuilder();
    c.setTreeId(tree());
    ObjectId tip = repo.resolve("refs/heads/" + branch);
    if (tip != null) {
      c.setParentId(tip);
    }
    c.setAuthor(ident("Zoë Auteur", "zoe@example.com"));
    c.setCommitter(ident("Zoë Auteur", "zoe@example.com"));
    c.setEncoding(charset);
    c.setMessage(message);
    return store(c.build());
  }

  /** A commit whose message is raw bytes (maybe invalid UTF-8) with no encoding header. */
  ObjectId commitRawMessage(byte[] message) throws IOException {
    ObjectId tip = repo.resolve("refs/heads/" + branch);
    StringBuilder head = new StringBuilder("tree " + tree().name() + "\n");
    if (tip != null) {
      head.append("parent ").append(tip.name()).append('\n');
    }
    head.append("author Ada Author <ada@example.com> ").append(time).append(" +0000\n");
    head.append("committer Ada Author <ada@example.com> ").append(time++).append(" +0000\n\n");
    byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOf(h, h.length + message.length);
    System.arraycopy(message, 0, body, h.length, message.length);
    return store(body);
  }

  private ObjectId store(byte[] commit) throws IOException {
    ObjectId id = inserter.insert(Constants.OBJ_COMMIT, commit);
    inserter.flush();
    RefUpdate u = repo.updateRef("refs/heads/" + branch);
    u.setNewObjectId(id);
    u.setForceUpdate(true);
    u.update();
    return id;
  }

  /** Starts (or switches to) {@code name}, its files those of its tip (or of the current state when new). */
  RepoBuilder branch(String name) throws IOException {
    ObjectId tip = repo.resolve("refs/heads/" + name);
    if (tip == null) {
      ObjectId current = repo.resolve("refs/heads/" + branch);
      if (current != null) {
        RefUpdate u = repo.updateRef("refs/heads/" + name);
        u.setNewObjectId(current);
        u.update();
      }
    } else {
      files = readTree(repo.parseCommit(tip).getTree());
    }
    branch = name;
    return this;
  }

  /** Sets the zone of the next commits' dates, in minutes east of UTC. */
  RepoBuilder zone(int minutes) {
    tzMinutes = minutes;
    return this;
  }

  private PersonIdent ident(String name, String email) {
    return new PersonIdent(name, email, java.time.Instant.ofEpochSecond(time++),
        java.time.ZoneOffset.ofTotalSeconds(tzMinutes * 60));
  }

  private RepoBuilder put(String rawPath, FileMode mode, ObjectId id) {
    files.put(rawPath, new Entry(mode, id));
    return this;
  }

  private static String raw(String path) {
    return new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** Writes the nested trees of the current files, entries in git's order (a tree sorts as its name + '/'). */
  private ObjectId tree() throws IOException {
    ObjectId id = tree(files, "");
    inserter.flush();
    return id;
  }

  private ObjectId tree(Map<String, Entry> all, String prefix) throws IOException {
    TreeMap<String, Object> level = new TreeMap<>((a, b) -> {
      byte[] x = a.getBytes(StandardCharsets.ISO_8859_1);
      byte[] y = b.getBytes(StandardCharsets.ISO_8859_1);
      return Arrays.compareUnsigned(x, y);
    });
    Map<String, Map<String, Entry>> dirs = new TreeMap<>();
    for (Map.Entry<String, Entry> e : all.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      String rest = e.getKey().substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        level.put(rest, e.getValue());
      } else {
        String dir = rest.substring(0, slash);
        dirs.computeIfAbsent(dir, k -> new TreeMap<>()).put(e.getKey(), e.getValue());
        level.put(dir + "/", dir);
      }
    }
    TreeFormatter f = new TreeFormatter();
    for (Map.Entry<String, Object> e : level.entrySet()) {
      if (e.getValue() instanceof Entry entry) {
        f.append(e.getKey().getBytes(StandardCharsets.ISO_8859_1), entry.mode(), entry.id());
      } else {
        String dir = (String) e.getValue();
        f.append(dir.getBytes(StandardCharsets.ISO_8859_1), FileMode.TREE, tree(dirs.get(dir), prefix + dir + "/"));
      }
    }
    return inserter.insert(f);
  }

  private Map<String, Entry> readTree(ObjectId tree) throws IOException {
    Map<String, Entry> out = new TreeMap<>();
    try (org.eclipse.jgit.treewalk.TreeWalk tw = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
      tw.addTree(tree);
      tw.setRecursive(true);
      while (tw.next()) {
        out.put(new String(tw.getRawPath(), StandardCharsets.ISO_8859_1), new Entry(tw.getFileMode(0), tw.getObjectId(0)));
      }
    }
    return out;
  }

  @Override
  public void close() {
    inserter.close();
    repo.close();
  }
}
