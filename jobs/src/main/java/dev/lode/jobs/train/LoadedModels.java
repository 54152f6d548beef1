package dev.lode.jobs.train;

import dev.lode.train.generate.GreedyDecoder;
import dev.lode.train.io.HfModelReader;
import dev.lode.train.io.PeftAdapterReader;
import dev.lode.train.lora.LoraModel;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.sft.ChatEncoder;
import dev.lode.train.sft.CompletionLoss;
import dev.lode.train.sft.EncodedSource;
import dev.lode.train.sft.ExampleSource;
import dev.lode.train.tokenizer.ChatMessage;
import dev.lode.train.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One base model in memory with any number of registered adapters over it (PEFT's multi-adapter model), switched
 * without reloading or copying the base: what {@code lode eval} scores and {@code lode generate} answers with.
 */
public final class LoadedModels implements AutoCloseable {
  /** One greedy answer: its text, tokens generated and the decoding time. */
  public record Generation(String text, int tokens, double seconds) {}

  private final LlamaModel model;
  private final HfTokenizer tokenizer;
  private final LoraModel lora;
  private final int padId;
  private final Set<Integer> stops = new HashSet<>();

  private LoadedModels(LlamaModel model, HfTokenizer tokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.lora = new LoraModel(model);
    Integer eos = tokenizer.eosId();
    this.padId = eos != null ? eos : 0;
    if (eos != null) {
      stops.add(eos);
    }
    Integer imEnd = tokenizer.specialId("<|im_end|>");
    if (imEnd != null) {
      stops.add(imEnd);
    }
  }

  /** Reads {@code base} (its hash already checked) and its tokenizer. */
  public static LoadedModels load(BaseModel base) {
    return new LoadedModels(HfModelReader.read(base.path()), HfTokenizer.load(base.path()));
  }

  public LlamaModel model() {
    return model;
  }

  /** Loads the PEFT adapter in {@code dir} under {@code id}, not yet active. */
  public void add(String id, Path dir) {
    lora.add(PeftAdapterReader.read(dir, id, model));
  }

  /** Activates adapter {@code id}, or the base alone with null; returns the switch time in nanoseconds. */
  public long use(String id) {
    long t0 = System.nanoTime();
    lora.setActive(id);
    return System.nanoTime() - t0;
  }

  /** Loss and perplexity per completion token of the active model over {@code source}, each example alone. */
  public EvalJob.Side loss(ExampleSource source, int seqLen) {
    int seq = Math.min(seqLen, model.config().maxPositions());
    EncodedSource encoded = EncodedSource.chat(source, new ChatEncoder(tokenizer, model.config().vocabSize(),
        seq + 1));
    CompletionLoss.Result r = CompletionLoss.evaluate(model, encoded, 0, 1, seq, padId);
    return new EvalJob.Side(r.loss(), r.perplexity(), r.tokens(), r.rows());
  }

  /** The active model's greedy answer to {@code messages} (the chat template's generation prompt appended). */
  public Generation generate(List<ChatMessage> messages, int maxNewTokens) {
    String prompt = tokenizer.chatTemplate().render(messages, true).text();
    int[] ids = tokenizer.encode(prompt).ids();
    int room = model.config().maxPositions() - ids.length;
    if (room <= 0) {
      return new Generation("", 0, 0);
    }
    GreedyDecoder.Result r = new GreedyDecoder(model).generate(ids, Math.min(maxNewTokens, room), stops);
    int[] out = r.generated();
    int n = out.length;
    double seconds = (r.prefillNanos() + r.decodeNanos()) / 1e9;
    if (n > 0 && stops.contains(out[n - 1])) {
      out = java.util.Arrays.copyOf(out, n - 1);
    }
    return new Generation(tokenizer.decode(out), n, seconds);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
