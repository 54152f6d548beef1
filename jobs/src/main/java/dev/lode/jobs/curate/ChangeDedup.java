package dev.lode.jobs.curate;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import dev.lode.dedup.DuplicateClusters;
import dev.lode.jobs.dedup.NearDuplicates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Exact and near-duplicate removal over the commits that passed every rule, against everything curated before. Spark
 * finds the links (equal fingerprints, MinHash LSH pairs from {@link NearDuplicates}) and the earlier commits they
 * reach, with the rest of those commits' clusters; the driver then clusters that small subgraph with
 * {@link DuplicateClusters}. Old rows are never recomputed: their fingerprints and signatures are read from
 * silver.commit_scores.
 */
final class ChangeDedup {
  private ChangeDedup() {}

  /**
   * @param fresh    this run's candidates: repo_id, sha, commit_time, change_hash, minhash
   * @param earlier  commits earlier runs deduplicated: the same columns plus cluster_id and kept
   * @param anyEarlier false when nothing was curated before (the first run), which spares the searches of earlier
   */
  static DuplicateClusters.Result run(Dataset<Row> fresh, Dataset<Row> earlier, boolean anyEarlier,
      NearDuplicates near) {
    Map<String, DuplicateClusters.Member> members = new LinkedHashMap<>();
    for (Row r : fresh.collectAsList()) {
      DuplicateClusters.Member m = member(r, false);
      members.put(m.key(), m);
    }
    if (members.isEmpty()) {
      return new DuplicateClusters.Result(List.of(), List.of());
    }
    Dataset<Row> freshSigs = signatures(fresh);
    Dataset<Row> earlierSigs = signatures(earlier);
    List<String[]> pairs = new ArrayList<>();
    for (Row p : near.withinSignatures(freshSigs).collectAsList()) {
      pairs.add(new String[] {p.getString(0), p.getString(1)});
    }
    if (!anyEarlier) {
      return DuplicateClusters.cluster(new ArrayList<>(members.values()), pairs);
    }
    Set<String> reached = new TreeSet<>();
    for (Row p : near.acrossSignatures(freshSigs, earlierSigs).collectAsList()) {
      pairs.add(new String[] {p.getString(0), p.getString(1)});
      reached.add(p.getString(1));
    }
    Dataset<Row> sameHash = earlier.join(broadcast(fresh.select("change_hash").distinct()), "change_hash");
    Set<String> clusters = new TreeSet<>();
    for (Row r : sameHash.select("cluster_id").union(
        earlier.where(concat_ws("/", col("repo_id"), col("sha")).isin(reached.toArray())).select("cluster_id"))
        .distinct().collectAsList()) {
      clusters.add(r.getString(0));
    }
    if (!clusters.isEmpty()) {
      // Whole clusters come along, so that a cluster is decided with all its members.
      for (Row r : earlier.where(col("cluster_id").isin(clusters.toArray())).collectAsList()) {
        DuplicateClusters.Member m = member(r, true);
        members.putIfAbsent(m.key(), m);
      }
    }
    return DuplicateClusters.cluster(new ArrayList<>(members.values()), pairs);
  }

  private static Dataset<Row> signatures(Dataset<Row> rows) {
    return rows.where(col("minhash").isNotNull())
        .select(concat_ws("/", col("repo_id"), col("sha")).as("id"), col("minhash").as(NearDuplicates.MINHASH));
  }

  private static DuplicateClusters.Member member(Row r, boolean earlier) {
    int sig = r.fieldIndex("minhash");
    int[] minhash = null;
    if (!r.isNullAt(sig)) {
      List<Integer> values = r.getList(sig);
      minhash = values.stream().mapToInt(Integer::intValue).toArray();
    }
    return new DuplicateClusters.Member(r.getString(r.fieldIndex("repo_id")), r.getString(r.fieldIndex("sha")),
        r.getTimestamp(r.fieldIndex("commit_time")).getTime(), r.getString(r.fieldIndex("change_hash")), minhash,
        earlier ? r.getString(r.fieldIndex("cluster_id")) : null, earlier && r.getBoolean(r.fieldIndex("kept")));
  }
}
