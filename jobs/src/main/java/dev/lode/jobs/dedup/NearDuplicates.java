package dev.lode.jobs.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;

import dev.lode.dedup.MinHash;
import dev.lode.dedup.Shingles;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
 * every value of at least one band (probability {@code 1 - (1 - J^rows)^bands}), that is when they fall in the same
 * LSH bucket, and are reported when the share of agreeing values reaches the threshold. One shuffle groups the
 * buckets; pairs are scored inside them. Texts with no tokens have no signature and pair with nothing. Ids may be of
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
    DataType idType = sigs.schema().apply("id").dataType();
    StructType out = new StructType().add("id_a", idType, false).add("id_b", idType, false)
        .add("similarity", DataTypes.DoubleType, false);
    double t = threshold;
    return buckets(banded(sigs).select(col("band"), col("key"), struct(col("id"), col(MINHASH)).as("m")))
        .flatMap((FlatMapFunction<Row, Row>) bucket -> {
          List<Row> members = bucket.getList(0);
          List<Row> pairs = new ArrayList<>();
          for (int i = 0; i < members.size(); i++) {
            for (int j = i + 1; j < members.size(); j++) {
              Row a = members.get(i);
              Row b = members.get(j);
              int order = compare(a.get(0), b.get(0));
              double sim = MinHash.similarity(ints(a.getList(1)), ints(b.getList(1)));
              if (order != 0 && sim >= t) {
                pairs.add(order < 0 ? RowFactory.create(a.get(0), b.get(0), sim) : RowFactory.create(b.get(0), a.get(0), sim));
              }
            }
          }
          return pairs.iterator();
        }, Encoders.row(out))
        .dropDuplicates("id_a", "id_b");
  }

  /** As {@link #across}, over {@code (id, minhash)} rows made by {@link #signatures}. */
  public Dataset<Row> acrossSignatures(Dataset<Row> left, Dataset<Row> right) {
    DataType leftType = left.schema().apply("id").dataType();
    DataType rightType = right.schema().apply("id").dataType();
    StructType out = new StructType().add("left_id", leftType, false).add("right_id", rightType, false)
        .add("similarity", DataTypes.DoubleType, false);
    Dataset<Row> tagged = banded(left).select(col("band"), col("key"),
            struct(col("id").as("l"), lit(null).cast(rightType).as("r"), col(MINHASH)).as("m"))
        .unionByName(banded(right).select(col("band"), col("key"),
            struct(lit(null).cast(leftType).as("l"), col("id").as("r"), col(MINHASH)).as("m")));
    double t = threshold;
    return buckets(tagged)
        .flatMap((FlatMapFunction<Row, Row>) bucket -> {
          List<Row> members = bucket.getList(0);
          List<Row> pairs = new ArrayList<>();
          for (Row l : members) {
            if (l.isNullAt(0)) {
              continue;
            }
            for (Row r : members) {
              if (r.isNullAt(1)) {
                continue;
              }
              double sim = MinHash.similarity(ints(l.getList(2)), ints(r.getList(2)));
              if (sim >= t) {
                pairs.add(RowFactory.create(l.get(0), r.get(1), sim));
              }
            }
          }
          return pairs.iterator();
        }, Encoders.row(out))
        .dropDuplicates("left_id", "right_id");
  }

  /** Signatures with one row per band: {@code id, minhash, band, key}. */
  private Dataset<Row> banded(Dataset<Row> sigs) {
    UserDefinedFunction keys = functions.udf((UDF1<Seq<Integer>, long[]>) seq -> minHash.bandKeys(ints(seq)),
        DataTypes.createArrayType(DataTypes.LongType, false));
    return sigs.select(col("id"), col(MINHASH), posexplode(keys.apply(col(MINHASH))).as(new String[] {"band", "key"}));
  }

  /**
   * The members ({@code m}) of every LSH bucket that has more than one: only they can form pairs. Members of one
   * bucket are compared all-pairs, so a bucket shared by very many texts (say, thousands of near-empty changes) costs
   * the square of its size in one task.
   */
  private static Dataset<Row> buckets(Dataset<Row> banded) {
    return banded.groupBy(col("band"), col("key")).agg(collect_list(col("m")).as("members"))
        .where(size(col("members")).gt(1))
        .select(col("members"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  private static int[] ints(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static int[] ints(Seq<Integer> seq) {
    int[] out = new int[seq.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = seq.apply(i);
    }
    return out;
  }
}
