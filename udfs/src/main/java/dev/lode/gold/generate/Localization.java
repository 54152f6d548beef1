package dev.lode.gold.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    return Plan.of(commit, symbols).json();
  }

  /**
   * A localization answer: the files to edit, each with the functions or classes in it that change (empty when the
   * prompt asks for files only), and the files to create. {@link #json} writes it as gold's completions hold it,
   * {@link #parse} reads it back.
   */
  public record Plan(List<Target> edit, List<String> create) {
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A file to edit and the symbols in it. */
    public record Target(String path, List<String> symbols) {
      public Target {
        symbols = List.copyOf(symbols);
      }
    }

    public Plan {
      edit = List.copyOf(edit);
      create = List.copyOf(create);
    }

    /** The commit's plan, from its diff: files added are created, the others edited. */
    static Plan of(Commit commit, boolean symbols) {
      List<Target> edit = new ArrayList<>();
      List<String> create = new ArrayList<>();
      for (ChangedFile f : commit.files()) {
        if (f.isAdd()) {
          create.add(f.path());
        } else {
          edit.add(new Target(f.path(), symbols ? f.changedMethods() : List.of()));
        }
      }
      return new Plan(edit, create);
    }

    /** {@code {"edit": [{"path": …, "symbols": […]}], "create": [path, …]}}, on one line. */
    public String json() {
      StringBuilder sb = new StringBuilder("{\"edit\": [");
      for (int i = 0; i < edit.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append("{\"path\": ").append(Localization.json(edit.get(i).path()))
            .append(", \"symbols\": [");
        List<String> names = edit.get(i).symbols();
        for (int k = 0; k < names.size(); k++) {
          sb.append(k == 0 ? "" : ", ").append(Localization.json(names.get(k)));
        }
        sb.append("]}");
      }
      sb.append("], \"create\": [");
      for (int i = 0; i < create.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(Localization.json(create.get(i)));
      }
      return sb.append("]}").toString();
    }

    /**
     * Reads a plan written as {@link #json} writes it (any JSON layout): an object with exactly the arrays
     * {@code edit} (objects with exactly a string {@code path} and an array of strings {@code symbols}) and
     * {@code create} (strings), and nothing after it.
     *
     * @throws IllegalArgumentException when the text is not such a plan
     */
    public static Plan parse(String text) {
      JsonNode root;
      try {
        root = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
      }
      if (root == null || !root.isObject() || !fields(root).equals(List.of("create", "edit"))) {
        throw new IllegalArgumentException("a plan is an object with exactly the fields edit and create");
      }
      List<Target> edit = new ArrayList<>();
      for (JsonNode t : array(root.get("edit"), "edit")) {
        if (!t.isObject() || !fields(t).equals(List.of("path", "symbols")) || !t.get("path").isTextual()) {
          throw new IllegalArgumentException("each edit is an object with exactly a string path and symbols");
        }
        edit.add(new Target(t.get("path").asText(), strings(t.get("symbols"), "symbols")));
      }
      return new Plan(edit, strings(root.get("create"), "create"));
    }

    private static List<String> fields(JsonNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      return names;
    }

    private static JsonNode array(JsonNode node, String field) {
      if (!node.isArray()) {
        throw new IllegalArgumentException(field + " must be an array");
      }
      return node;
    }

    private static List<String> strings(JsonNode node, String field) {
      List<String> out = new ArrayList<>();
      for (JsonNode s : array(node, field)) {
        if (!s.isTextual()) {
          throw new IllegalArgumentException(field + " must hold strings only");
        }
        out.add(s.asText());
      }
      return out;
    }
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
