package dev.lode.curate.rules;

import dev.lode.curate.CommitFacts;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Drops commits authored by bots (dependency updaters, formatters, CI): their changes are mechanical. The patterns
 * are searched in the author's name and e-mail; the detail names the pattern, never the e-mail.
 */
public final class BotAuthorRule implements Rule<CommitFacts> {
  public static final String NAME = "bot_author";

  private final List<Pattern> patterns;

  public BotAuthorRule(List<String> regexes) {
    this.patterns = regexes.stream().map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).toList();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(CommitFacts c) {
    for (Pattern p : patterns) {
      if (c.authorName() != null && p.matcher(c.authorName()).find()) {
        return Verdict.fail("author " + c.authorName() + " matches " + p.pattern());
      }
      if (c.authorEmail() != null && p.matcher(c.authorEmail()).find()) {
        return Verdict.fail("author e-mail matches " + p.pattern());
      }
    }
    return Verdict.pass(null);
  }
}
