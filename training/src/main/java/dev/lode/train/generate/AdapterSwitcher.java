package dev.lode.train.generate;

import dev.lode.train.io.PeftAdapterReader;
import dev.lode.train.lora.LoraAdapter;
import dev.lode.train.lora.LoraModel;
import dev.lode.train.model.LlamaModel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Several PEFT adapters served over one base model, for a generate command that answers with one adapter, then
 * another: the base weights are loaded once, each adapter adds only its A/B pairs (wrapping the targeted
 * projections in {@code LoraLinear} once), and a switch re-points those wrappers at another adapter's pair. No
 * weight is copied, merged or reloaded, so a switch costs microseconds, not a model load; {@link #switchTo}
 * measures it.
 */
public final class AdapterSwitcher {
  private final LoraModel lora;
  private long lastSwitchNanos = -1;

  /** Adapters over {@code model}; none loaded yet. */
  public AdapterSwitcher(LlamaModel model) {
    this(new LoraModel(model));
  }

  /** Adapters over the base of {@code lora}, with the adapters it already holds. */
  public AdapterSwitcher(LoraModel lora) {
    this.lora = lora;
  }

  /** Loads each adapter directory under its name (in the map's order) onto {@code model}; none is active. */
  public static AdapterSwitcher load(LlamaModel model, Map<String, Path> adapterDirs) {
    AdapterSwitcher s = new AdapterSwitcher(model);
    adapterDirs.forEach(s::load);
    return s;
  }

  /** Reads the PEFT adapter in {@code dir} and adds it as {@code name} (not yet active). */
  public LoraAdapter load(String name, Path dir) {
    LoraAdapter adapter = PeftAdapterReader.read(dir, name, lora.model());
    lora.add(adapter);
    return adapter;
  }

  /**
   * Makes {@code name} the active adapter, or the base model alone with null, and returns how long the switch
   * took in nanoseconds.
   */
  public long switchTo(String name) {
    long t0 = System.nanoTime();
    lora.setActive(name);
    lastSwitchNanos = System.nanoTime() - t0;
    return lastSwitchNanos;
  }

  /** The duration of the last {@link #switchTo} in nanoseconds, or −1 before the first. */
  public long lastSwitchNanos() {
    return lastSwitchNanos;
  }

  /** The active adapter's name, or null for the base model. */
  public String active() {
    return lora.active();
  }

  /** The loaded adapters' names, in load order. */
  public Set<String> names() {
    return lora.adapters().keySet();
  }

  public LlamaModel model() {
    return lora.model();
  }

  public LoraModel loraModel() {
    return lora;
  }
}
