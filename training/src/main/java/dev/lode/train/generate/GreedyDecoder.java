package dev.lode.train.generate;

import dev.lode.train.model.KvCache;
import dev.lode.train.model.LlamaModel;
import java.util.Arrays;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Greedy generation with a KV cache: the prompt goes through the model once (prefill), then each new token is the
 * argmax of the logits and is fed back alone, attending to the cached keys and values of everything before it.
 * Whatever projections the model holds are used, so an active LoRA adapter (its {@code LoraLinear} wrappers)
 * takes part in every step exactly as in training, unmerged.
 *
 * <p>The result is the sequence repeated full forward passes would pick (up to float rounding on near-ties), at
 * the cost of one token's forward per step instead of the whole sequence's.
 */
public final class GreedyDecoder {
  /** Why generation ended. */
  public enum Stop {
    /** The model produced one of the stop ids (it is the last generated token). */
    STOP_TOKEN,
    /** {@code maxNewTokens} tokens were generated. */
    MAX_TOKENS,
    /** The model's context (max_position_embeddings) is full. */
    CONTEXT_FULL
  }

  /**
   * A finished generation.
   *
   * @param prompt the prompt ids
   * @param generated the new ids, a stop id included when {@code stop} is {@link Stop#STOP_TOKEN}
   * @param prefillNanos time of the prompt's forward pass and the first token's pick
   * @param decodeNanos time of every later step (one cached forward of one token each)
   */
  public record Result(int[] prompt, int[] generated, Stop stop, long prefillNanos, long decodeNanos) {
    /** Generated tokens per second, prefill included: what a user waits for. */
    public double tokensPerSecond() {
      long total = prefillNanos + decodeNanos;
      return total == 0 ? 0 : generated.length * 1e9 / total;
    }

    /** Tokens per second of the cached steps alone (every token after the first costs one step). */
    public double decodeTokensPerSecond() {
      int steps = generated.length - 1;
      return steps <= 0 || decodeNanos == 0 ? 0 : steps * 1e9 / decodeNanos;
    }

    /** The prompt followed by the generated ids. */
    public int[] sequence() {
      int[] all = Arrays.copyOf(prompt, prompt.length + generated.length);
      System.arraycopy(generated, 0, all, prompt.length, generated.length);
      return all;
    }
  }

  private final LlamaModel model;

  public GreedyDecoder(LlamaModel model) {
    this.model = model;
  }

  /** Generates up to {@code maxNewTokens} tokens after {@code prompt}, stopping early at any of {@code stopIds}. */
  public Result generate(int[] prompt, int maxNewTokens, Set<Integer> stopIds) {
    return generate(prompt, maxNewTokens, stopIds, id -> { });
  }

  /** As {@link #generate(int[], int, Set)}, handing each token to {@code onToken} as soon as it is picked. */
  public Result generate(int[] prompt, int maxNewTokens, Set<Integer> stopIds, IntConsumer onToken) {
    int context = model.config().maxPositions();
    if (prompt.length == 0) {
      throw new IllegalArgumentException("the prompt has no tokens");
    }
    if (prompt.length > context) {
      throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens, more than the model's "
          + "context of " + context);
    }
    if (maxNewTokens < 0) {
      throw new IllegalArgumentException("max new tokens must not be negative, got " + maxNewTokens);
    }
    int vocab = model.config().vocabSize();
    for (int id : prompt) {
      if (id < 0 || id >= vocab) {
        throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (size " + vocab + ")");
      }
    }
    // the last generated token is never fed back, so the cache needs room for all but one of them
    int capacity = Math.min(context, prompt.length + Math.max(0, maxNewTokens - 1));
    KvCache cache = new KvCache(model.config(), capacity);
    int[] out = new int[maxNewTokens];
    int count = 0;
    Stop stop = Stop.MAX_TOKENS;
    long t0 = System.nanoTime();
    long prefill = 0;
    if (maxNewTokens > 0) {
      float[] logits = model.decode(cache, prompt);
      while (true) {
        int next = argmax(logits);
        out[count++] = next;
        if (count == 1) {
          prefill = System.nanoTime() - t0;
        }
        onToken.accept(next);
        if (stopIds.contains(next)) {
          stop = Stop.STOP_TOKEN;
          break;
        }
        if (count == maxNewTokens) {
          break;
        }
        if (cache.length() == context) {
          stop = Stop.CONTEXT_FULL;
          break;
        }
        logits = model.decode(cache, new int[] {next});
      }
    }
    long decode = maxNewTokens > 0 ? System.nanoTime() - t0 - prefill : 0;
    return new Result(prompt.clone(), Arrays.copyOf(out, count), stop, prefill, decode);
  }

  /** The index of the largest logit; the lowest index on a tie, NaN never wins. */
  static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best] || Float.isNaN(logits[best])) {
        best = i;
      }
    }
    return best;
  }
}
