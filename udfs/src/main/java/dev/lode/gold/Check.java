package dev.lode.gold;

/** One validation check on an example: what was checked, whether it passed, and a detail for people. */
public record Check(String check, boolean passed, String detail) {
  public static Check passed(String check, String detail) {
    return new Check(check, true, detail);
  }
}
