package dev.lode.train.lora;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * LoRA hyperparameters, as PEFT's {@code LoraConfig} names them.
 *
 * @param r rank of A [r × in] and B [out × r]
 * @param alpha lora_alpha; the update is scaled by alpha / r (alpha / √r with rsLoRA)
 * @param dropout dropout on the adapter's input during training
 * @param targetModules PEFT module names: any of q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj
 * @param useRslora rank-stabilised scaling
 */
public record LoraConfig(int r, double alpha, double dropout, List<String> targetModules, boolean useRslora) {
  /** Short names (as {@code --lora-targets q,k,v} takes them) → PEFT module names → decoder projections. */
  public static final Map<String, String> SHORT_NAMES = Map.of(
      "q", "q_proj", "k", "k_proj", "v", "v_proj", "o", "o_proj",
      "gate", "gate_proj", "up", "up_proj", "down", "down_proj");

  public LoraConfig {
    if (r <= 0) {
      throw new IllegalArgumentException("LoRA rank r must be positive, got " + r);
    }
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("lora_alpha must be positive, got " + alpha);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("lora_dropout must be in [0, 1), got " + dropout);
    }
    List<String> modules = new ArrayList<>(new LinkedHashSet<>(normalise(targetModules)));
    if (modules.isEmpty()) {
      throw new IllegalArgumentException("LoRA needs at least one target module");
    }
    targetModules = List.copyOf(modules);
  }

  /** The multiplier of B·A. */
  public double scaling() {
    return useRslora ? alpha / Math.sqrt(r) : alpha / r;
  }

  /** The decoder projection a PEFT module name targets, e.g. q_proj → self_attn.q_proj. */
  public static String projectionOf(String module) {
    return switch (module) {
      case "q_proj", "k_proj", "v_proj", "o_proj" -> "self_attn." + module;
      case "gate_proj", "up_proj", "down_proj" -> "mlp." + module;
      default -> throw new IllegalArgumentException("unknown LoRA target module '" + module
          + "' (known: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj)");
    };
  }

  private static List<String> normalise(List<String> modules) {
    List<String> out = new ArrayList<>();
    for (String m : modules) {
      String name = SHORT_NAMES.getOrDefault(m.trim(), m.trim());
      projectionOf(name); // refuses unknown names
      out.add(name);
    }
    return out;
  }
}
