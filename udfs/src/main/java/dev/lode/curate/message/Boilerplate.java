package dev.lode.curate.message;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subjects that say nothing about their change, from {@code dev/lode/curate/boilerplate.txt}: whole stop subjects
 * ({@code fix}, {@code minor changes}, {@code update readme}) and generic verbs that need more than one word after
 * them ({@code Update README.md}, {@code Fix typo}).
 */
public final class Boilerplate implements Serializable {
  private static final long serialVersionUID = 1L;
  private static volatile Boilerplate standard;

  private final Set<String> stopSubjects;
  private final Set<String> genericVerbs;

  private Boilerplate(Set<String> stopSubjects, Set<String> genericVerbs) {
    this.stopSubjects = stopSubjects;
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
              Set.copyOf(sections.getOrDefault("generic_verbs", Set.of())));
        }
      }
    }
    return standard;
  }

  /** True when the words of a subject, joined by spaces, are a stop subject. */
  public boolean isStopSubject(List<String> words) {
    return stopSubjects.contains(String.join(" ", words));
  }

  public boolean isGenericVerb(String word) {
    return genericVerbs.contains(word);
  }
}
