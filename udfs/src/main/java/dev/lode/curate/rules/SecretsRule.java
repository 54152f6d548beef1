package dev.lode.curate.rules;

import dev.lode.code.ChangedFile;
import dev.lode.config.CurateConfig;
import dev.lode.curate.KeptText;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;
import dev.lode.curate.secrets.SecretScanner;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps secrets and personal data out of silver. Credentials (keys, tokens, private keys, high-entropy strings) and
 * e-mail addresses found in the instruction or the kept code either fail the commit or pass it to be redacted, by
 * {@code curate.secrets.credentials} and {@code curate.secrets.emails}. The detail counts findings by kind; it
 * never repeats a secret. Score 1 with nothing found, 0.5 when something is redacted.
 */
public final class SecretsRule implements Rule<KeptText> {
  public static final String NAME = "secrets";

  /** What the policy does with the kept text, the verdict's finding. */
  public enum Finding {
    /** Nothing found: the text is kept as it is. */
    NONE,
    /** Found, of kinds the policy redacts: the commit passes and its text must be redacted. */
    REDACT,
    /** Found, of a kind the policy drops: the commit fails. */
    DROP
  }

  private final SecretScanner scanner;
  private final boolean dropCredentials;
  private final boolean dropEmails;

  public SecretsRule(SecretScanner scanner, CurateConfig.Secrets policy) {
    this.scanner = scanner;
    this.dropCredentials = "drop".equals(policy.credentials());
    this.dropEmails = "drop".equals(policy.emails());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(KeptText kept) {
    Map<String, Integer> kinds = new TreeMap<>();
    boolean credential = false;
    boolean email = false;
    // The diff repeats lines of before and after, so it is not counted again.
    for (SecretScanner.Finding f : findings(kept)) {
      kinds.merge(f.kind(), 1, Integer::sum);
      credential |= f.credential();
      email |= !f.credential();
    }
    if (kinds.isEmpty()) {
      return Verdict.pass(1.0, null).with(Finding.NONE);
    }
    String detail = kinds.toString();
    if ((credential && dropCredentials) || (email && dropEmails)) {
      return Verdict.fail("found " + detail).with(Finding.DROP);
    }
    return Verdict.pass(0.5, "redacted " + detail).with(Finding.REDACT);
  }

  private List<SecretScanner.Finding> findings(KeptText kept) {
    List<SecretScanner.Finding> all = new java.util.ArrayList<>(scanner.scan(kept.instruction(), false));
    for (ChangedFile f : kept.files()) {
      if (f.before() == null && f.after() == null) {
        all.addAll(scanner.scan(f.diff(), true)); // contents left out for size: the diff is all that is kept
      } else {
        all.addAll(scanner.scan(f.before(), false));
        all.addAll(scanner.scan(f.after(), false));
      }
    }
    return all;
  }
}
