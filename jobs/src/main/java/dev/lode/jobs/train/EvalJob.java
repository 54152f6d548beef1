package dev.lode.jobs.train;

import static org.apache.spark.sql.functions.col;

import dev.lode.config.EvalConfig;
import dev.lode.lakehouse.Stage;
import dev.lode.lakehouse.StageRun;
import dev.lode.lakehouse.TableDef;
import dev.lode.lakehouse.Tables;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lode eval}: an adapter against its base on the chronological dev and test splits of the gold round it was
 * trained on, at the gold.examples version it read (Delta time travel): loss and perplexity per completion token for
 * both, side by side, on the first {@code eval.max_rows} rows of each split by example_id (so every comparison sees
 * the same rows), and greedy generation with a KV cache on the first {@code eval.generate} test prompts (exact match,
 * patch parse / apply / equals-after rates, localization score). Results land in ops.evals; the base's rows carry
 * {@code base:<sha256>} and are reused, not recomputed, when the same base was measured on the same rows. An
 * evaluated adapter becomes a candidate ({@code evaluating}) with its headline metrics in the registry.
 */
public final class EvalJob implements Stage<EvalJob.Summary> {
  private static final Logger LOG = LoggerFactory.getLogger(EvalJob.class);

  /**
   * The adapters to evaluate (empty: every adapter not yet evaluated) and, optionally, another adapter's registry
   * row whose gold version, round and selection to evaluate them on instead of their own (production measured on a
   * candidate's data before a promotion).
   */
  public record Request(List<AdapterRef> adapters, Row like) {}

  /** Loss and perplexity of one model on one split. */
  public record Side(double loss, double perplexity, long tokens, long rows) {}

  /** One adapter's evaluation. */
  public record Result(String adapterId, long goldVersion, int round, Map<String, Side> base,
      Map<String, Side> adapter, GenerationMetrics.Totals baseGeneration, GenerationMetrics.Totals generation) {}

  public record Summary(List<Result> results) {}

  private final Request request;

  public EvalJob(Request request) {
    this.request = request;
  }

  @Override
  public String name() {
    return "eval";
  }

  @Override
  public List<TableDef> reads() {
    return List.of(Tables.GOLD_EXAMPLES, Tables.OPS_MODELS);
  }

  @Override
  public List<TableDef> writes() {
    return List.of(Tables.OPS_EVALS, Tables.OPS_ADAPTERS);
  }

  @Override
  public List<String> settings() {
    return List.of("eval");
  }

  @Override
  public String parameters() {
    return request.adapters().stream().map(AdapterRef::toString).collect(Collectors.joining(","))
        + (request.like() == null ? "" : " like " + request.like().getAs("adapter_id"));
  }

