package dev.lode.curate.secrets;

import dev.lode.code.ChangedFile;
import dev.lode.config.CurateConfig;
import dev.lode.curate.KeptText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds and redacts secrets and personal data in text that leaves bronze: cloud and service keys (AWS, Google,
 * GitHub, GitLab, Slack, Stripe, OpenAI), JSON web tokens, passwords in URLs and in assignments, private key blocks,
 * high-entropy quoted strings, and e-mail addresses.
 *
 * <p>Work is line by line and each match is replaced by {@code [REDACTED:kind]} in place, so that a file's before and
 * after text and its diff, redacted separately, still agree: the diff applies to the redacted before and gives the
 * redacted after. Hex strings (hashes, checksums, UUIDs) stay below the entropy threshold by construction.
 */
public final class SecretScanner implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One secret found: its kind and whether it is a credential (else personal data: an e-mail address). */
  public record Finding(String kind, boolean credential) {}

  /** A pattern for one kind of secret; it runs only on lines containing one of its triggers (lower case). */
  private record Detector(String kind, Pattern pattern, int group, List<String> triggers) {}

  private static final List<Detector> DETECTORS = List.of(
      new Detector("aws_access_key", Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\\b"),
          0, List.of("akia", "asia", "agpa", "aida", "aroa", "aipa", "anpa", "anva")),
      new Detector("aws_secret_key", Pattern.compile(
          "(?i)aws_?secret(?:_?access)?_?key['\"]?\\s*[:=]\\s*['\"]?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"), 1,
          List.of("aws")),
      new Detector("google_api_key", Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{35}(?![0-9A-Za-z_\\-])"), 0,
          List.of("aiza")),
      new Detector("github_token", Pattern.compile(
          "\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\\b"), 0,
          List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")),
      new Detector("gitlab_token", Pattern.compile("\\bglpat-[A-Za-z0-9_\\-]{20,}"), 0, List.of("glpat-")),
      new Detector("slack_token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), 0, List.of("xox")),
      new Detector("slack_webhook", Pattern.compile("https://hooks\\.slack\\.com/services/[A-Za-z0-9/_]+"), 0,
          List.of("hooks.slack.com")),
      new Detector("stripe_key", Pattern.compile("\\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}\\b"), 0,
          List.of("k_live_", "k_test_")),
      new Detector("openai_key", Pattern.compile("\\bsk-(?:proj-)?[A-Za-z0-9_\\-]{32,}"), 0, List.of("sk-")),
      new Detector("jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), 0,
          List.of("eyj")),
      new Detector("url_password", Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@'\"]+:([^\\s:/@'\"]{3,})@"),
          1, List.of("://")));
  /** Words an assignment of a secret names, in lower case: the assignment pattern runs only where one occurs. */
  private static final List<String> ASSIGNMENT_WORDS = List.of("pass", "pwd", "secret", "token", "key", "auth");

  private static final Pattern ASSIGNMENT = Pattern.compile(
      "(?i)\\b[a-z0-9_]*(?:password|passwd|pwd|secret|token|api_?key|apikey|access_?key|auth_?key|client_?secret)"
          + "[a-z0-9_]*['\"]?\\s*[:=]\\s*(['\"])([^'\"\\s]{8,})\\1");
  private static final Pattern QUOTED = Pattern.compile("(['\"])([A-Za-z0-9+/=_\\-]{8,})\\1");
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+)@((?:[A-Za-z0-9-]+\\.)+([A-Za-z]{2,}))\\b");
  private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----");
  private static final Pattern KEY_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----");
  /** Top-level domains that are file extensions: {@code icon@2x.png} is a file name, not an address. */
  private static final Set<String> FILE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "py",
      "js", "ts", "md", "txt", "json", "css", "html", "yaml", "yml", "toml", "cfg", "ini", "rs", "go", "java", "rb");
  private static final Set<String> PLACEHOLDERS = Set.of("changeme", "password", "xxxxxxxx", "example", "dummy",
      "placeholder", "redacted", "secret", "your_", "<", "${", "{{", "***", "...");

  private final int entropyMinLength;
  private final double entropyThreshold;
  private final Set<String> allowedDomains;

  public SecretScanner(int entropyMinLength, double entropyThreshold, List<String> emailAllowedDomains) {
    this.entropyMinLength = entropyMinLength;
    this.entropyThreshold = entropyThreshold;
    this.allowedDomains = emailAllowedDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  public static SecretScanner of(CurateConfig.Secrets config) {
    return new SecretScanner(config.entropyMinLength(), config.entropyThreshold(), config.emailAllowedDomains());
  }

  /** Every secret in {@code text}; {@code diff} says whether lines carry a diff marker (+, -, space) first. */
  public List<Finding> scan(String text, boolean diff) {
    List<Finding> found = new ArrayList<>();
    process(text, diff, found, false);
    return found;
  }

  /** {@code text} with every secret replaced by {@code [REDACTED:kind]}; null stays null. */
  public String redact(String text, boolean diff) {
    return process(text, diff, null, true);
  }

  /** The instruction and every kept file's before, after and diff, redacted consistently. */
  public KeptText redact(KeptText kept) {
    List<ChangedFile> files = new ArrayList<>();
    for (ChangedFile f : kept.files()) {
      files.add(f.toBuilder().texts(redact(f.before(), false), redact(f.after(), false)).diff(redact(f.diff(), true))
          .build());
    }
    return new KeptText(redact(kept.instruction(), false), files);
  }

  /** Shannon entropy of {@code s} in bits per character. */
  public static double entropy(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double h = 0;
    for (int n : counts) {
      if (n > 0) {
        double p = (double) n / s.length();
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    if (other > 0) {
      double p = (double) other / s.length();
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }

  private String process(String text, boolean diff, List<Finding> found, boolean rewrite) {
    if (text == null) {
      return null;
    }
    StringBuilder out = rewrite ? new StringBuilder(text.length()) : null;
    boolean inKey = false;
    int start = 0;
    while (start <= text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(start, end);
      String marker = "";
      String body = line;
      if (diff && !line.isEmpty() && "+- ".indexOf(line.charAt(0)) >= 0) {
        marker = line.substring(0, 1);
        body = line.substring(1);
      }
      String result;
      Matcher begin = KEY_BEGIN.matcher(body);
      if (begin.find()) {
        if (found != null) {
          found.add(new Finding("private_key", true));
        }
        inKey = !KEY_END.matcher(body).find(begin.end());
        result = body.substring(0, begin.start()) + "[REDACTED:private_key]";
      } else if (inKey) {
        if (KEY_END.matcher(body).find()) {
          inKey = false;
        }
        int indent = 0;
        while (indent < body.length() && Character.isWhitespace(body.charAt(indent))) {
          indent++;
        }
        result = body.substring(0, indent) + "[REDACTED:private_key]";
      } else {
        result = line(body, found);
      }
      if (rewrite) {
        out.append(marker).append(result);
        if (nl >= 0) {
          out.append('\n');
        }
      }
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return rewrite ? out.toString() : text;
  }

  /** One line with its secrets replaced; findings added to {@code found} when not null. */
  private String line(String line, List<Finding> found) {
    String s = line;
    String lower = line.toLowerCase(Locale.ROOT);
    for (Detector d : DETECTORS) {
      if (containsAny(lower, d.triggers())) {
        s = replace(s, d.pattern(), d.group(), d.kind(), found, null);
      }
    }
    if ((s.indexOf('=') >= 0 || s.indexOf(':') >= 0) && containsAny(lower, ASSIGNMENT_WORDS)) {
      s = replace(s, ASSIGNMENT, 2, "password", found, v -> entropy(v) >= 3.0 && !isPlaceholder(v));
    }
    if (s.indexOf('"') >= 0 || s.indexOf('\'') >= 0) {
      s = replace(s, QUOTED, 2, "high_entropy", found, this::isHighEntropy);
    }
    if (s.indexOf('@') >= 0) {
      Matcher m = EMAIL.matcher(s);
      StringBuilder sb = null;
      int last = 0;
      while (m.find()) {
        String local = m.group(1);
        String domain = m.group(2).toLowerCase(Locale.ROOT);
        String tld = m.group(3).toLowerCase(Locale.ROOT);
        if (local.equals("git") || allowedDomains.contains(domain) || FILE_EXTENSIONS.contains(tld)
            || allowedDomains.stream().anyMatch(a -> domain.endsWith("." + a))) {
          continue;
        }
        if (found != null) {
          found.add(new Finding("email", false));
        }
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(s, last, m.start()).append("[REDACTED:email]");
        last = m.end();
      }
      if (sb != null) {
        s = sb.append(s, last, s.length()).toString();
      }
    }
    return s;
  }

  private static boolean containsAny(String lower, List<String> triggers) {
    for (String t : triggers) {
      if (lower.contains(t)) {
        return true;
      }
    }
    return false;
  }

  private String replace(String s, Pattern p, int group, String kind, List<Finding> found,
      java.util.function.Predicate<String> accept) {
    Matcher m = p.matcher(s);
    StringBuilder sb = null;
    int last = 0;
    while (m.find()) {
      String value = m.group(group);
      if (value.startsWith("[REDACTED:") || (accept != null && !accept.test(value))) {
        continue;
      }
      if (found != null) {
        found.add(new Finding(kind, true));
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(s, last, m.start(group)).append("[REDACTED:").append(kind).append(']');
      last = m.end(group);
    }
    return sb == null ? s : sb.append(s, last, s.length()).toString();
  }

  private boolean isHighEntropy(String v) {
    if (v.length() < entropyMinLength) {
      return false;
    }
    boolean digit = false;
    boolean letter = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      digit |= Character.isDigit(c);
      letter |= Character.isLetter(c);
    }
    return digit && letter && entropy(v) >= entropyThreshold;
  }

  private static boolean isPlaceholder(String v) {
    String lower = v.toLowerCase(Locale.ROOT);
    for (String p : PLACEHOLDERS) {
      if (lower.contains(p)) {
        return true;
      }
    }
    return false;
  }
}
