package dev.lode.jobs.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.posexplode;

import dev.lode.dedup.MinHash;
import dev.lode.dedup.Shingles;
import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;

/**
 * Near-duplicate pairs of texts by MinHash LSH: the pairs whose estimated Jaccard similarity over {@code k}-token
 * shingles is at least a threshold, found without comparing every pair.
 *
 * <pre>{@code
 * NearDuplicates nd = new NearDuplicates(0.8, 5, 20, 5, 42);
 * Dataset<Row> pairs = nd.within(docs, "id", "text");           // id_a < id_b, similarity
 * Dataset<Row> leaks = nd.across(test, train, "id", "text");     // left_id, right_id, similarity
 * Dataset<Row> sigs  = nd.signatures(docs, "id", "text");        // id, minhash: store them, compare later
 * Dataset<Row> more  = nd.acrossSignatures(newSigs, storedSigs);  // no text needed for stored rows
 * }</pre>
 *
 * <p>Each text gets a signature of {@code bands × rows} MinHash values; two texts become candidates when they agree on
 * every value of at least one band (probability {@code 1 - (1 - J^rows)^bands}) and are reported when the share of
 * agreeing values reaches the threshold. Texts with no tokens have no signature and pair with nothing. Ids may be of
 * any orderable type; within one dataset they must be unique. Signatures stored with one setting compare only with
 * signatures made with the same shingle size, bands, rows and seed.
 */
public final class NearDuplicates implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Output column: the MinHash signature, {@code array<int>} of bands × rows values. */
  public static final String MINHASH = "minhash";

  private final double threshold;
  private final int shingleSize;
  private final MinHash minHash;

  /**
   * @param threshold   least estimated Jaccard similarity reported, in (0, 1]
   * @param shingleSize tokens per shingle
   * @param bands       LSH bands
   * @param rows        signature values per band
   * @param seed        seed of the hash functions
   */
  public NearDuplicates(double threshold, int shingleSize, int bands, int rows, long seed) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
    this.threshold = threshold;
    this.shingleSize = shingleSize;
    this.minHash = new MinHash(bands, rows, seed);
  }

  public double threshold() {
    return threshold;
  }

  /** The signature of one text, as {@link #signatures} computes it; null for a text with no tokens. */
  public int[] signature(String text) {
    long[] shingles = Shingles.of(text, shingleSize);
    return shingles.length == 0 ? null : minHash.signature(shingles);
  }

  /** {@code (id, minhash)} for every row of {@code rows} whose text has at least one token. */
  public Dataset<Row> signatures(Dataset<Row> rows, String idCol, String textCol) {
    UserDefinedFunction sign = functions.udf((UDF1<String, int[]>) this::signature,
        DataTypes.createArrayType(DataTypes.IntegerType, false));
    return rows.select(col(idCol).as("id"), sign.apply(col(textCol)).as(MINHASH))
        .where(col(MINHASH).isNotNull());
  }

  /** Pairs of rows of one dataset ({@code id_a < id_b}) at or above the threshold, with their similarity. */
  public Dataset<Row> within(Dataset<Row> rows, String idCol, String textCol) {
    return withinSignatures(signatures(rows, idCol, textCol));
  }

  /** Pairs (a row of {@code left}, a row of {@code right}) at or above the threshold, with their similarity. */
  public Dataset<Row> across(Dataset<Row> left, Dataset<Row> right, String idCol, String textCol) {
    return acrossSignatures(signatures(left, idCol, textCol), signatures(right, idCol, textCol));
  }

  /** As {@link #within}, over {@code (id, minhash)} rows made by {@link #signatures}. */
  public Dataset<Row> withinSignatures(Dataset<Row> sigs) {
    Dataset<Row> keyed = banded(sigs);
    Dataset<Row> a = keyed.as("a");
    Dataset<Row> b = keyed.as("b");
    Dataset<Row> candidates = a.join(b, col("a.band").equalTo(col("b.band"))
            .and(col("a.key").equalTo(col("b.key")))
            .and(col("a.id").lt(col("b.id"))))
        .select(col("a.id").as("id_a"), col("b.id").as("id_b"))
        .distinct();
    return scored(candidates, sigs, "id_a", "id_b");
  }

  /** As {@link #across}, over {@code (id, minhash)} rows made by {@link #signatures}. */
  public Dataset<Row> acrossSignatures(Dataset<Row> left, Dataset<Row> right) {
    Dataset<Row> l = banded(left).as("l");
    Dataset<Row> r = banded(right).as("r");
    Dataset<Row> candidates = l.join(r, col("l.band").equalTo(col("r.band")).and(col("l.key").equalTo(col("r.key"))))
        .select(col("l.id").as("left_id"), col("r.id").as("right_id"))
        .distinct();
    return scoredAcross(candidates, left, right);
  }

  private Dataset<Row> banded(Dataset<Row> sigs) {
    UserDefinedFunction keys = functions.udf((UDF1<Seq<Integer>, long[]>) seq -> minHash.bandKeys(ints(seq)),
        DataTypes.createArrayType(DataTypes.LongType, false));
    return sigs.select(col("id"), posexplode(keys.apply(col(MINHASH))).as(new String[] {"band", "key"}));
  }

  private Dataset<Row> scored(Dataset<Row> candidates, Dataset<Row> sigs, String first, String second) {
    Dataset<Row> s1 = sigs.select(col("id").as("_id1"), col(MINHASH).as("_sig1"));
    Dataset<Row> s2 = sigs.select(col("id").as("_id2"), col(MINHASH).as("_sig2"));
    return candidates.join(s1, col(first).equalTo(col("_id1")))
        .join(s2, col(second).equalTo(col("_id2")))
        .select(col(first), col(second), similarity("_sig1", "_sig2").as("similarity"))
        .where(col("similarity").geq(threshold));
  }

  private Dataset<Row> scoredAcross(Dataset<Row> candidates, Dataset<Row> left, Dataset<Row> right) {
    Dataset<Row> s1 = left.select(col("id").as("_id1"), col(MINHASH).as("_sig1"));
    Dataset<Row> s2 = right.select(col("id").as("_id2"), col(MINHASH).as("_sig2"));
    return candidates.join(s1, col("left_id").equalTo(col("_id1")))
        .join(s2, col("right_id").equalTo(col("_id2")))
        .select(col("left_id"), col("right_id"), similarity("_sig1", "_sig2").as("similarity"))
        .where(col("similarity").geq(threshold));
  }

  /** The share of agreeing signature values, in SQL so that no row leaves the JVM's Tungsten format. */
  static Column similarity(String sigA, String sigB) {
    return expr("aggregate(zip_with(" + sigA + ", " + sigB + ", (x, y) -> if(x = y, 1, 0)), 0, (acc, v) -> acc + v)"
        + " / size(" + sigA + ")");
  }

  private static int[] ints(Seq<Integer> seq) {
    int[] out = new int[seq.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = seq.apply(i);
    }
    return out;
  }
}
