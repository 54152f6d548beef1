package dev.lode.jobs.train;

import dev.lode.code.Languages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programming language a prompt is about, for {@code lode generate --auto}: the language of the first file name
 * in it (by {@link Languages}, as bronze.file_changes.language), else the language whose telltale syntax it shows
 * most, else null.
 */
public final class PromptLanguage {
  private static final Pattern FILE = Pattern.compile("[\\w./-]+\\.[A-Za-z0-9]{1,6}\\b");

  private static final Map<String, Pattern> SYNTAX = new LinkedHashMap<>();

  static {
    SYNTAX.put("python", Pattern.compile("(?m)^\\s*(def \\w+\\(.*\\)\\s*(->.*)?:|import \\w+|from [\\w.]+ import |"
        + "class \\w+(\\(.*\\))?:)"));
    SYNTAX.put("java", Pattern.compile("\\b(public|private|protected) (static )?(final )?(class|void|[A-Z]\\w*) \\w+"));
    SYNTAX.put("javascript", Pattern.compile("\\b(function \\w*\\(|const \\w+ = |=> \\{|require\\(|module\\.exports)"));
    SYNTAX.put("go", Pattern.compile("(?m)^(func \\w+|package \\w+$)|:= "));
    SYNTAX.put("rust", Pattern.compile("\\b(fn \\w+\\(|let mut |impl \\w+|pub fn )"));
  }

  private PromptLanguage() {}

  public static String detect(String prompt) {
    Matcher m = FILE.matcher(prompt);
    while (m.find()) {
      String lang = Languages.of(m.group());
      if (lang != null && Languages.isProgrammingLanguage(lang)) {
        return lang;
      }
    }
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Pattern> e : SYNTAX.entrySet()) {
      Matcher s = e.getValue().matcher(prompt);
      int n = 0;
      while (s.find()) {
        n++;
      }
      if (n > bestCount) {
        best = e.getKey();
        bestCount = n;
      }
    }
    return best;
  }
}
