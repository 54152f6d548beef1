package dev.lode.curate.message;

import java.util.regex.Pattern;

/**
 * Cleans a commit subject down to its words: conventional-commit prefixes ({@code fix(parser)!: }), component
 * prefixes ({@code docs: }, {@code _make: }), bracket tags ({@code [pre-commit.ci] }), gitmoji ({@code :bug: }),
 * and trailing issue references ({@code (#123)}, {@code [skip ci]}) and full stops are removed.
 * {@code "docs: fix markup in README (#1609)."} → {@code "fix markup in README"}.
 */
public final class Subjects {
  private Subjects() {}

  private static final Pattern GITMOJI = Pattern.compile("^(:[a-z0-9_+-]+:\\s*)+");
  private static final Pattern EMOJI = Pattern.compile("^[\\p{So}\\p{Sk}\\x{FE0F}\\x{200D}\\s]+");
  private static final Pattern TAG = Pattern.compile("^\\[[^\\]]{1,40}\\]\\s*");
  private static final Pattern PREFIX = Pattern.compile("^[A-Za-z_][\\w./-]{0,40}(\\([^)]{0,60}\\))?!?:\\s+");
  private static final Pattern TRAILING_REF = Pattern.compile(
      "\\s*(\\((#|gh-|GH-)\\d+\\)|\\[(skip ci|ci skip|no ci|skip actions)\\]|\\((closes|fixes|fix|refs|see) #\\d+\\)"
          + "|#\\d+)\\s*$", Pattern.CASE_INSENSITIVE);

  /** The subject's words without prefixes, tags and trailing references; never null. */
  public static String clean(String subject) {
    if (subject == null) {
      return "";
    }
    String s = subject.strip();
    String before;
    do {
      before = s;
      s = GITMOJI.matcher(s).replaceFirst("");
      s = EMOJI.matcher(s).replaceFirst("");
      s = TAG.matcher(s).replaceFirst("");
      s = PREFIX.matcher(s).replaceFirst("");
      s = TRAILING_REF.matcher(s).replaceFirst("");
      s = s.strip();
      if (s.endsWith(".") && !s.endsWith("..")) {
        s = s.substring(0, s.length() - 1).strip();
      }
    } while (!s.equals(before));
    return s;
  }
}