  @Override
  public Summary run(StageRun run) throws Exception {
    AdapterRegistry registry = new AdapterRegistry(run.lakehouse());
    List<Row> rows = new ArrayList<>();
    if (request.adapters().isEmpty()) {
      rows.addAll(registry.rows().where(col("status").equalTo(AdapterRegistry.TRAINED)).orderBy("adapter_id")
          .collectAsList());
    } else {
      for (AdapterRef ref : request.adapters()) {
        rows.add(registry.require(ref));
      }
    }
    EvalConfig eval = run.config().eval();
    int seqLen = run.config().train().seqLen();
    List<Result> results = new ArrayList<>();
    List<Row> evalRows = new ArrayList<>();
    List<Row> registryRows = new ArrayList<>();
    Timestamp now = Timestamp.from(Instant.now());
    Map<String, Side> baseThisRun = new HashMap<>(); // a base measured for one adapter serves the next
    java.util.Set<String> baseGenerated = new java.util.HashSet<>();
    for (Row a : rows) {
      String id = a.getAs("adapter_id");
      Row on = request.like() != null ? request.like() : a;
      long version = on.getAs("source_version");
      int round = on.getAs("round");
      String scope = on.getAs("scope");
      String predicate = on.getAs("predicate");
      String selection = EvalResults.selection(scope, predicate);
      String scopeSql = scope == null ? null : EvalResults.scopeSql(scope);
      BaseModel base = BaseModel.of(a);
      Path dir = Path.of(a.<String>getAs("path"));
      Artifacts.verify("adapter " + id, dir, Artifacts.ADAPTER_WEIGHTS, a.getAs("adapter_sha256"));
      Dataset<Row> examples = run.table(Tables.GOLD_EXAMPLES).at(version);
      String baseSubject = EvalResults.baseSubject(base.sha256());
      EvalResults previous = new EvalResults(run.lakehouse());
      Map<String, Side> baseSides = new LinkedHashMap<>();
      Map<String, Side> adapterSides = new LinkedHashMap<>();
      GenerationMetrics.Totals baseGen = null;
      GenerationMetrics.Totals gen = null;
      LOG.info("eval {}: gold version {}, round {}, selection {}", id, version, round, selection);
      try (LoadedModels models = LoadedModels.load(base)) {
        models.add(id, dir);
        for (String split : List.of("dev", "test")) {
          Dataset<Row> sample = GoldExamples.select(examples, round, split, scopeSql, predicate)
              .orderBy("example_id").limit(eval.maxRows()).cache();
          if (sample.isEmpty()) {
            LOG.warn("eval {}: the {} split of gold round {} selects no rows; not measured", id, split, round);
            sample.unpersist();
            continue;
          }
          var source = GoldExamples.source(sample, "gold.examples@" + version + " round " + round + " " + split);
          var loss = previous.value(baseSubject, split, "loss", version, selection);
          var ppl = previous.value(baseSubject, split, "perplexity", version, selection);
          String baseKey = baseSubject + "|" + split + "|" + version + "|" + selection;
          if (baseThisRun.containsKey(baseKey)) {
            Side b = baseThisRun.get(baseKey);
            baseSides.put(split, new Side(b.loss(), b.perplexity(), -1, -1));
          } else if (loss.isPresent() && ppl.isPresent()) {
            baseSides.put(split, new Side(loss.getAsDouble(), ppl.getAsDouble(), -1, -1));
          } else {
            models.use(null);
            Side b = scored(models, source, seqLen, id, split);
            if (b == null) {
              sample.unpersist();
              continue;
            }
            baseSides.put(split, b);
            baseThisRun.put(baseKey, b);
          }
          models.use(id);
          Side mine = scored(models, source, seqLen, id, split);
          if (mine == null) {
            baseSides.remove(split);
            sample.unpersist();
            continue;
          }
          adapterSides.put(split, mine);
          if (split.equals("test") && eval.generate() > 0) {
            List<Row> prompts = sample.orderBy("example_id").limit(eval.generate()).collectAsList();
            models.use(id);
            gen = GenerationMetrics.over(models, prompts, eval.maxNewTokens());
            if (baseGenerated.add(baseSubject + "|" + version + "|" + selection)
                && previous.value(baseSubject, "test", "exact_match", version, selection).isEmpty()) {
              models.use(null);
              baseGen = GenerationMetrics.over(models, prompts, eval.maxNewTokens());
            }
          }
          sample.unpersist();
        }
      }
      for (String split : baseSides.keySet()) {
        Side b = baseSides.get(split);
        if (b.rows() >= 0) {
          evalRows.addAll(sideRows(run, baseSubject, "base", split, b, version, round, selection, now));
        }
        evalRows.addAll(sideRows(run, id, "adapter", split, adapterSides.get(split), version, round, selection, now));
      }
      if (gen != null) {
        for (Map.Entry<String, double[]> m : gen.metrics().entrySet()) {
          evalRows.add(row(run, id, "adapter", "test", m.getKey(), m.getValue()[0], (long) m.getValue()[1], version,
              round, selection, now));
        }
        for (Map.Entry<String, double[]> m : baseGen == null ? Map.<String, double[]>of().entrySet()
            : baseGen.metrics().entrySet()) {
          evalRows.add(row(run, baseSubject, "base", "test", m.getKey(), m.getValue()[0], (long) m.getValue()[1],
              version, round, selection, now));
        }
      }
      if (request.like() == null) {
        Map<String, Double> metrics = new LinkedHashMap<>(AdapterRegistry.metrics(a));
        for (String split : adapterSides.keySet()) {
          metrics.put(split + "_loss", adapterSides.get(split).loss());
          metrics.put(split + "_perplexity", adapterSides.get(split).perplexity());
          metrics.put("base_" + split + "_loss", baseSides.get(split).loss());
          metrics.put("base_" + split + "_perplexity", baseSides.get(split).perplexity());
        }
        if (gen != null) {
          gen.metrics().forEach((k, v) -> metrics.put(k, v[0]));
        }
        Map<String, Object> changes = new HashMap<>();
        changes.put("metrics", metrics);
        if (AdapterRegistry.TRAINED.equals(a.getAs("status"))) {
          changes.put("status", AdapterRegistry.EVALUATING);
        }
        registryRows.add(AdapterRegistry.withChanges(a, changes));
      }
      results.add(new Result(id, version, round, baseSides, adapterSides, baseGen, gen));
    }
    var evals = run.table(Tables.OPS_EVALS);
    if (evalRows.isEmpty()) {
      evals.ensure();
    } else {
      evals.insertNew(evals.frame(evalRows));
    }
    if (!registryRows.isEmpty()) {
      var adapters = run.table(Tables.OPS_ADAPTERS);
      adapters.upsert(adapters.frame(registryRows));
    }
    run.count("adapters_evaluated", results.size());
    return new Summary(results);
  }

  /** The active model's loss on {@code source}; null (logged) when no row could be scored, e.g. all too long. */
  private static Side scored(LoadedModels models, dev.lode.train.sft.ExampleSource source, int seqLen, String id,
      String split) {
    try {
      return models.loss(source, seqLen);
    } catch (IllegalArgumentException e) {
      LOG.warn("eval {}: {} split not measured: {}", id, split, e.getMessage());
      return null;
    }
  }

  private static List<Row> sideRows(StageRun run, String subject, String kind, String split, Side s, long version,
      int round, String selection, Timestamp now) {
    return List.of(row(run, subject, kind, split, "loss", s.loss(), s.tokens(), version, round, selection, now),
        row(run, subject, kind, split, "perplexity", s.perplexity(), s.tokens(), version, round, selection, now),
        row(run, subject, kind, split, "rows", s.rows(), s.rows(), version, round, selection, now));
  }

  private static Row row(StageRun run, String subject, String kind, String split, String metric, double value, long n,
      long version, int round, String selection, Timestamp now) {
    return Tables.OPS_EVALS.newRow().set("run_id", run.runId()).set("subject", subject).set("kind", kind)
        .set("split", split).set("metric", metric).set("value", value).set("n", n).set("source_version", version)
        .set("round", round).set("selection", selection).set("evaluated_at", now).build();
  }
}
