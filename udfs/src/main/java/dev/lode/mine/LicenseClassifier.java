package dev.lode.mine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SPDX id of a license text (a repository's LICENSE or COPYING file), recognised by the phrases that define
 * each license rather than by exact text, so that reflowed lines, Markdown and a filled-in copyright line do not
 * matter. An {@code SPDX-License-Identifier:} line wins. Unknown or custom texts give empty.
 */
public final class LicenseClassifier {
  private LicenseClassifier() {}

  private static final Pattern SPDX_TAG = Pattern.compile("SPDX-License-Identifier:\\s*([A-Za-z0-9.+-]+)");

  /** How far into a text its title is looked for: a title further down is a reference to another license. */
  private static final int TITLE_WINDOW = 1000;

  /**
   * One license: its id, a title that must open the text (within {@link #TITLE_WINDOW} characters), phrases that
   * must occur anywhere and phrases that must not. Earlier rules win: titles first (the GPL's text names the LGPL
   * and the AGPL, the MPL's names all three), then the defining sentences of the permissive licenses.
   */
  private record Rule(String spdx, String title, List<String> phrases, List<String> absent) {
    boolean matches(String text) {
      if (title != null && !text.substring(0, Math.min(text.length(), TITLE_WINDOW + title.length())).contains(title)) {
        return false;
      }
      for (String p : phrases) {
        if (!text.contains(p)) {
          return false;
        }
      }
      for (String p : absent) {
        if (text.contains(p)) {
          return false;
        }
      }
      return true;
    }
  }

  private static Rule titled(String spdx, String title) {
    return new Rule(spdx, title, List.of(), List.of());
  }

  private static Rule rule(String spdx, String... phrases) {
    return new Rule(spdx, null, List.of(phrases), List.of());
  }

  private static final String BSD_REDISTRIBUTION = "redistribution and use in source and binary forms";
  private static final String BSD_ENDORSE = "endorse or promote products derived from this software";
  private static final String ISC_GRANT = "distribute this software for any purpose with or without fee is hereby granted";

  private static final List<Rule> RULES = List.of(
      titled("AGPL-3.0", "gnu affero general public license version 3"),
      titled("LGPL-3.0", "gnu lesser general public license version 3"),
      titled("LGPL-2.1", "gnu lesser general public license version 2.1"),
      titled("LGPL-2.0", "gnu library general public license version 2"),
      titled("GPL-3.0", "gnu general public license version 3"),
      titled("GPL-2.0", "gnu general public license version 2"),
      titled("MPL-2.0", "mozilla public license version 2.0"),
      titled("MPL-2.0", "mozilla public license, version 2.0"),
      titled("Apache-2.0", "apache license version 2.0"),
      titled("Apache-2.0", "apache license, version 2.0"),
      titled("BSL-1.0", "boost software license - version 1.0"),
      rule("Unlicense", "this is free and unencumbered software released into the public domain"),
      rule("CC0-1.0", "cc0 1.0 universal"),
      rule("MIT", "permission is hereby granted, free of charge, to any person obtaining a copy",
          "the above copyright notice and this permission notice shall be included"),
      rule("ISC", ISC_GRANT, "provided that the above copyright notice and this permission notice appear in all copies"),
      rule("0BSD", ISC_GRANT),
      new Rule("BSD-3-Clause", null, List.of(BSD_REDISTRIBUTION, BSD_ENDORSE), List.of("all advertising materials")),
      rule("BSD-4-Clause", BSD_REDISTRIBUTION, "all advertising materials"),
      rule("BSD-2-Clause", BSD_REDISTRIBUTION, "this list of conditions and the following disclaimer"),
      // Short notices that point at a license instead of carrying its text.
      rule("Apache-2.0", "licensed under the apache license, version 2.0"),
      rule("LGPL-3.0", "gnu lesser general public license", "either version 3"),
      rule("LGPL-2.1", "gnu lesser general public license", "either version 2.1"),
      rule("GPL-3.0", "gnu general public license", "either version 3"),
      rule("GPL-2.0", "gnu general public license", "either version 2"));

  /** Names of files a repository's license is looked for in, at the root, compared ignoring case. */
  public static boolean isLicenseFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    int dot = n.indexOf('.');
    String base = dot < 0 ? n : n.substring(0, dot);
    String ext = dot < 0 ? "" : n.substring(dot + 1);
    boolean baseOk = base.equals("license") || base.equals("licence") || base.equals("copying")
        || base.equals("license-mit") || base.equals("unlicense");
    return baseOk && (ext.isEmpty() || ext.equals("md") || ext.equals("txt") || ext.equals("rst"));
  }

  /** The SPDX id of {@code text}, if recognised. */
  public static Optional<String> classify(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Matcher tag = SPDX_TAG.matcher(text);
    if (tag.find()) {
      return Optional.of(tag.group(1));
    }
    String normalized = normalize(text);
    for (Rule r : RULES) {
      if (r.matches(normalized)) {
        return Optional.of(r.spdx());
      }
    }
    return Optional.empty();
  }

  /** Lower case, Markdown emphasis and quotes dropped, every run of whitespace one space. */
  static String normalize(String text) {
    String t = text.toLowerCase(Locale.ROOT)
        .replace('\u201c', '"').replace('\u201d', '"').replace('\u2019', '\'')
        .replaceAll("[*_#>`\"]", " ")
        .replaceAll("\\s+", " ");
    return t.replace(" ,", ",").replace(" .", ".");
  }
}
