package dev.lode.curate;

import dev.lode.code.ChangedFile;
import java.util.List;

/**
 * The text an example would carry out of bronze: the cleaned instruction and the kept files, each with its contents
 * before and after and its diff (any of them may be null). What the secrets rule scans and what redaction rewrites.
 */
public record KeptText(String instruction, List<ChangedFile> files) {

  public KeptText {
    files = files == null ? List.of() : List.copyOf(files);
  }
}
