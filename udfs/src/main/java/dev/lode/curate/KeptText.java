package dev.lode.curate;

import java.util.List;

/**
 * The text an example would carry out of bronze: the cleaned instruction and, per kept file, its contents before and
 * after and its diff. What the secrets rule scans and what redaction rewrites.
 */
public record KeptText(String instruction, List<FileText> files) {
  /** One kept file's texts; any of them may be null. */
  public record FileText(String path, String before, String after, String diff) {}

  public KeptText {
    files = files == null ? List.of() : List.copyOf(files);
  }
}
