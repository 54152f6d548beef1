package dev.lode.cli;

import dev.lode.config.TrainConfig;
import dev.lode.jobs.train.GoldExamples;
import dev.lode.lakehouse.Lakehouse;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.Tables;
import dev.lode.lakehouse.Warehouse;
import dev.lode.train.base.BaseModelInitializer;
import dev.lode.train.io.HfModelReader;
import dev.lode.train.sft.ChatEncoder;
import dev.lode.train.sft.CloseableIterator;
import dev.lode.train.sft.EncodedSource;
import dev.lode.train.sft.ExampleSource;
import dev.lode.train.sft.RowPacker;
import dev.lode.train.sft.TokenizedExample;
import dev.lode.train.tokenizer.HfTokenizer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lode bench stream}: the trainer's data path from gold.examples (Delta → {@code toLocalIterator} → chat
 * template and tokenizer → row packer, one epoch) on generated gold tables of each size, beside its peer, which
 * collects the table and tokenizes it into a list first, as an export-then-train flow holds it. The figure is the
 * peak live heap above the baseline (heap in use after full collections forced along the path); the streamed path's
 * should not grow with the table beyond its shuffle buffer ({@code train.shuffle_buffer} examples), the peer's does.
 */
@Command(name = "stream", description = {
    "Peak heap of streaming gold.examples into the trainer vs collecting it first, on generated tables.",
    "The last line is one JSON object."})
final class BenchStreamCommand extends SparkCommand {
  /** Packed rows between live-heap probes of the streamed path. */
  private static final int PROBE_EVERY = 200;

  @Option(names = "--rows", split = ",", defaultValue = "1000,100000", paramLabel = "N,N…",
      description = "Table sizes. Default: ${DEFAULT-VALUE}.")
  List<Integer> sizes;

  @Option(names = "--no-peer", description = "Only the streamed path (for a heap too small for the peer).")
  boolean noPeer;

  @Override
  public Integer call() throws Exception {
    Path tmp = Files.createTempDirectory("lode-bench-stream");
    Lakehouse lakehouse = Lakehouse.open(options.config(), Warehouse.resolve(tmp.resolve("wh").toString()),
        "lode bench stream");
    TrainConfig train = lakehouse.config().train();
    Path model = tmp.resolve("model");
    BaseModelInitializer.create(null, train.base(), train.seed(), model);
    int vocab = HfModelReader.readConfig(model).vocabSize();
    List<String> json = new ArrayList<>();
    System.out.printf(Locale.ROOT, "shuffle buffer %d examples, rows of %d positions, %s packing%n",
        train.shuffleBuffer(), train.seqLen(), train.packing());
    System.out.printf(Locale.ROOT, "%10s %16s %16s %12s %10s%n", "rows", "stream peak MB", "collect peak MB",
        "packed rows", "rows/s");
    try (HfTokenizer tok = HfTokenizer.load(model)) {
      for (int n : sizes) {
        lakehouse.run("bench-" + n, Stage.of("bench-fixture", List.of(), List.of(Tables.GOLD_EXAMPLES),
            r -> r.table(Tables.GOLD_EXAMPLES).append(generated(lakehouse, n))), "bench");
        Dataset<Row> rows = lakehouse.table(Tables.GOLD_EXAMPLES).current().where("round = " + n);
        ExampleSource source = GoldExamples.source(rows, n + " generated rows");
        Object[] held = new Object[1];
        Work streamed = probe -> {
          EncodedSource enc = EncodedSource.chat(source, new ChatEncoder(tok, vocab, train.seqLen() + 1));
          try (RowPacker packer = new RowPacker(enc, RowPacker.Packing.of(train.packing()), train.seqLen(),
              train.shuffleBuffer(), train.seed(), 0)) {
            long packed = 0;
            while (packer.nextOfPass() != null) { // one epoch
              if (++packed % PROBE_EVERY == 0) {
                probe.run();
              }
            }
            return packed;
          }
        };
        if (json.isEmpty()) {
          streamed.run(() -> {}); // unmeasured: what the first read of a Delta table caches for good is not the path's
        }
        long[] stream = peak(streamed, held);
        long packed = (Long) held[0];
        long[] collect = noPeer ? new long[] {-1, 0} : peak(probe -> {
          List<ExampleSource.Example> all = new ArrayList<>();
          try (CloseableIterator<ExampleSource.Example> it = source.open()) {
            it.forEachRemaining(all::add);
          }
          List<TokenizedExample> encoded = new ArrayList<>();
          ChatEncoder encoder = new ChatEncoder(tok, vocab, train.seqLen() + 1);
          for (ExampleSource.Example e : all) {
            var r = encoder.encode(e);
            if (!r.isSkipped()) {
              encoded.add(r.example());
            }
          }
          return List.of(all, encoded);
        }, held);
        held[0] = null;
        double rate = n / (stream[1] / 1e9);
        System.out.printf(Locale.ROOT, "%10d %16.1f %16s %12d %10.0f%n", n, stream[0] / 1e6,
            collect[0] < 0 ? "-" : String.format(Locale.ROOT, "%.1f", collect[0] / 1e6), packed, rate);
        json.add(String.format(Locale.ROOT, "{\"rows\":%d,\"stream_peak_mb\":%.1f,\"collect_peak_mb\":%.1f,"
            + "\"packed_rows\":%d}", n, stream[0] / 1e6, collect[0] / 1e6, packed));
      }
    }
    System.out.println("{\"bench\":\"stream\",\"shuffle_buffer\":" + train.shuffleBuffer() + ",\"heap_max_mb\":"
        + Runtime.getRuntime().maxMemory() / 1000000
        + ",\"sizes\":[" + String.join(",", json) + "]}");
    return 0;
  }

