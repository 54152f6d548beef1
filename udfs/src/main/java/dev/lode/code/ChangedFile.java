package dev.lode.code;

import java.util.List;

/**
 * One file a commit changes, as bronze.file_changes records it: where it is ({@code path}: the new path, the old one
 * for a deletion; {@code oldPath} and {@code newPath}, null on the side where the file does not exist), how it changed
 * ({@code changeType}: ADD, MODIFY, DELETE, RENAME or COPY), what it is (language, binary, test), git's line counts,
 * the diff's hunks, the whole text before and after, whether the miner left text out for its size
 * ({@code truncated}), the functions it touches, and the error that kept it from being read.
 *
 * <p>The one value every stage passes around: the miner fills it all; curation's cheap rules read the path, type and
 * counts; its secrets rule the texts and diff; deduplication the texts and diff, never the path (the same change
 * vendored or forked under another directory is still the same change); gold the texts and changed methods. What a
 * stage does not have stays null (texts, diff, paths, language, error) or empty (counts, flags, methods).
 */
public record ChangedFile(
    String path,
    String changeType,
    String oldPath,
    String newPath,
    String language,
    boolean binary,
    boolean test,
    int addedLines,
    int deletedLines,
    String diff,
    String before,
    String after,
    boolean truncated,
    List<String> changedMethods,
    String error) {

  public static final String ADD = "ADD";
  public static final String MODIFY = "MODIFY";
  public static final String DELETE = "DELETE";

  public ChangedFile {
    changedMethods = changedMethods == null ? List.of() : List.copyOf(changedMethods);
  }

  /** A file at {@code path} changed by {@code changeType}; everything else is set on the builder. */
  public static Builder of(String path, String changeType) {
    return new Builder(path, changeType);
  }

  /** A builder holding this file's values, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(path, changeType).oldPath(oldPath).newPath(newPath).language(language).binary(binary)
        .test(test).lines(addedLines, deletedLines).diff(diff).texts(before, after).truncated(truncated)
        .changedMethods(changedMethods).error(error);
  }

  public int changedLines() {
    return addedLines + deletedLines;
  }

  public boolean isAdd() {
    return ADD.equals(changeType);
  }

  public boolean isDelete() {
    return DELETE.equals(changeType);
  }

  /** Both sides present as the change type says they should be: the file can be shown and its change rendered. */
  public boolean hasContent() {
    return (isAdd() || before != null) && (isDelete() || after != null);
  }

  /** The text before the change; empty where there is none. */
  public String beforeText() {
    return before == null ? "" : before;
  }

  /** The text after the change; empty where there is none. */
  public String afterText() {
    return after == null ? "" : after;
  }

  /** Builds a {@link ChangedFile} by name, so that each stage sets only what it knows. */
  public static final class Builder {
    private final String path;
    private String changeType;
    private String oldPath;
    private String newPath;
    private String language;
    private boolean binary;
    private boolean test;
    private int addedLines;
    private int deletedLines;
    private String diff;
    private String before;
    private String after;
    private boolean truncated;
    private List<String> changedMethods = List.of();
    private String error;

    private Builder(String path, String changeType) {
      this.path = path;
      this.changeType = changeType;
    }

    public Builder changeType(String type) {
      this.changeType = type;
      return this;
    }

    public Builder oldPath(String p) {
      this.oldPath = p;
      return this;
    }

    public Builder newPath(String p) {
      this.newPath = p;
      return this;
    }

    public Builder language(String l) {
      this.language = l;
      return this;
    }

    public Builder binary(boolean b) {
      this.binary = b;
      return this;
    }

    public Builder test(boolean t) {
      this.test = t;
      return this;
    }

    /** git's numstat counts. */
    public Builder lines(int added, int deleted) {
      this.addedLines = added;
      this.deletedLines = deleted;
      return this;
    }

    public Builder diff(String d) {
      this.diff = d;
      return this;
    }

    /** The whole text before and after the change; null on a side that is absent or was left out. */
    public Builder texts(String beforeText, String afterText) {
      this.before = beforeText;
      this.after = afterText;
      return this;
    }

    public Builder truncated(boolean t) {
      this.truncated = t;
      return this;
    }

    public Builder changedMethods(List<String> methods) {
      this.changedMethods = methods;
      return this;
    }

    public Builder error(String e) {
      this.error = e;
      return this;
    }

    public ChangedFile build() {
      return new ChangedFile(path, changeType, oldPath, newPath, language, binary, test, addedLines, deletedLines,
          diff, before, after, truncated, changedMethods, error);
    }
  }
}
