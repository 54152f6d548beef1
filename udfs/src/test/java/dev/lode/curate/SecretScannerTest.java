package dev.lode.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.code.ChangedFile;
import dev.lode.config.CurateConfig;
import dev.lode.curate.rules.SecretsRule;
import dev.lode.curate.secrets.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretScannerTest {
  static final CurateConfig CONFIG = Fixtures.config();
  static final SecretScanner SCANNER = SecretScanner.of(CONFIG.secrets());

  // Built from pieces so that no scanner of this repository flags the test itself.
  static final String AWS_ID = "AKIA" + "IOSFODNN7" + "EXAMPLQ";
  static final String GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  static final String SLACK = "xoxb-" + "1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";
  static final String RANDOM = "q8Zr4Kp2Lm9Xv7Tn3Bw6Hs1Jd5Fg0Yc";

  static List<String> kinds(String text) {
    return SCANNER.scan(text, false).stream().map(SecretScanner.Finding::kind).toList();
  }

  @Test
  void cloudKeysTokensAndPasswordsAreFound() {
    assertEquals(List.of("aws_access_key"), kinds("AWS_ACCESS_KEY_ID = '" + AWS_ID + "'"));
    assertEquals(List.of("github_token"), kinds("token = os.environ.get('GH', '" + GITHUB + "')").subList(0, 1));
    assertEquals(List.of("slack_token"), kinds("SLACK = \"" + SLACK + "\"").subList(0, 1));
    assertEquals(List.of("url_password"), kinds("DB = 'postgres://app:s3cr3tPassw0rd@db.internal:5432/app'"));
    assertEquals(List.of("password"), kinds("client_secret = \"Zx81-kq02-LmP9\""));
    assertEquals(List.of("high_entropy"), kinds("SIGNING = '" + RANDOM + "'"));
  }

  @Test
  void hashesPlaceholdersAndOrdinaryStringsAreNotSecrets() {
    assertEquals(List.of(), kinds("EXPECTED = '3b18e512dba79e4c8300dd08aeb37f8e728b8dad'"));
    assertEquals(List.of(), kinds("ID = '123e4567-e89b-12d3-a456-426614174000'"));
    assertEquals(List.of(), kinds("password = 'changeme'"));
    assertEquals(List.of(), kinds("msg = 'must be in options'"));
    assertEquals(List.of(), kinds("git clone git@github.com:python-attrs/attrs.git"));
    assertEquals(List.of(), kinds("![logo](img/logo@2x.png) and docs@example.com"));
  }

  @Test
  void emailsAreFoundAndRedactedAsPersonalData() {
    String line = "__author__ = 'Hynek Schlawack <hs@ox.cx>'";
    assertEquals(List.of("email"), kinds(line));
    assertEquals("__author__ = 'Hynek Schlawack <[REDACTED:email]>'", SCANNER.redact(line, false));
  }

  @Test
  void privateKeyBlocksAreRedactedLineByLine() {
    String pem = "KEY = \"\"\"\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\nq0VpS1fZ\n"
        + "-----END RSA PRIVATE KEY-----\n\"\"\"\nother = 1\n";
    assertEquals("KEY = \"\"\"\n[REDACTED:private_key]\n[REDACTED:private_key]\n[REDACTED:private_key]\n"
        + "[REDACTED:private_key]\n\"\"\"\nother = 1\n", SCANNER.redact(pem, false));
    assertEquals(List.of("private_key"), kinds(pem));
  }

  @Test
  void redactedBeforeAfterAndDiffStillAgree() {
    String before = "def connect():\n    return client('" + AWS_ID + "')\n";
    String after = "def connect(region):\n    return client('" + AWS_ID + "', region)\n";
    String diff = "@@ -1,2 +1,2 @@\n-def connect():\n-    return client('" + AWS_ID + "')\n"
        + "+def connect(region):\n+    return client('" + AWS_ID + "', region)\n";
    KeptText kept = SCANNER.redact(new KeptText("Pass the region to connect",
        List.of(ChangedFile.of("src/app.py", ChangedFile.MODIFY).texts(before, after).diff(diff).build())));
    ChangedFile f = kept.files().get(0);
    assertFalse(f.after().contains(AWS_ID) || f.before().contains(AWS_ID) || f.diff().contains(AWS_ID));
    assertEquals(applyAdded(f.diff()), linesOf(f.after()));
    assertEquals(applyRemoved(f.diff()), linesOf(f.before()));
  }

  @Test
  void theRuleRedactsOrDropsByPolicyAndNeverRepeatsTheSecret() {
    KeptText kept = new KeptText("Add S3 upload", List.of(ChangedFile.of("src/s3.py", ChangedFile.ADD)
        .texts(null, "KEY = '" + AWS_ID + "'\nOWNER = 'ops@acme.io'\n").build()));
    Verdict redact = new SecretsRule(SCANNER, CONFIG.secrets()).judge(kept);
    assertTrue(redact.passed());
    assertEquals("redacted {aws_access_key=1, email=1}", redact.detail());
    CurateConfig strict = Fixtures.config("curate.secrets.credentials=drop");
    Verdict drop = new SecretsRule(SCANNER, strict.secrets()).judge(kept);
    assertFalse(drop.passed());
    assertFalse(drop.detail().contains(AWS_ID));
    CurateConfig noEmails = Fixtures.config("curate.secrets.emails=drop");
    KeptText emailOnly = new KeptText("Credit ops@acme.io", List.of());
    assertFalse(new SecretsRule(SCANNER, noEmails.secrets()).judge(emailOnly).passed());
    assertTrue(new SecretsRule(SCANNER, strict.secrets()).judge(emailOnly).passed());
  }

  private static List<String> linesOf(String text) {
    return List.of(text.split("\n"));
  }

  private static List<String> applyAdded(String diff) {
    List<String> out = new ArrayList<>();
    for (String l : diff.split("\n")) {
      if (l.startsWith("+")) {
        out.add(l.substring(1));
      }
    }
    return out;
  }

  private static List<String> applyRemoved(String diff) {
    List<String> out = new ArrayList<>();
    for (String l : diff.split("\n")) {
      if (l.startsWith("-")) {
        out.add(l.substring(1));
      }
    }
    return out;
  }
}
