package dev.lode.gold.generate;

import dev.lode.code.ChangedFile;
import dev.lode.gold.Check;
import dev.lode.gold.Commit;
import dev.lode.gold.Example;
import dev.lode.gold.Message;
import dev.lode.gold.Rejections;
import dev.lode.gold.Seeds;
import dev.lode.gold.format.Fence;
import dev.lode.gold.format.TokenEstimator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Localization: the commit message and the repository's file tree at the parent commit → the files (and the symbols
 * in them) the commit edits, with the diff as ground truth. A tree too large to list is shown with the directories
 * of the changed files and as many others, chosen at random, listed in full, and the rest folded to a count, so that
 * which directories are open does not give the answer away.
 */
public final class Localization {
  private Localization() {}

  public static final String NAME = "localization";
  public static final String NO_TREE = "no_parent_tree";

  public static List<Example> generate(Commit commit, int maxPaths, int budget, long seed, Rejections rejections) {
    List<Example> out = new ArrayList<>();
    if (commit.parentTree() == null || commit.parentTree().isEmpty()) {
      rejections.add(NAME, NO_TREE);
      return out;
    }
    String tree = tree(commit, maxPaths, Seeds.random(seed, commit.repoId(), commit.sha(), NAME));
    boolean anySymbols = commit.files().stream().anyMatch(f -> !f.changedMethods().isEmpty());
    for (boolean symbols : anySymbols ? new boolean[] {false, true} : new boolean[] {false}) {
      List<Message> prompt = List.of(Message.system(Prompts.LOCALIZER),
          Message.user("Task: " + commit.instruction().strip() + "\n\n"
              + (symbols ? "Name the files and the functions or classes in them to change."
                  : "Name the files to change; leave symbols empty.")
              + "\n\nRepository files:\n" + Fence.block(null, tree)));
      String completion = answer(commit, symbols);
      if (TokenEstimator.chat(prompt, completion) > budget) {
        rejections.add(NAME, RealExamples.OVER_BUDGET);
        continue;
      }
      out.add(new Example(NAME + (symbols ? "/symbols" : "/files"), null, Example.SYNTHETIC, "localize", NAME,
          "none", commit.language(), prompt, completion,
          List.of(Check.passed("ground_truth", "files and symbols from the commit's diff"))));
    }
    return out;
  }

  /** The ground truth as JSON: files edited (with symbols) and files created. */
  static String answer(Commit commit, boolean symbols) {
    StringBuilder edit = new StringBuilder();
    List<String> create = new ArrayList<>();
    for (ChangedFile f : commit.files()) {
      if (f.isAdd()) {
        create.add(f.path());
        continue;
      }
      if (edit.length() > 0) {
        edit.append(", ");
      }
      edit.append("{\"path\": ").append(json(f.path())).append(", \"symbols\": [");
      if (symbols) {
        List<String> names = f.changedMethods();
        for (int i = 0; i < names.size(); i++) {
          edit.append(i == 0 ? "" : ", ").append(json(names.get(i)));
        }
      }
      edit.append("]}");
    }
    StringBuilder created = new StringBuilder();
    for (int i = 0; i < create.size(); i++) {
      created.append(i == 0 ? "" : ", ").append(json(create.get(i)));
    }
    return "{\"edit\": [" + edit + "], \"create\": [" + created + "]}";
  }

  static String tree(Commit commit, int maxPaths, SplittableRandom random) {
    List<String> paths = commit.parentTree();
    if (paths.size() <= maxPaths) {
      return String.join("\n", paths) + "\n";
    }
    Map<String, List<String>> byDir = new TreeMap<>();
    for (String p : paths) {
      byDir.computeIfAbsent(dir(p), d -> new ArrayList<>()).add(p);
    }
    TreeSet<String> open = new TreeSet<>();
    open.add("");
    for (ChangedFile f : commit.files()) {
      open.add(dir(f.path()));
    }
    int shown = open.stream().mapToInt(d -> byDir.getOrDefault(d, List.of()).size()).sum();
    List<String> others = new ArrayList<>(byDir.keySet());
    others.removeAll(open);
    int distractors = open.size(); // as many directories opened at random as hold the answer
    while (distractors-- > 0 && !others.isEmpty()) {
      String d = others.remove(random.nextInt(others.size()));
      if (shown + byDir.get(d).size() > maxPaths * 2) {
        continue;
      }
      open.add(d);
      shown += byDir.get(d).size();
    }
    Map<String, Integer> folded = new LinkedHashMap<>();
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<String>> e : byDir.entrySet()) {
      if (open.contains(e.getKey())) {
        for (String p : e.getValue()) {
          sb.append(p).append('\n');
        }
      } else {
        folded.merge(e.getKey(), e.getValue().size(), Integer::sum);
      }
    }
    for (Map.Entry<String, Integer> e : folded.entrySet()) {
      sb.append(e.getKey()).append("/ (").append(e.getValue()).append(" files)\n");
    }
    return sb.toString();
  }

  private static String dir(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
