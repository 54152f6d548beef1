package dev.lode.eval;

import dev.lode.code.ChangedFile;
import dev.lode.gold.Commit;
import dev.lode.gold.Example;
import dev.lode.gold.Rejections;
import dev.lode.gold.format.EditFormat;
import dev.lode.gold.generate.RealExamples;
import java.util.List;

/** Gold examples made by gold's own generators, to evaluate completions against. */
final class EvalFixtures {
  private EvalFixtures() {}

  static final String PATH = "src/ranges.py";

  /** A 60-line Python file; line 30 differs between the versions, and after loses line 45. */
  static String code(boolean after) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 60; i++) {
      if (i == 30) {
        sb.append(after ? "    x = clamp(value, low, high)\n" : "    x = clamp(value, high, low)\n");
      } else if (!(after && i == 45)) {
        sb.append("    step(").append(i % 7).append(")  # line ").append(i).append('\n');
      }
    }
    return sb.toString();
  }

  static Commit commit(List<ChangedFile> files) {
    return new Commit("repo", "a".repeat(40), "b".repeat(40), "python", "Fix the swapped bounds of clamp", files,
        List.of(), files.stream().map(ChangedFile::path).toList(), 0.8,
        List.of(PATH, "src/other.py", "README.md"));
  }

  static Commit commit() {
    return commit(List.of(ChangedFile.of(PATH, ChangedFile.MODIFY).language("python")
        .texts(code(false), code(true)).changedMethods(List.of("clamp")).build()));
  }

  /** The real example of {@code commit} in {@code format}, whole files or windowed to fit {@code budget}. */
  static Example real(Commit commit, EditFormat format, int budget) {
    return RealExamples.render(commit, List.of(format), 3, budget, new Rejections()).get(0).example();
  }

  static GoldCase gold(Example e) {
    return GoldCase.recover(e.task(), e.editFormat(), e.prompt(), e.completion());
  }
}
