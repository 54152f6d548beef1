package dev.lode.mine;

/**
 * One region of a line diff: lines {@code [beginA, endA)} of the old text replaced by {@code [beginB, endB)} of the
 * new one (0-based; an empty range is an insertion or a deletion). The shape of JGit's {@code Edit}, without JGit.
 */
public record LineEdit(int beginA, int endA, int beginB, int endB) {
  public int deleted() {
    return endA - beginA;
  }

  public int added() {
    return endB - beginB;
  }
}
