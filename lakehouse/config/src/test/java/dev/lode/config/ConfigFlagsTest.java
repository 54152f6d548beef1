package dev.lode.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.junit.jupiter.api.Test;

class ConfigFlagsTest {
  @Command(name = "sft", modelTransformer = ConfigFlags.class)
  @ConfigSections({"train", "train.lora"})
  static final class Sft implements Callable<Integer> {
    @Mixin CommonOptions options;

    @Override
    public Integer call() {
      return 0;
    }
  }

  @Command(name = "score", modelTransformer = ConfigFlags.class)
  @ConfigSections("train.device")
  static final class Score implements Callable<Integer> {
    @Mixin CommonOptions options;

    @Override
    public Integer call() {
      return 0;
    }
  }

  private static LodeConfig parse(String... args) {
    Sft sft = new Sft();
    new CommandLine(sft).parseArgs(args);
    return sft.options.config();
  }

  @Test
  void everySettingOfTheNamedSectionsIsAFlagNamedAfterItsKey() {
    CommandLine cli = new CommandLine(new Sft());
    List<String> names = cli.getCommandSpec().options().stream().map(o -> o.longestName()).toList();
    assertTrue(names.containsAll(List.of("--steps", "--batch-size", "--seq-len", "--lr", "--device", "--lora-r",
        "--lora-alpha", "--lora-target-modules", "--lora-use-rslora")), names.toString());
    assertFalse(names.contains("--bench-steps"), "a subsection not named gives no flags");
    assertFalse(names.contains("--base-preset"));
  }

  @Test
  void aFlagOverridesItsSettingLikeSetAndIsValidatedTheSameWay() {
    LodeConfig c = parse("--steps", "7", "--lora-r", "4", "--lora-target-modules", "q,v", "--lora-use-rslora");
    assertEquals(7, c.train().steps());
    assertEquals(4, c.train().lora().r());
    assertEquals(List.of("q", "v"), c.train().lora().targetModules());
    assertTrue(c.train().lora().useRslora());
    assertEquals(ConfigLoader.defaults().train().batchSize(), c.train().batchSize(), "untouched settings keep defaults");
    ConfigException e = assertThrows(ConfigException.class, () -> parse("--steps", "0"));
    assertEquals("train.steps", e.key());
  }

  @Test
  void flagsAndSetsApplyInCommandLineOrder() {
    assertEquals(9, parse("--steps", "7", "--set", "train.steps=9").train().steps());
    assertEquals(7, parse("--set", "train.steps=9", "--steps", "7").train().steps());
  }

  @Test
  void aFlagsHelpIsTheKeysCommentInLodeYaml() {
    CommandLine cli = new CommandLine(new Sft());
    String help = String.join(" ", cli.getCommandSpec().findOption("--steps").description());
    assertTrue(help.contains(ConfigDocs.comment("train.steps")), help);
    assertTrue(help.contains("train.steps; default 30"), help);
  }

  @Test
  void aSingleSettingNamedInsteadOfASectionIsTheCommandsOnlyConfigurationFlag() {
    Score score = new Score();
    CommandLine cli = new CommandLine(score);
    List<String> flags = cli.getCommandSpec().options().stream().map(o -> o.longestName())
        .filter(n -> !List.of("--warehouse", "--conf", "--set").contains(n)).toList();
    assertEquals(List.of("--device"), flags);
    cli.parseArgs("--device", "cuda");
    assertEquals("cuda", score.options.config().train().device());
  }
}
