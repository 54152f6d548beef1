package dev.lode.cli;

import dev.lode.config.CommonOptions;
import dev.lode.config.TrainConfig;
import dev.lode.train.Device;
import dev.lode.train.io.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** What the trainer's commands share: device selection and turning bad input into a usage error (exit 2). */
final class TrainerCli {
  private TrainerCli() {}

  /** Loads {@code train:}, selects the device (a flag overrides the config) and logs the backend. */
  static TrainConfig start(CommonOptions options, String device) {
    TrainConfig train = options.config().train();
    String chosen = device != null ? device : train.device();
    try {
      Device.select(chosen, train.threads());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return train;
  }

  /** Runs {@code body}; a missing file or an unusable model, adapter, tokenizer or data file exits with 2. */
  static Integer run(Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (ModelFormatException | IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static Path existingDir(Path p, String what) {
    if (p == null || !Files.isDirectory(p)) {
      throw new UsageException(what + " " + p + " does not exist or is not a directory");
    }
    return p;
  }
}
