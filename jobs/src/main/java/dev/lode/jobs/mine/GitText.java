package dev.lode.jobs.mine;

import dev.lode.diff.LineText;
import org.eclipse.jgit.diff.RawText;

/** JGit's line-indexed text, seen as the {@link LineText} the diff engine and renderer read. */
final class GitText extends RawText implements LineText {
  GitText(byte[] content) {
    super(content);
  }

  @Override
  public byte[] bytes() {
    return content;
  }

  @Override
  public int lineCount() {
    return size();
  }

  @Override
  public int start(int line) {
    return lines.get(line + 1);
  }

  @Override
  public int end(int line) {
    return lines.get(line + 2);
  }
}
