package dev.lode.curate;

import dev.lode.config.CurateConfig;
import dev.lode.curate.message.Boilerplate;
import dev.lode.curate.message.EnglishDetector;
import dev.lode.curate.message.VerbLexicon;
import dev.lode.curate.rules.BotAuthorRule;
import dev.lode.curate.rules.ChangelogOnlyRule;
import dev.lode.curate.rules.DescriptiveSubjectRule;
import dev.lode.curate.rules.DiffSizeRule;
import dev.lode.curate.rules.EnglishMessageRule;
import dev.lode.curate.rules.GeneratedOnlyRule;
import dev.lode.curate.rules.ImperativeSubjectRule;
import dev.lode.curate.rules.LanguageRule;
import dev.lode.curate.rules.LicenseRule;
import dev.lode.curate.rules.MergeCommitRule;
import dev.lode.curate.rules.ReleaseRule;
import dev.lode.curate.rules.RevertRule;
import dev.lode.curate.rules.SecretsRule;
import dev.lode.curate.rules.TestEvidenceRule;
import dev.lode.curate.rules.VersionBumpRule;
import dev.lode.curate.rules.WorkInProgressRule;
import dev.lode.curate.secrets.SecretScanner;
import dev.lode.dedup.DuplicateClusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The curation pipeline's rules, in order, built from {@code curate:} settings. Three kinds, cheapest first:
 * commit rules see metadata and file lists and run on every commit; message rules see the NLP features and run
 * only on commits every commit rule passed; the content rule sees the text an example would keep and runs last.
 * Deduplication follows as two more funnel steps, {@link #DEDUP_EXACT} and {@link #DEDUP_NEAR}.
 */
public final class CurationRules {
  public static final String DEDUP_EXACT = DuplicateClusters.DEDUP_EXACT;
  public static final String DEDUP_NEAR = DuplicateClusters.DEDUP_NEAR;

  /**
   * Every rule's name, in funnel order: the names {@code curate.disabled_rules} may list ({@link DisabledRulesCheck}).
   * The constructor builds the rules in this order.
   */
  public static final List<String> RULES = List.of(
      MergeCommitRule.NAME,
      RevertRule.NAME,
      BotAuthorRule.NAME,
      WorkInProgressRule.NAME,
      VersionBumpRule.NAME,
      ReleaseRule.NAME,
      ChangelogOnlyRule.NAME,
      GeneratedOnlyRule.NAME,
      LanguageRule.NAME,
      DiffSizeRule.NAME,
      TestEvidenceRule.NAME,
      LicenseRule.NAME,
      ImperativeSubjectRule.NAME,
      DescriptiveSubjectRule.NAME,
      EnglishMessageRule.NAME,
      SecretsRule.NAME);

  private final RuleChain<CommitFacts> commitRules;
  private final RuleChain<MessageFeatures> messageRules;
  private final RuleChain<KeptText> contentRules;

  public CurationRules(CurateConfig config) {
    FileRoles roles = FileRoles.of(config);
    List<String> off = config.disabledRules();
    this.commitRules = new RuleChain<>(enabled(off, List.of(
        new MergeCommitRule(),
        new RevertRule(),
        new BotAuthorRule(config.botAuthors()),
        new WorkInProgressRule(),
        new VersionBumpRule(),
        new ReleaseRule(),
        new ChangelogOnlyRule(roles),
        new GeneratedOnlyRule(roles),
        new LanguageRule(roles, config.languages()),
        new DiffSizeRule(roles, config.diff()),
        new TestEvidenceRule(roles, config.tests().evidence()),
        new LicenseRule(config.license().allowed(), config.license().unknown()))));
    this.messageRules = new RuleChain<>(enabled(off, List.of(
        new ImperativeSubjectRule(VerbLexicon.standard()),
        new DescriptiveSubjectRule(config.message(), Boilerplate.standard()),
        new EnglishMessageRule(EnglishDetector.standard(), config.message().maxNonLatinShare()))));
    this.contentRules = new RuleChain<>(enabled(off, List.of(
        new SecretsRule(SecretScanner.of(config.secrets()), config.secrets()))));
  }

  public RuleChain<CommitFacts> commitRules() {
    return commitRules;
  }

  public RuleChain<MessageFeatures> messageRules() {
    return messageRules;
  }

  public RuleChain<KeptText> contentRules() {
    return contentRules;
  }

  /** Every funnel step in order: the enabled rules, then the two deduplication steps. */
  public List<String> steps() {
    List<String> steps = new ArrayList<>(commitRules.names());
    steps.addAll(messageRules.names());
    steps.addAll(contentRules.names());
    steps.add(DEDUP_EXACT);
    steps.add(DEDUP_NEAR);
    return steps;
  }

  private static <T> List<Rule<T>> enabled(List<String> off, List<Rule<T>> rules) {
    return rules.stream().filter(r -> !off.contains(r.name())).toList();
  }
}
