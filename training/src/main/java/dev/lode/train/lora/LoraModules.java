package dev.lode.train.lora;

import java.util.List;

/**
 * The projections {@code train.lora.target_modules} names, in the three spellings they have: Lode's short name
 * ({@code q}, as the configuration takes it), PEFT's module name ({@code q_proj}, as {@code adapter_config.json}
 * lists it) and the decoder projection it adapts ({@code self_attn.q_proj}).
 */
public final class LoraModules {
  /** Every short name, in decoder order: the values {@code train.lora.target_modules} allows. */
  public static final List<String> ALL = List.of("q", "k", "v", "o", "gate", "up", "down");

  private static final String PEFT_SUFFIX = "_proj";

  private LoraModules() {}

  /** The decoder projection a short name adapts, e.g. {@code q} → {@code self_attn.q_proj}. */
  public static String projection(String module) {
    return switch (module) {
      case "q", "k", "v", "o" -> "self_attn." + module + PEFT_SUFFIX;
      case "gate", "up", "down" -> "mlp." + module + PEFT_SUFFIX;
      default -> throw new IllegalArgumentException("unknown LoRA target module '" + module + "' (known: "
          + String.join(", ", ALL) + ")");
    };
  }

  /** PEFT's name for a short name, e.g. {@code gate} → {@code gate_proj}. */
  public static String peftName(String module) {
    projection(module); // refuses an unknown name
    return module + PEFT_SUFFIX;
  }

  /** The short name of a PEFT module name, or null when Lode has no such projection (a regex, "all-linear"). */
  public static String fromPeft(String peftName) {
    if (!peftName.endsWith(PEFT_SUFFIX)) {
      return null;
    }
    String module = peftName.substring(0, peftName.length() - PEFT_SUFFIX.length());
    return ALL.contains(module) ? module : null;
  }
}
