package dev.lode.curate.message;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a commit message into an instruction: the cleaned subject (see {@link Subjects}), first letter upper case,
 * then the body without trailers ({@code Signed-off-by:}, {@code Co-authored-by:}, {@code Change-Id:} …), issue
 * noise ({@code Fixes #12}, {@code Closes https://…/issues/3}, {@code (#123)}), CI directives, PR-template comments
 * and checklists, squash separators and merge lines. What is left is what the author said about the change.
 */
public final class InstructionCleaner {
  private InstructionCleaner() {}

  private static final Pattern TRAILER = Pattern.compile(
      "^\\s*(signed-off-by|co-authored-by|reviewed-by|acked-by|tested-by|reported-by|suggested-by|helped-by|"
          + "requested-by|approved-by|cc|change-id|reviewed-on|reviewed-at|pr-url|pull-request|link|bug|"
          + "git-svn-id|ghstack-source-id|differential revision|issue|issues|refs?|see-also|closes|fixes|resolves)"
          + "\\s*:.*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ISSUE_LINE = Pattern.compile(
      "^\\s*[-*]?\\s*((fix(es|ed)?|close[sd]?|resolve[sd]?|refs?|see|related( to)?|part of|addresse[sd]|"
          + "follow[- ]up (to|of)|supersedes|replaces)\\s*:?\\s*)?((#|gh-)\\d+|[\\w.-]+/[\\w.-]+#\\d+|"
          + "https?://\\S+/(issues|pull|pulls|merge_requests)/\\d+\\S*)([\\s,.;]+(and\\s+)?((#|gh-)\\d+|"
          + "https?://\\S+/(issues|pull|pulls|merge_requests)/\\d+\\S*))*[\\s.]*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern INLINE_REF = Pattern.compile("\\s*\\((#|gh-)\\d+\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CI_DIRECTIVE = Pattern.compile(
      "\\[(skip ci|ci skip|no ci|skip actions|actions skip|skip azurepipelines|skip travis)\\]", Pattern.CASE_INSENSITIVE);
  private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final Pattern CHECKLIST = Pattern.compile("^\\s*[-*]\\s*\\[[ xX]\\]\\s.*$");
  private static final Pattern SEPARATOR = Pattern.compile("^\\s*([-=*_~]\\s*){3,}$");
  private static final Pattern MERGE_LINE = Pattern.compile(
      "^\\s*[-*]?\\s*Merge (branch|remote-tracking branch|pull request) .*$");

  /** The instruction for {@code message}: never null, no trailing whitespace. */
  public static String clean(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String text = HTML_COMMENT.matcher(message.replace("\r\n", "\n")).replaceAll("");
    int nl = text.indexOf('\n');
    String subject = capitalize(Subjects.clean(nl < 0 ? text : text.substring(0, nl)));
    String body = nl < 0 ? "" : text.substring(nl + 1);
    List<String> kept = new ArrayList<>();
    for (String raw : body.split("\n", -1)) {
      String line = CI_DIRECTIVE.matcher(raw).replaceAll("");
      if (TRAILER.matcher(line).matches() || ISSUE_LINE.matcher(line).matches() || CHECKLIST.matcher(line).matches()
          || SEPARATOR.matcher(line).matches() || MERGE_LINE.matcher(line).matches()) {
        continue;
      }
      kept.add(INLINE_REF.matcher(line).replaceAll("").stripTrailing());
    }
    String cleanBody = String.join("\n", kept).replaceAll("\n{3,}", "\n\n").strip();
    return cleanBody.isEmpty() ? subject : subject + "\n\n" + cleanBody;
  }

  private static String capitalize(String s) {
    if (s.isEmpty() || !Character.isLowerCase(s.codePointAt(0))) {
      return s;
    }
    // Leave identifiers alone: "attrs.define now …" must not become "Attrs.define".
    int end = s.indexOf(' ');
    String first = end < 0 ? s : s.substring(0, end);
    if (first.matches(".*[._()`'\"\\[\\]].*") || !first.equals(first.toLowerCase())) {
      return s;
    }
    return s.substring(0, 1).toUpperCase() + s.substring(1);
  }
}
