package dev.lode.gold;

import java.util.List;

/**
 * One file of a curated commit: its path, language and change type (ADD, MODIFY, DELETE, RENAME, COPY), the full
 * text before and after (null where absent: before an ADD, after a DELETE, or left out by the miner for its size),
 * and the functions the miner found touched.
 */
public record ChangedFile(String path, String language, String changeType, String before, String after,
    List<String> changedMethods) {

  public ChangedFile {
    changedMethods = changedMethods == null ? List.of() : List.copyOf(changedMethods);
  }

  public boolean isAdd() {
    return "ADD".equals(changeType);
  }

  public boolean isDelete() {
    return "DELETE".equals(changeType);
  }

  /** Both sides present as the change type says they should be: the file can be shown and its change rendered. */
  public boolean hasContent() {
    return (isAdd() || before != null) && (isDelete() || after != null);
  }

  public String beforeText() {
    return before == null ? "" : before;
  }

  public String afterText() {
    return after == null ? "" : after;
  }
}
