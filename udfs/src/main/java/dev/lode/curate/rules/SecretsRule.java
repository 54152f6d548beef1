package dev.lode.curate.rules;

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
    return "secrets";
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
      return Verdict.pass(1.0, null);
    }
    String detail = kinds.toString();
    if ((credential && dropCredentials) || (email && dropEmails)) {
      return Verdict.fail("found " + detail);
    }
    return Verdict.pass(0.5, "redacted " + detail);
  }

  private List<SecretScanner.Finding> findings(KeptText kept) {
    List<SecretScanner.Finding> all = new java.util.ArrayList<>(scanner.scan(kept.instruction(), false));
    for (KeptText.FileText f : kept.files()) {
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
