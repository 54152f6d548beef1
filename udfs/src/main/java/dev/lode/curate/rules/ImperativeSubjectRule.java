package dev.lode.curate.rules;

import dev.lode.curate.MessageFeatures;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import dev.lode.curate.message.VerbLexicon;
import java.util.List;

/**
 * Keeps subjects that begin with an imperative verb, the form a user gives an instruction in: "Add", "Fix",
 * "Handle", "Don't crash on …". "Added", "Fixes", "Adding" are forms of a verb, not its imperative; "Typo in …",
 * "Docs for …" begin with no verb. The verb is read from the pipeline's lemma of the first word and the lexicon.
 * Score 1, or 0.8 when the subject starts in lower case.
 */
public final class ImperativeSubjectRule implements Rule<MessageFeatures> {
  public static final String NAME = "imperative_subject";

  private final VerbLexicon lexicon;

  public ImperativeSubjectRule(VerbLexicon lexicon) {
    this.lexicon = lexicon;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(MessageFeatures m) {
    List<String> words = m.subjectWords();
    if (words.isEmpty()) {
      return Verdict.fail("no words in the subject");
    }
    int i = 0;
    String first = words.get(0);
    if (first.equals("dont") || first.equals("never")) {
      i = 1;
    } else if (first.equals("do") && words.size() > 1 && words.get(1).equals("not")) {
      i = 2;
    }
    if (i >= words.size()) {
      return Verdict.fail("no verb after '" + first + "'");
    }
    String word = words.get(i);
    String lemma = i < m.subjectLemmas().size() ? m.subjectLemmas().get(i) : null;
    if (lexicon.isLemma(word)) {
      boolean capital = !m.subject().isEmpty() && Character.isUpperCase(m.subject().codePointAt(0));
      return Verdict.pass(capital ? 1.0 : 0.8, "imperative: " + word);
    }
    String known = lexicon.isLemma(lemma) ? lemma : lexicon.lemmaOf(word);
    if (known != null) {
      return Verdict.fail("'" + word + "' is a form of '" + known + "', not the imperative");
    }
    return Verdict.fail("'" + word + "' is not an imperative verb");
  }
}
