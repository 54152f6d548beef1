package dev.lode.train.base;

import dev.lode.train.model.LlamaConfig;
import java.util.List;

/** Shapes of the models {@code lode base init} creates. Llama-style: GQA, untied head, RoPE θ = 10 000. */
public final class ModelPresets {
  public static final List<String> NAMES = List.of("tiny", "small");

  private ModelPresets() {}

  /** {@code tiny}: 7.4M parameters, trains on a laptop CPU; the benchmark's shape. */
  public static LlamaConfig tiny() {
    return new LlamaConfig("llama", 8192, 256, 704, 4, 8, 4, 32, 1e-6, 10000.0, 4096, false,
        false, false, false, 1, 2);
  }

  /** {@code small}: 42M parameters, for a longer run on a workstation or a GPU. */
  public static LlamaConfig small() {
    return new LlamaConfig("llama", 16384, 512, 1408, 8, 8, 4, 64, 1e-6, 10000.0, 2048, false,
        false, false, false, 1, 2);
  }

  public static LlamaConfig byName(String name) {
    return switch (name) {
      case "tiny" -> tiny();
      case "small" -> small();
      default -> throw new IllegalArgumentException("unknown preset '" + name + "' (known: "
          + String.join(", ", NAMES) + ")");
    };
  }

  /** The same shape with another vocabulary size (a trained tokenizer may be smaller than the preset's). */
  public static LlamaConfig withVocab(LlamaConfig c, int vocab, Integer bos, Integer eos) {
    return new LlamaConfig(c.modelType(), vocab, c.hiddenSize(), c.intermediateSize(), c.numLayers(),
        c.numHeads(), c.numKvHeads(), c.headDim(), c.rmsNormEps(), c.ropeTheta(), c.maxPositions(),
        c.tieWordEmbeddings(), c.qkvBias(), c.oBias(), c.mlpBias(), bos, eos);
  }
}
