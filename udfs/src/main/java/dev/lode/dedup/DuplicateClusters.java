package dev.lode.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Groups commits that make the same change into clusters and keeps the earliest of each. Commits are linked by an
 * equal change fingerprint (exact) or by a near-duplicate pair; a cluster is a connected component of those links,
 * so a cherry-pick of a cherry-pick joins its original. In a cluster the commit with the earliest commit time is kept
 * (then the smaller repository id and sha, so ties resolve the same way every run); every other member is dropped
 * as an exact duplicate of the kept commit (same fingerprint) or a near one.
 *
 * <p>Incremental: members already curated by earlier runs come with their cluster id and kept state. A cluster keeps
 * the id it had (the smallest, when a new commit bridges two), and an earlier-kept commit is dropped only when a new
 * commit predates it. A commit in no cluster has its own id, {@link #ownId}.
 */
public final class DuplicateClusters {
  /** The reason a member dropped as an exact duplicate (same fingerprint) carries: its curation funnel step. */
  public static final String DEDUP_EXACT = "dedup_exact";
  /** The reason a member dropped as a near duplicate carries. */
  public static final String DEDUP_NEAR = "dedup_near";

  private DuplicateClusters() {}

  /** One commit taking part in deduplication. {@code clusterId} is null for a commit curated by this run. */
  public record Member(String repoId, String sha, long commitTimeMillis, String fingerprint, int[] minhash,
      String clusterId, boolean kept) {
    public String key() {
      return repoId + "/" + sha;
    }

    boolean isNew() {
      return clusterId == null;
    }
  }

  /** What happens to one member: kept or dropped (as {@code dedup_exact} or {@code dedup_near}) in a cluster. */
  public record Decision(Member member, boolean kept, String reason, double similarity, Member keptMember,
      String clusterId) {
    /** True for a member of an earlier run whose kept state or cluster this decision changes. */
    public boolean changesExisting() {
      return !member.isNew() && (kept != member.kept() || !clusterId.equals(member.clusterId()));
    }
  }

  /** A cluster of two or more members. {@code kind} is exact when every dropped member is an exact duplicate. */
  public record Cluster(String clusterId, String kind, Member kept, List<Decision> dropped,
      Set<String> replacedClusterIds) {}

  /** Decisions for every member, and the clusters of two or more. */
  public record Result(List<Decision> decisions, List<Cluster> clusters) {}

  private static final Comparator<Member> EARLIEST = Comparator.comparingLong(Member::commitTimeMillis)
      .thenComparing(Member::repoId).thenComparing(Member::sha);

  /**
   * @param members   new members and the earlier members they may join (with all members of those earlier clusters)
   * @param nearPairs pairs of member keys found near-duplicate; pairs naming unknown keys are an error
   */
  public static Result cluster(List<Member> members, List<String[]> nearPairs) {
    Map<String, Member> byKey = new LinkedHashMap<>();
    for (Member m : members) {
      if (byKey.put(m.key(), m) != null) {
        throw new IllegalArgumentException("member " + m.key() + " given twice");
      }
    }
    UnionFind uf = new UnionFind(byKey.keySet());
    Map<String, String> firstByFingerprint = new HashMap<>();
    Map<String, String> firstByCluster = new HashMap<>();
    for (Member m : members) {
      String other = firstByFingerprint.putIfAbsent(m.fingerprint(), m.key());
      if (other != null) {
        uf.union(other, m.key());
      }
      if (m.clusterId() != null) {
        String mate = firstByCluster.putIfAbsent(m.clusterId(), m.key());
        if (mate != null) {
          uf.union(mate, m.key());
        }
      }
    }
    for (String[] pair : nearPairs) {
      if (!byKey.containsKey(pair[0]) || !byKey.containsKey(pair[1])) {
        throw new IllegalArgumentException("near pair names an unknown member: " + pair[0] + " ~ " + pair[1]);
      }
      uf.union(pair[0], pair[1]);
    }
    Map<String, List<Member>> components = new LinkedHashMap<>();
    for (Member m : members) {
      components.computeIfAbsent(uf.find(m.key()), k -> new ArrayList<>()).add(m);
    }
    List<Decision> decisions = new ArrayList<>();
    List<Cluster> clusters = new ArrayList<>();
    for (List<Member> component : components.values()) {
      Member kept = component.stream().min(EARLIEST).orElseThrow();
      Set<String> earlierIds = new HashSet<>();
      for (Member m : component) {
        if (m.clusterId() != null) {
          earlierIds.add(m.clusterId());
        }
      }
      String clusterId = earlierIds.isEmpty() ? ownId(kept.repoId(), kept.sha())
          : earlierIds.stream().min(String::compareTo).orElseThrow();
      List<Decision> dropped = new ArrayList<>();
      for (Member m : component) {
        Decision d;
        if (m == kept) {
          d = new Decision(m, true, null, 1.0, kept, clusterId);
        } else if (m.fingerprint().equals(kept.fingerprint())) {
          d = new Decision(m, false, DEDUP_EXACT, 1.0, kept, clusterId);
        } else {
          double sim = m.minhash() == null || kept.minhash() == null ? 0 : MinHash.similarity(m.minhash(), kept.minhash());
          d = new Decision(m, false, DEDUP_NEAR, sim, kept, clusterId);
        }
        decisions.add(d);
        if (!d.kept()) {
          dropped.add(d);
        }
      }
      if (!dropped.isEmpty()) {
        boolean exact = dropped.stream().allMatch(d -> d.reason().equals(DEDUP_EXACT));
        earlierIds.remove(clusterId);
        clusters.add(new Cluster(clusterId, exact ? "exact" : "near", kept, dropped, Set.copyOf(earlierIds)));
      }
    }
    return new Result(decisions, clusters);
  }

  /** The cluster id of a commit that is in no cluster: stable, derived from its repository and sha. */
  public static String ownId(String repoId, String sha) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest((Objects.requireNonNull(repoId) + "/" + Objects.requireNonNull(sha)).getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder("c");
      for (int i = 0; i < 8; i++) {
        sb.append(String.format("%02x", d[i]));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();

    UnionFind(Iterable<String> keys) {
      for (String k : keys) {
        parent.put(k, k);
      }
    }

    String find(String k) {
      String root = k;
      while (!parent.get(root).equals(root)) {
        root = parent.get(root);
      }
      while (!parent.get(k).equals(root)) {
        String next = parent.get(k);
        parent.put(k, root);
        k = next;
      }
      return root;
    }

    void union(String a, String b) {
      String ra = find(a);
      String rb = find(b);
      if (!ra.equals(rb)) {
        if (ra.compareTo(rb) < 0) {
          parent.put(rb, ra);
        } else {
          parent.put(ra, rb);
        }
      }
    }
  }
}
