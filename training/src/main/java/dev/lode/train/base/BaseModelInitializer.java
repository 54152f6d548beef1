package dev.lode.train.base;

import dev.lode.train.io.HfModelWriter;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.Param;
import dev.lode.train.tokenizer.ByteLevelBpeTrainer;
import dev.lode.train.tokenizer.TokenizerFilesWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a fresh model of a preset shape as a Hugging Face directory, with a byte-level BPE tokenizer trained on
 * the given texts (bytes only when there are none). Weights follow transformers' Llama initialisation: N(0, 0.02²)
 * for embeddings and projections, ones for norms.
 */
public final class BaseModelInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(BaseModelInitializer.class);
  public static final double INIT_STD = 0.02;

  private BaseModelInitializer() {}

  /**
   * @param texts training text for the tokenizer; empty for a bytes-only tokenizer
   * @return the model's configuration
   */
  public static LlamaConfig create(String preset, Iterable<String> texts, int minFrequency, long seed, Path out)
      throws IOException {
    LlamaConfig shape = ModelPresets.byName(preset);
    ByteLevelBpeTrainer trainer = new ByteLevelBpeTrainer(shape.vocabSize(), minFrequency,
        TokenizerFilesWriter.SPECIAL_TOKENS);
    long chars = 0;
    for (String t : texts) {
      trainer.add(t);
      chars += t.length();
    }
    ByteLevelBpeTrainer.Result bpe = trainer.train();
    LOG.info("tokenizer: {} tokens ({} merges) from {} characters", bpe.vocab().size(), bpe.merges().size(), chars);
    LlamaConfig config = ModelPresets.withVocab(shape, shape.vocabSize(),
        bpe.vocab().get(TokenizerFilesWriter.BOS), bpe.vocab().get(TokenizerFilesWriter.EOS));
    LlamaModel model = new LlamaModel(config);
    initialise(model, seed);
    HfModelWriter.write(model, out);
    TokenizerFilesWriter.write(bpe, config.maxPositions(), out);
    return config;
  }

  public static void initialise(LlamaModel model, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (Param p : model.parameters().values()) {
      float[] v = new float[p.value().size()];
      boolean norm = p.name().endsWith("norm.weight");
      boolean bias = p.name().endsWith(".bias");
      for (int i = 0; i < v.length; i++) {
        v[i] = norm ? 1f : bias ? 0f : (float) (rng.nextGaussian() * INIT_STD);
      }
      p.value().copyFrom(v);
    }
  }
}
