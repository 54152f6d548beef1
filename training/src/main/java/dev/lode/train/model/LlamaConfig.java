package dev.lode.train.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The shape of a Llama-family decoder, as Hugging Face's {@code config.json} spells it. One record serves Llama,
 * Mistral, Qwen2 (q/k/v biases) and SmolLM: they differ only in these fields.
 *
 * @param qkvBias q, k and v projections carry a bias (Qwen2; Llama with {@code attention_bias})
 * @param oBias the output projection carries a bias (Llama with {@code attention_bias} only)
 * @param mlpBias gate, up and down projections carry a bias (Llama's {@code mlp_bias})
 */
public record LlamaConfig(
    String modelType,
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    double rmsNormEps,
    double ropeTheta,
    int maxPositions,
    boolean tieWordEmbeddings,
    boolean qkvBias,
    boolean oBias,
    boolean mlpBias,
    Integer bosTokenId,
    Integer eosTokenId) {

  /** Model types whose {@code config.json} this decoder reads. */
  public static final Set<String> MODEL_TYPES = Set.of("llama", "mistral", "qwen2");

  public LlamaConfig {
    require(vocabSize > 0, "vocab_size must be positive");
    require(hiddenSize > 0, "hidden_size must be positive");
    require(intermediateSize > 0, "intermediate_size must be positive");
    require(numLayers > 0, "num_hidden_layers must be positive");
    require(numHeads > 0 && numKvHeads > 0, "num_attention_heads and num_key_value_heads must be positive");
    require(numHeads % numKvHeads == 0, "num_attention_heads (" + numHeads
        + ") must be a multiple of num_key_value_heads (" + numKvHeads + ")");
    require(headDim > 0 && headDim % 2 == 0, "head_dim must be positive and even (rotary pairs), got " + headDim);
    require(rmsNormEps > 0, "rms_norm_eps must be positive");
    require(ropeTheta > 0, "rope_theta must be positive");
    require(maxPositions > 0, "max_position_embeddings must be positive");
    long big = (long) vocabSize * hiddenSize;
    require(big < Integer.MAX_VALUE && (long) intermediateSize * hiddenSize < Integer.MAX_VALUE,
        "the embedding or an MLP matrix has more than 2^31 elements, which this trainer does not support");
  }

  public int qDim() {
    return numHeads * headDim;
  }

  public int kvDim() {
    return numKvHeads * headDim;
  }

  /** Parameters in the whole model (embedding counted once when tied). */
  public long parameterCount() {
    long d = hiddenSize;
    long perLayer = 2 * d + d * qDim() + 2 * d * kvDim() + (long) qDim() * d + 3 * d * intermediateSize
        + (qkvBias ? qDim() + 2L * kvDim() : 0) + (oBias ? d : 0) + (mlpBias ? 2L * intermediateSize + d : 0);
    return vocabSize * d + numLayers * perLayer + d + (tieWordEmbeddings ? 0 : vocabSize * d);
  }

  /** Reads {@code config.json}; {@code source} names the file in errors. */
  public static LlamaConfig fromJson(JsonNode json, String source) {
    String type = text(json, "model_type", source);
    if (!MODEL_TYPES.contains(type)) {
      throw new IllegalArgumentException(source + ": model_type '" + type + "' is not supported (supported: "
          + String.join(", ", MODEL_TYPES.stream().sorted().toList()) + ")");
    }
    String act = json.path("hidden_act").asText("silu");
    if (!act.equals("silu")) {
      throw new IllegalArgumentException(source + ": hidden_act '" + act + "' is not supported (only silu)");
    }
    JsonNode scaling = json.get("rope_scaling");
    if (scaling != null && !scaling.isNull()) {
      throw new IllegalArgumentException(source + ": rope_scaling " + scaling + " is not supported yet");
    }
    int hidden = integer(json, "hidden_size", source);
    int heads = integer(json, "num_attention_heads", source);
    int kvHeads = json.has("num_key_value_heads") && !json.get("num_key_value_heads").isNull()
        ? integer(json, "num_key_value_heads", source) : heads;
    int headDim = json.has("head_dim") && !json.get("head_dim").isNull()
        ? integer(json, "head_dim", source) : hidden / heads;
    boolean attentionBias = json.path("attention_bias").asBoolean(false);
    boolean qwen = type.equals("qwen2");
    try {
      return new LlamaConfig(type,
          integer(json, "vocab_size", source), hidden, integer(json, "intermediate_size", source),
          integer(json, "num_hidden_layers", source), heads, kvHeads, headDim,
          json.path("rms_norm_eps").asDouble(1e-6), json.path("rope_theta").asDouble(10000.0),
          json.path("max_position_embeddings").asInt(2048),
          json.path("tie_word_embeddings").asBoolean(false),
          qwen || attentionBias, !qwen && attentionBias, json.path("mlp_bias").asBoolean(false),
          optionalInt(json, "bos_token_id"), optionalInt(json, "eos_token_id"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** {@code config.json} as Hugging Face transformers writes it for this model type. */
  public ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode o = mapper.createObjectNode();
    String arch = switch (modelType) {
      case "qwen2" -> "Qwen2ForCausalLM";
      case "mistral" -> "MistralForCausalLM";
      default -> "LlamaForCausalLM";
    };
    o.putArray("architectures").add(arch);
    o.put("model_type", modelType);
    o.put("vocab_size", vocabSize);
    o.put("hidden_size", hiddenSize);
    o.put("intermediate_size", intermediateSize);
    o.put("num_hidden_layers", numLayers);
    o.put("num_attention_heads", numHeads);
    o.put("num_key_value_heads", numKvHeads);
    o.put("head_dim", headDim);
    o.put("hidden_act", "silu");
    o.put("rms_norm_eps", rmsNormEps);
    o.put("rope_theta", ropeTheta);
    o.putNull("rope_scaling");
    o.put("max_position_embeddings", maxPositions);
    o.put("tie_word_embeddings", tieWordEmbeddings);
    if (!modelType.equals("qwen2")) {
      o.put("attention_bias", qkvBias);
      o.put("mlp_bias", mlpBias);
    }
    if (bosTokenId != null) {
      o.put("bos_token_id", bosTokenId);
    }
    if (eosTokenId != null) {
      o.put("eos_token_id", eosTokenId);
    }
    o.put("torch_dtype", "float32");
    o.put("initializer_range", 0.02);
    o.put("use_cache", true);
    return o;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static String text(JsonNode json, String key, String source) {
    JsonNode v = json.get(key);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(source + ": '" + key + "' is missing or not a string");
    }
    return v.asText();
  }

  private static int integer(JsonNode json, String key, String source) {
    JsonNode v = json.get(key);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(source + ": '" + key + "' is missing or not an integer");
    }
    return v.asInt();
  }

  private static Integer optionalInt(JsonNode json, String key) {
    JsonNode v = json.get(key);
    if (v == null || !v.isIntegralNumber()) {
      return null; // absent, null, or a list (some models give several eos ids; the first one is not assumed)
    }
    return v.asInt();
  }
}
