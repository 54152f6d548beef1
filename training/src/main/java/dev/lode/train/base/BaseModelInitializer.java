package dev.lode.train.base;

import dev.lode.config.TrainConfig;
import dev.lode.train.io.HfModelWriter;
import dev.lode.train.model.LlamaConfig;
import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.Param;
import dev.lode.train.sft.CloseableIterator;
import dev.lode.train.sft.DocumentSource;
import dev.lode.train.tokenizer.ByteLevelBpeTrainer;
import dev.lode.train.tokenizer.TokenizerFilesWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a fresh model of a preset shape as a Hugging Face directory, with a byte-level BPE tokenizer trained on
 * a stream of documents (bytes only when there are none). Weights follow transformers' Llama initialisation:
 * N(0, 0.02²) for embeddings and projections, ones for norms.
 */
public final class BaseModelInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(BaseModelInitializer.class);
  public static final double INIT_STD = 0.02;

  private BaseModelInitializer() {}

  /**
   * Creates a model of {@code base.preset}, its tokenizer trained on {@code texts} as they stream by, at most
   * {@code base.lakehouse_max_files} documents and {@code base.lakehouse_max_bytes} characters of them (0: no
   * limit), so any source, however large, costs only the trainer's pair counts.
   *
   * @param texts training text for the tokenizer; null for a bytes-only tokenizer
   * @return the model's configuration
   */
  public static LlamaConfig create(DocumentSource texts, TrainConfig.Base base, long seed, Path out)
      throws IOException {
    LlamaConfig shape = ModelPresets.byName(base.preset());
    ByteLevelBpeTrainer trainer = new ByteLevelBpeTrainer(shape.vocabSize(), base.bpeMinFrequency(),
        TokenizerFilesWriter.SPECIAL_TOKENS);
    long chars = 0;
    long files = 0;
    if (texts != null) {
      try (CloseableIterator<DocumentSource.Document> it = texts.open()) {
        // the bounds first: asking an exhausted bound for one more document would read it
        while ((base.lakehouseMaxFiles() == 0 || files < base.lakehouseMaxFiles())
            && (base.lakehouseMaxBytes() == 0 || chars < base.lakehouseMaxBytes()) && it.hasNext()) {
          String t = it.next().text();
          trainer.add(t);
          chars += t.length();
          files++;
        }
      }
      if (files == 0) {
        throw new IllegalArgumentException(texts.describe() + " holds no text to train a tokenizer on");
      }
      LOG.info("tokenizer: {} documents, {} characters from {}", files, chars, texts.describe());
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
