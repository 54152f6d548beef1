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
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lode bench stream}: the trainer's data path from gold.examples (Delta → {@code toLocalIterator} → chat
 * template and tokenizer → row packer, one epoch) on generated gold tables of each size, beside its peer, which
 * collects the table and tokenizes it into a list first, as an export-then-train flow holds it. Peak heap above the
 * baseline is sampled every 5 ms; the streamed path's should not grow with the table, the peer's does.
 */
@Command(name = "stream", description = {
    "Peak heap of streaming gold.examples into the trainer vs collecting it first, on generated tables.",
    "The last line is one JSON object."})
final class BenchStreamCommand extends SparkCommand {
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
    System.out.printf(Locale.ROOT, "%10s %16s %16s %10s%n", "rows", "stream peak MB", "collect peak MB", "rows/s");
    try (HfTokenizer tok = HfTokenizer.load(model)) {
      for (int n : sizes) {
        lakehouse.run("bench-" + n, Stage.of("bench-fixture", List.of(), List.of(Tables.GOLD_EXAMPLES),
            r -> r.table(Tables.GOLD_EXAMPLES).append(generated(lakehouse, n))), "bench");
        Dataset<Row> rows = lakehouse.table(Tables.GOLD_EXAMPLES).current().where("round = " + n);
        ExampleSource source = GoldExamples.source(rows, n + " generated rows");
        long[] stream = peak(() -> {
          EncodedSource enc = EncodedSource.chat(source, new ChatEncoder(tok, vocab, train.seqLen() + 1));
          try (RowPacker packer = new RowPacker(enc, RowPacker.Packing.of(train.packing()), train.seqLen(),
              train.shuffleBuffer(), train.seed(), 0)) {
            long packed = 0;
            while (packer.epoch() == 0 && packed <= 2L * n) {
              packer.next();
              packed++;
            }
            return packed;
          }
        });
        long[] collect = noPeer ? new long[] {-1, 0, 0} : peak(() -> {
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
          return encoded.size();
        });
        double rate = n / (stream[2] / 1e9);
        System.out.printf(Locale.ROOT, "%10d %16.1f %16s %10.0f%n", n, stream[0] / 1e6,
            collect[0] < 0 ? "-" : String.format(Locale.ROOT, "%.1f", collect[0] / 1e6), rate);
        json.add(String.format(Locale.ROOT, "{\"rows\":%d,\"stream_peak_mb\":%.1f,\"collect_peak_mb\":%.1f,"
            + "\"packed_rows\":%d}", n, stream[0] / 1e6, collect[0] / 1e6, stream[1]));
      }
    }
    System.out.println("{\"bench\":\"stream\",\"heap_max_mb\":" + Runtime.getRuntime().maxMemory() / 1000000
        + ",\"sizes\":[" + String.join(",", json) + "]}");
    return 0;
  }

  interface Work {
    long run() throws Exception;
  }

  /** {peak heap above the baseline in bytes, the work's result, nanoseconds}. */
  private static long[] peak(Work work) throws Exception {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    System.gc();
    Thread.sleep(200);
    long base = mem.getHeapMemoryUsage().getUsed();
    AtomicLong max = new AtomicLong(base);
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        max.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    long result = work.run();
    long nanos = System.nanoTime() - t0;
    sampler.interrupt();
    sampler.join();
    return new long[] {max.get() - base, result, nanos};
  }

  /** {@code n} gold rows of round {@code n}: a system and a user message with ~1 kB of code, a ~300 B completion. */
  private static Dataset<Row> generated(Lakehouse lakehouse, int n) {
    return lakehouse.spark().range(n).selectExpr(
        "concat('bench-', " + n + ", '-', id) AS example_id", "CAST(NULL AS STRING) AS parent_id",
        "'real' AS origin", "'edit' AS task", "'real' AS generator", "'unified_diff' AS edit_format",
        "'python' AS language", "'bench' AS domain", "'repo' AS repo_id",
        "substr(sha2(CAST(id AS STRING), 256), 1, 40) AS sha",
        "timestamp_seconds(1700000000 + id) AS commit_time", "'train' AS split",
        "array(named_struct('role', 'system', 'content', 'You are a careful software engineer.'), "
            + "named_struct('role', 'user', 'content', concat('Fix the bug in f', id, '.\\n\\n## src/f.py\\n```\\n', "
            + "repeat('def f(x):\\n    return x + 1\\n', 40), '```'))) AS prompt",
        "concat('--- a/src/f.py\\n+++ b/src/f.py\\n@@ -1,2 +1,2 @@\\n', repeat('-    return x + 1\\n"
            + "+    return x - 1\\n', 8), CAST(id AS STRING)) AS completion",
        "400 AS tokens", "0.8 AS quality",
        "CAST(array() AS array<struct<check:string,passed:boolean,detail:string>>) AS validation",
        "CAST(NULL AS BOOLEAN) AS caught_by_tests", n + " AS round", "CAST(NULL AS STRING) AS replay_of",
        "false AS eval_only");
  }
}