  interface Work {
    /**
     * Runs the path, calling {@code probe} where its live heap should be measured; what it returns is held while
     * the closing measurement runs.
     */
    Object run(Runnable probe) throws Exception;
  }

  /**
   * {peak live heap above the baseline in bytes, nanoseconds of the work, probes excluded}. Live heap is the heap in
   * use right after a full collection, forced at each probe and once at the end with the work's result still held:
   * heap in use between collections is mostly garbage and follows the young generation's size, not the data.
   */
  private static long[] peak(Work work, Object[] result) throws Exception {
    long base = live();
    long[] max = {base};
    long[] probing = {0};
    long t0 = System.nanoTime();
    result[0] = work.run(() -> {
      long p0 = System.nanoTime();
      max[0] = Math.max(max[0], live());
      probing[0] += System.nanoTime() - p0;
    });
    long nanos = System.nanoTime() - t0 - probing[0];
    max[0] = Math.max(max[0], live());
    return new long[] {max[0] - base, nanos};
  }

  /** Heap in use after a full collection. */
  private static long live() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** {@code n} gold rows of round {@code n}: a system and a user message with ~100 B of code, a ~70 B completion
   * (about 250 tokens with the byte-level tokenizer of an empty base). */
  private static Dataset<Row> generated(Lakehouse lakehouse, int n) {
    return lakehouse.spark().range(n).selectExpr(
        "concat('bench-', " + n + ", '-', id) AS example_id", "CAST(NULL AS STRING) AS parent_id",
        "'real' AS origin", "'edit' AS task", "'real' AS generator", "'unified_diff' AS edit_format",
        "'python' AS language", "'bench' AS domain", "'repo' AS repo_id",
        "substr(sha2(CAST(id AS STRING), 256), 1, 40) AS sha",
        "timestamp_seconds(1700000000 + id) AS commit_time", "'train' AS split",
        "array(named_struct('role', 'system', 'content', 'You are a careful software engineer.'), "
            + "named_struct('role', 'user', 'content', concat('Fix the bug in f', id, '.\\n\\n## src/f.py\\n```\\n', "
            + "repeat('def f(x):\\n    return x + 1\\n', 3), '```'))) AS prompt",
        "concat('--- a/src/f.py\\n+++ b/src/f.py\\n@@ -1,2 +1,2 @@\\n', repeat('-    return x + 1\\n"
            + "+    return x - 1\\n', 1), CAST(id AS STRING)) AS completion",
        "400 AS tokens", "0.8 AS quality",
        "CAST(array() AS array<struct<check:string,passed:boolean,detail:string>>) AS validation",
        "CAST(NULL AS BOOLEAN) AS caught_by_tests", n + " AS round", "CAST(NULL AS STRING) AS replay_of",
        "false AS eval_only");
  }
}
