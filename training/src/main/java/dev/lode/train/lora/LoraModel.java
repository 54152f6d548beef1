package dev.lode.train.lora;

import dev.lode.train.model.LlamaModel;
import dev.lode.train.model.Projection;
import dev.lode.train.model.WeightNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A base model with any number of LoRA adapters over it, as PEFT's {@code LoraModel}: adding an adapter wraps each
 * targeted projection in a {@link LoraLinear} (once; later adapters join the same wrapper), and
 * {@link #setActive} switches between them without touching, copying or reloading the base weights.
 */
public final class LoraModel {
  private final LlamaModel base;
  private final Map<String, LoraAdapter> adapters = new LinkedHashMap<>();
  private String active;

  public LoraModel(LlamaModel base) {
    this.base = base;
  }

  public LlamaModel model() {
    return base;
  }

  /** Adds an adapter (not yet active). Its module paths must be projections of this model with matching shapes. */
  public void add(LoraAdapter adapter) {
    if (adapters.containsKey(adapter.name())) {
      throw new IllegalArgumentException("an adapter named '" + adapter.name() + "' is already loaded");
    }
    for (var e : adapter.modules().entrySet()) {
      String[] where = locate(e.getKey());
      int layer = Integer.parseInt(where[0]);
      Projection p = base.projection(layer, where[1]);
      LoraLinear wrapper;
      if (p instanceof LoraLinear l) {
        wrapper = l;
      } else {
        wrapper = new LoraLinear(p.base());
        base.setProjection(layer, where[1], wrapper);
      }
      wrapper.add(adapter.name(), e.getValue());
    }
    adapters.put(adapter.name(), adapter);
  }

  /** Activates one adapter by name, or none (the base model alone) with null. */
  public void setActive(String name) {
    if (name != null && !adapters.containsKey(name)) {
      throw new IllegalArgumentException("no adapter named '" + name + "' (loaded: " + adapters.keySet() + ")");
    }
    for (LoraLinear w : wrappers()) {
      w.setActive(name != null && w.weights(name) != null ? name : null);
    }
    active = name;
  }

  public String active() {
    return active;
  }

  public Map<String, LoraAdapter> adapters() {
    return Collections.unmodifiableMap(adapters);
  }

  /** Folds the active adapter into the base weights (W + scaling·B·A). */
  public void merge() {
    wrappers().forEach(LoraLinear::merge);
  }

  /** Takes a merged adapter back out of the base weights. */
  public void unmerge() {
    wrappers().forEach(LoraLinear::unmerge);
  }

  private List<LoraLinear> wrappers() {
    List<LoraLinear> out = new ArrayList<>();
    for (int layer = 0; layer < base.config().numLayers(); layer++) {
      for (String projection : WeightNames.PROJECTIONS) {
        if (base.projection(layer, projection) instanceof LoraLinear l) {
          out.add(l);
        }
      }
    }
    return out;
  }

  /** "model.layers.3.self_attn.q_proj" → {"3", "self_attn.q_proj"}. */
  private static String[] locate(String modulePath) {
    String prefix = "model.layers.";
    if (modulePath.startsWith(prefix)) {
      int dot = modulePath.indexOf('.', prefix.length());
      if (dot > 0) {
        String layer = modulePath.substring(prefix.length(), dot);
        String projection = modulePath.substring(dot + 1);
        if (layer.chars().allMatch(Character::isDigit) && WeightNames.PROJECTIONS.contains(projection)) {
          return new String[] {layer, projection};
        }
      }
    }
    throw new IllegalArgumentException("LoRA module '" + modulePath + "' is not a decoder projection "
        + "(expected model.layers.{i}.self_attn.{q,k,v,o}_proj or model.layers.{i}.mlp.{gate,up,down}_proj)");
  }
}
