package dev.lode.curate.message;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subjects that say nothing about their change, from {@code dev/lode/curate/boilerplate.txt}: whole stop subjects
 * ({@code fix}, {@code minor changes}, {@code update readme}), tool-made prefixes ({@code merge branch …}) and
 * generic verbs that need more than one word after
 * them ({@code Update README.md}, {@code Fix typo}).
 */
public final class Boilerplate implements Serializable {
  private static final long serialVersionUID = 1L;
  private static volatile Boilerplate standard;

  private final Set<String> stopSubjects;
  private final Set<String> stopPrefixes;
  private final Set<String> genericVerbs;

  private Boilerplate(Set<String> stopSubjects, Set<String> stopPrefixes, Set<String> genericVerbs) {
    this.stopSubjects = stopSubjects;
    this.stopPrefixes = stopPrefixes;
    this.genericVerbs = genericVerbs;
  }

  public static Boilerplate standard() {
    if (standard == null) {
      synchronized (Boilerplate.class) {
        if (standard == null) {
          Map<String, Set<String>> sections = new HashMap<>();
          String section = null;
          for (String line : Lexicons.lines("boilerplate.txt")) {
            if (line.startsWith("[") && line.endsWith("]")) {
              section = line.substring(1, line.length() - 1);
            } else if (section == null) {
              throw new IllegalStateException("boilerplate.txt: a word before any [section]: " + line);
            } else {
              sections.computeIfAbsent(section, s -> new HashSet<>()).add(line);
            }
          }
          standard = new Boilerplate(Set.copyOf(sections.getOrDefault("stop_subjects", Set.of())),
              Set.copyOf(sections.getOrDefault("stop_prefixes", Set.of())),
              Set.copyOf(sections.getOrDefault("generic_verbs", Set.of())));
        }
      }
    }
    return standard;
  }

  /** True when the words of a subject, joined by spaces, are a stop subject or start with a stop prefix. */
  public boolean isStopSubject(List<String> words) {
    String joined = String.join(" ", words);
    if (stopSubjects.contains(joined)) {
      return true;
    }
    for (String prefix : stopPrefixes) {
      if (joined.equals(prefix) || joined.startsWith(prefix + " ")) {
        return true;
      }
    }
    return false;
  }

  public boolean isGenericVerb(String word) {
    return genericVerbs.contains(word);
  }
}
