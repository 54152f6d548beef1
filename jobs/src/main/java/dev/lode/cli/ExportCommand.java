package dev.lode.cli;

import dev.lode.jobs.export.ExportFormat;
import dev.lode.jobs.export.ExportJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lode export}: one split of a gold round as files TRL, Unsloth and LLaMA-Factory read as they are. */
@Command(name = "export", description = "Write a split of a gold round as chat-jsonl, sharegpt, commitpackft or dpo "
    + "files (plus Parquet and LLaMA-Factory's dataset_info.json).")
final class ExportCommand extends SparkCommand {
  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "chat-jsonl, sharegpt, commitpackft or dpo")
  String format;

  @Option(names = "--split", required = true, paramLabel = "SPLIT", description = "train, dev or test")
  String split;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (path or Hadoop URI)")
  String out;

  @Option(names = "--round", defaultValue = "0", paramLabel = "N", description = "Gold round (default: the latest)")
  int round;

  @Override
  public Integer call() throws Exception {
    ExportFormat f;
    try {
      f = ExportFormat.of(format);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (!split.equals("train") && !split.equals("dev") && !split.equals("test")) {
      throw new UsageException("--split must be train, dev or test (got '" + split + "')");
    }
    for (ExportJob.Written w : run(open("export"), new ExportJob(f, split, out, round)).result()) {
      System.out.println(w.path() + "\t" + w.records() + " records");
    }
    return 0;
  }
}
