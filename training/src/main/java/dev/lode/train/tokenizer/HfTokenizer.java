package dev.lode.train.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lode.train.io.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's own tokenizer: {@code tokenizer.json} run by Hugging Face's Rust tokenizers through DJL (so ids are the
 * model's exactly), plus {@code tokenizer_config.json}'s special tokens and chat template. Files are checked before
 * the native library sees them: size, JSON shape, a BPE/WordPiece/Unigram model with a vocabulary.
 */
public final class HfTokenizer implements AutoCloseable {
  public static final String TOKENIZER = "tokenizer.json";
  public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
  /** Larger than any real tokenizer.json (a 256k-vocabulary one is ~35 MB). */
  public static final long MAX_TOKENIZER_BYTES = 512L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HuggingFaceTokenizer tokenizer;
  private final Map<String, Integer> specialIds;
  private final ChatTemplate template;
  private final String eosToken;
  private final String bosToken;
  private final int maxId;

  private HfTokenizer(HuggingFaceTokenizer tokenizer, Map<String, Integer> specialIds, ChatTemplate template,
      String bosToken, String eosToken, int maxId) {
    this.tokenizer = tokenizer;
    this.specialIds = specialIds;
    this.template = template;
    this.bosToken = bosToken;
    this.eosToken = eosToken;
    this.maxId = maxId;
  }

  /** One encoded text: ids and each token's [start, end) character span. */
  public record Encoded(int[] ids, int[][] spans) {}

  /** Loads {@code dir/tokenizer.json} and, when present, {@code dir/tokenizer_config.json}. */
  public static HfTokenizer load(Path dir) {
    Path file = dir.resolve(TOKENIZER);
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException(dir + ": " + TOKENIZER + " is missing");
    }
    JsonNode json = readJson(file);
    Map<String, Integer> special = new LinkedHashMap<>();
    int maxId = validate(file, json, special);
    Path configFile = dir.resolve(TOKENIZER_CONFIG);
    String templateSource = ChatTemplate.DEFAULT_SOURCE;
    Map<String, String> tokens = new HashMap<>();
    if (Files.isRegularFile(configFile)) {
      JsonNode cfg = readJson(configFile);
      if (!cfg.isObject()) {
        throw new ModelFormatException(configFile + ": not a JSON object");
      }
      for (String key : List.of("bos_token", "eos_token", "pad_token", "unk_token")) {
        String t = tokenText(cfg.get(key));
        if (t != null) {
          tokens.put(key, t);
        }
      }
      JsonNode tpl = cfg.get("chat_template");
      if (tpl != null && tpl.isTextual()) {
        templateSource = tpl.asText();
      } else if (tpl != null && tpl.isArray()) { // named templates: [{name, template}], "default" is the chat one
        for (JsonNode t : tpl) {
          if (t.path("name").asText().equals("default")) {
            templateSource = t.path("template").asText();
          }
        }
      }
    }
    HuggingFaceTokenizer tok;
    try {
      tok = HuggingFaceTokenizer.newInstance(file, Map.of(
          "addSpecialTokens", "false", "truncation", "false", "padding", "false", "maxLength", "1000000000"));
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException(file + ": the tokenizers library refused it: " + e.getMessage(), e);
    }
    return new HfTokenizer(tok, special, new ChatTemplate(templateSource, tokens),
        tokens.get("bos_token"), tokens.get("eos_token"), maxId);
  }

  public ChatTemplate chatTemplate() {
    return template;
  }

  /** Encodes {@code text} with no special tokens added (templates write their own). */
  public Encoded encode(String text) {
    Encoding e = tokenizer.encode(text, false, false);
    long[] raw = e.getIds();
    int[] ids = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      ids[i] = Math.toIntExact(raw[i]);
    }
    CharSpan[] cs = e.getCharTokenSpans();
    int[][] spans = new int[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      spans[i] = cs != null && i < cs.length && cs[i] != null
          ? new int[] {cs[i].getStart(), cs[i].getEnd()} : new int[] {-1, -1};
    }
    return new Encoded(ids, spans);
  }

  public String decode(int[] ids) {
    long[] l = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      l[i] = ids[i];
    }
    return tokenizer.decode(l, false);
  }

  /** The id of a special/added token, or null. */
  public Integer specialId(String token) {
    return specialIds.get(token);
  }

  public Integer eosId() {
    return eosToken == null ? null : specialIds.get(eosToken);
  }

  public Integer bosId() {
    return bosToken == null ? null : specialIds.get(bosToken);
  }

  /** The largest id this tokenizer can produce. */
  public int maxId() {
    return maxId;
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  private static JsonNode readJson(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_TOKENIZER_BYTES) {
        throw new ModelFormatException(file + ": is " + size + " bytes, larger than any tokenizer file ("
            + MAX_TOKENIZER_BYTES + ")");
      }
      JsonNode node = JSON.readTree(file.toFile());
      if (node == null) {
        throw new ModelFormatException(file + ": is empty");
      }
      return node;
    } catch (IOException e) {
      throw new ModelFormatException(file + ": not valid JSON: " + firstLine(e.getMessage()), e);
    }
  }

  /** Checks the parts Lode relies on; returns the largest id and fills the added-token ids. */
  private static int validate(Path file, JsonNode json, Map<String, Integer> special) {
    if (!json.isObject()) {
      throw new ModelFormatException(file + ": not a JSON object");
    }
    JsonNode model = json.get("model");
    if (model == null || !model.isObject()) {
      throw new ModelFormatException(file + ": has no \"model\" object");
    }
    String type = model.path("type").asText("");
    JsonNode vocab = model.get("vocab");
    if (!List.of("BPE", "WordPiece", "Unigram", "WordLevel").contains(type) || vocab == null
        || !(vocab.isObject() || vocab.isArray()) || vocab.size() == 0) {
      throw new ModelFormatException(file + ": model type '" + type + "' with no vocabulary is not a usable tokenizer");
    }
    int max = -1;
    if (vocab.isObject()) {
      var it = vocab.fields();
      while (it.hasNext()) {
        var e = it.next();
        if (!e.getValue().isInt() || e.getValue().asInt() < 0) {
          throw new ModelFormatException(file + ": vocabulary entry '" + e.getKey() + "' has id " + e.getValue()
              + ", not a non-negative integer");
        }
        max = Math.max(max, e.getValue().asInt());
      }
    } else {
      max = vocab.size() - 1;
    }
    JsonNode added = json.get("added_tokens");
    if (added != null && added.isArray()) {
      for (JsonNode t : added) {
        if (!t.path("id").isInt() || t.path("id").asInt() < 0 || !t.path("content").isTextual()) {
          throw new ModelFormatException(file + ": added token " + t + " needs an integer id and a content string");
        }
        special.put(t.get("content").asText(), t.get("id").asInt());
        max = Math.max(max, t.get("id").asInt());
      }
    }
    return max;
  }

  private static String tokenText(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    return node.path("content").isTextual() ? node.get("content").asText() : null; // AddedToken object form
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return s == null ? "" : nl < 0 ? s : s.substring(0, nl);
  }
}
