package dev.lode.train.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a trained byte-level BPE as Hugging Face's {@code tokenizer.json} (ByteLevel pre-tokenizer and decoder,
 * BPE model, special tokens as added tokens) and {@code tokenizer_config.json} (special tokens and the ChatML chat
 * template), the pair transformers' {@code AutoTokenizer} loads.
 */
public final class TokenizerFilesWriter {
  public static final String BOS = "<|endoftext|>";
  public static final String IM_START = "<|im_start|>";
  public static final String EOS = "<|im_end|>";
  /** Lode's special tokens, ids 0, 1, 2. */
  public static final java.util.List<String> SPECIAL_TOKENS = java.util.List.of(BOS, IM_START, EOS);

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TokenizerFilesWriter() {}

  public static void write(ByteLevelBpeTrainer.Result bpe, int modelMaxLength, Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (String s : bpe.specialTokens()) {
      ObjectNode t = added.addObject();
      t.put("id", bpe.vocab().get(s));
      t.put("content", s);
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    }
    root.putNull("normalizer");
    root.set("pre_tokenizer", byteLevel(false, true));
    root.set("post_processor", byteLevel(false, false));
    root.set("decoder", byteLevel(true, true));
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.put("ignore_merges", false);
    ObjectNode vocab = model.putObject("vocab");
    bpe.vocab().forEach(vocab::put);
    ArrayNode merges = model.putArray("merges");
    for (String[] m : bpe.merges()) {
      merges.add(m[0] + " " + m[1]);
    }
    JSON.writeValue(dir.resolve(HfTokenizer.TOKENIZER).toFile(), root);

    ObjectNode cfg = JSON.createObjectNode();
    cfg.put("tokenizer_class", "PreTrainedTokenizerFast");
    cfg.put("bos_token", BOS);
    cfg.put("eos_token", EOS);
    cfg.put("pad_token", BOS);
    cfg.putNull("unk_token");
    cfg.put("model_max_length", modelMaxLength);
    cfg.put("add_bos_token", false);
    cfg.put("clean_up_tokenization_spaces", false);
    cfg.put("chat_template", ChatTemplate.DEFAULT_SOURCE);
    JSON.writeValue(dir.resolve(HfTokenizer.TOKENIZER_CONFIG).toFile(), cfg);
  }

  private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "ByteLevel");
    n.put("add_prefix_space", addPrefixSpace);
    n.put("trim_offsets", trimOffsets);
    n.put("use_regex", true);
    return n;
  }
}
