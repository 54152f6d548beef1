package dev.lode.train.score;

import dev.lode.train.io.HfModelReader;
import dev.lode.train.io.PeftAdapterReader;
import dev.lode.train.lora.LoraModel;
import dev.lode.train.model.CrossEntropy;
import dev.lode.train.model.FloatMatrix;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.tokenizer.HfTokenizer;
import java.nio.file.Path;

/**
 * {@code lode model score}: the model's log-probability of each token of a text given the tokens before it. The
 * output is what any other implementation (transformers, llama.cpp) can compute for the same model and text.
 */
public final class Scorer implements AutoCloseable {
  /** Token ids and log p(token_i | tokens_&lt;i) for i ≥ 1. */
  public record Scores(int[] tokens, double[] logprobs) {
    public String toJson() {
      StringBuilder sb = new StringBuilder("{\"tokens\": [");
      for (int i = 0; i < tokens.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(tokens[i]);
      }
      sb.append("], \"logprobs\": [");
      for (int i = 0; i < logprobs.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(Double.isFinite(logprobs[i]) ? Double.toString(logprobs[i]) : "null");
      }
      return sb.append("]}").toString();
    }
  }

  private final LlamaModel model;
  private final HfTokenizer tokenizer;

  public Scorer(LlamaModel model, HfTokenizer tokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
  }

  /** Loads the model directory, and the PEFT adapter in {@code adapterDir} when not null. */
  public static Scorer load(Path modelDir, Path adapterDir) {
    LlamaModel model = HfModelReader.read(modelDir);
    if (adapterDir != null) {
      LoraModel peft = new LoraModel(model);
      peft.add(PeftAdapterReader.read(adapterDir, "adapter", model));
      peft.setActive("adapter");
    }
    return new Scorer(model, HfTokenizer.load(modelDir));
  }

  public Scores score(String text) {
    int[] ids = tokenizer.encode(text).ids();
    return score(ids);
  }

  public Scores score(int[] ids) {
    for (int id : ids) {
      if (id < 0 || id >= model.config().vocabSize()) {
        throw new IllegalArgumentException("token id " + id + " is outside the model's vocabulary ("
            + model.config().vocabSize() + ")");
      }
    }
    if (ids.length > model.config().maxPositions()) {
      throw new IllegalArgumentException("text has " + ids.length + " tokens, more than the model's context of "
          + model.config().maxPositions());
    }
    if (ids.length < 2) {
      return new Scores(ids, new double[0]);
    }
    FloatMatrix logits = model.logits(ids, 1, ids.length);
    int[] next = new int[ids.length - 1];
    System.arraycopy(ids, 1, next, 0, next.length);
    return new Scores(ids, CrossEntropy.logProbs(logits, next.length, next));
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
