package dev.lode.train.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.ConfigException;
import dev.lode.config.TrainConfig;
import dev.lode.train.Device;
import dev.lode.train.io.ModelFormatException;
import dev.lode.train.sft.TrainingDivergedException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the trainer's commands share: loading {@code train:} and selecting its device, and turning what a command
 * cannot use into an exit code and a message naming it. The commands return their exit codes themselves rather
 * than leave them to a main's exception handler, so that they behave the same under {@code lode} and
 * {@code lode-train}.
 */
final class TrainerCli {
  /** The run failed (e.g. training diverged). */
  static final int EXIT_FAILED = 1;
  /** Bad usage or configuration, naming the input; nothing was written. Equal to {@link ConfigException#EXIT_CODE}. */
  static final int EXIT_USAGE = ConfigException.EXIT_CODE;

  private TrainerCli() {}

  /** Loads {@code train:} (refused naming the key), selects {@code train.device} and logs the backend. */
  static TrainConfig start(CommonOptions options) {
    TrainConfig train = options.config().train();
    Device.select(train.device(), train.threads());
    return train;
  }

  /**
   * Runs a command's body and returns its exit code: {@link #EXIT_USAGE} for a configuration, file, model, adapter,
   * tokenizer or data file that cannot be used, {@link #EXIT_FAILED} when training diverged; the message goes to
   * the command's stderr.
   */
  static int run(CommandSpec spec, Callable<Integer> body) throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return body.call();
    } catch (ConfigException e) {
      err.println(spec.root().name() + ": configuration refused: " + e.getMessage());
      return EXIT_USAGE;
    } catch (ModelFormatException | IllegalArgumentException e) {
      err.println(spec.qualifiedName() + ": " + e.getMessage());
      return EXIT_USAGE;
    } catch (TrainingDivergedException e) {
      err.println(spec.qualifiedName() + ": " + e.getMessage());
      return EXIT_FAILED;
    }
  }

  /** Refuses a path that is not an existing directory, naming the option it came from. */
  static Path existingDir(Path p, String option) {
    if (p == null || !Files.isDirectory(p)) {
      throw new IllegalArgumentException(option + " " + p + " does not exist or is not a directory");
    }
    return p;
  }
}
