package dev.lode.train.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code base …}: base models. */
@Command(name = "base", description = "Base models: create one to train on.", subcommands = BaseInitCommand.class)
public final class BaseCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
