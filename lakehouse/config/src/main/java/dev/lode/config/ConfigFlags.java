package dev.lode.config;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives a command one flag per setting of the sections its {@link ConfigSections} names (or per setting it names
 * singly), so that no flag is declared by hand: {@code train.steps} becomes {@code --steps}, {@code train.lora.r}
 * becomes {@code --lora-r} (the key without its top-level section, dots and underscores as hyphens). A flag given on the command line is applied as
 * {@code --set key=value} would be, in command-line order, and is checked with the rest of the configuration; its
 * help is the key's comment in {@code conf/lode.yaml} and its default the embedded one.
 *
 * <pre>{@code
 * @Command(name = "sft", modelTransformer = ConfigFlags.class)
 * @ConfigSections({"train", "train.lora"})
 * final class Sft implements Callable<Integer> { @Mixin CommonOptions options; … }
 * }</pre>
 */
public final class ConfigFlags implements CommandLine.IModelTransformer {
  @Override
  public CommandSpec transform(CommandSpec spec) {
    Object command = spec.userObject();
    ConfigSections sections = command == null ? null : command.getClass().getAnnotation(ConfigSections.class);
    if (sections == null) {
      throw new IllegalStateException(spec.name() + " uses ConfigFlags without @ConfigSections");
    }
    CommonOptions options = commonOptions(spec);
    LodeConfig defaults = ConfigLoader.defaults();
    for (String name : sections.value()) {
      boolean wholeSection = isSection(defaults, name);
      String section = wholeSection ? name : name.substring(0, Math.max(0, name.lastIndexOf('.')));
      Record node = ConfigLoader.section(defaults, section);
      int added = 0;
      for (RecordComponent c : node.getClass().getRecordComponents()) {
        if (c.getType().isRecord() || Map.class.isAssignableFrom(c.getType())) {
          continue; // a subsection: a flag only when a command names it
        }
        String key = section + "." + ConfigLoader.snake(c.getName());
        if (wholeSection || key.equals(name)) {
          spec.addOption(option(key, c, value(c, node), options));
          added++;
        }
      }
      if (added == 0) {
        throw new IllegalStateException(spec.name() + ": @ConfigSections names '" + name + "', which is neither a "
            + "section nor a setting");
      }
    }
    return spec;
  }

  private static boolean isSection(LodeConfig config, String name) {
    try {
      ConfigLoader.section(config, name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The flag of a setting: {@code train.lora.target_modules} → {@code --lora-target-modules}. */
  public static String flagOf(String key) {
    int dot = key.indexOf('.');
    return "--" + key.substring(dot + 1).replace('.', '-').replace('_', '-');
  }

  private static OptionSpec option(String key, RecordComponent c, Object defaultValue, CommonOptions options) {
    Class<?> t = c.getType();
    boolean bool = t == boolean.class || t == Boolean.class;
    boolean list = Collection.class.isAssignableFrom(t);
    String comment = ConfigDocs.comment(key);
    String shown = defaultValue instanceof Collection<?> values ? String.join(",", values.stream()
        .map(String::valueOf).toList()) : String.valueOf(defaultValue);
    OptionSpec.Builder b = OptionSpec.builder(flagOf(key))
        .description((comment.isEmpty() ? "" : comment + " ") + "(" + key + "; default " + shown + ")")
        .paramLabel(bool ? "true|false" : list ? "A,B,…" : label(t))
        .type(bool ? Boolean.class : String.class)
        .arity(bool ? "0..1" : "1")
        .setter(new CommandLine.Model.ISetter() {
          @Override
          public <T> T set(T value) {
            if (value != null) {
              String v = String.valueOf(value);
              options.set(key, list ? "[" + v + "]" : v);
            }
            return null;
          }
        });
    if (bool) {
      b.fallbackValue("true");
    }
    return b.build();
  }

  private static String label(Class<?> t) {
    if (t == int.class || t == long.class || t == Integer.class || t == Long.class) {
      return "N";
    }
    if (t == double.class || t == Double.class || t == float.class) {
      return "X";
    }
    return "VALUE";
  }

  private static CommonOptions commonOptions(CommandSpec spec) {
    for (CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof CommonOptions o) {
        return o;
      }
    }
    throw new IllegalStateException(spec.name() + " takes configuration flags but has no CommonOptions mixin");
  }

  private static Object value(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
