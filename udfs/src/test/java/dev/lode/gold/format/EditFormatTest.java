package dev.lode.gold.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.code.ChangedFile;
import dev.lode.gold.Commit;
import dev.lode.gold.Rejections;
import dev.lode.gold.generate.RealExamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditFormatTest {
  @TempDir Path dir;

  private static String numbered(int n, int changedAt, String change) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sb.append(i == changedAt ? change : "    line(" + (i % 7) + ")  # " + i).append('\n');
    }
    return sb.toString();
  }

  @Test
  void everyFormatRebuildsTheCodeAfterTheChange() {
    String before = numbered(60, 30, "    x = 1");
    String after = numbered(60, 30, "    x = 2").replace("    line(3)  # 45\n", "") + "tail()";
    FileEdit e = FileEdit.whole(ChangedFile.of("a/b.py", "MODIFY").language("python").texts(before, after)
        .build());
    for (EditFormat f : EditFormat.values()) {
      assertNull(f.verify(List.of(e), f.render(List.of(e))), f.id());
    }
  }

  @Test
  void unifiedDiffsApplyWithGitApply() throws Exception {
    String before = numbered(200, 120, "    if x < 3:");
    String after = numbered(200, 120, "    if x <= 3:").replace("    line(0)  # 7\n", "");
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve("src"));
    Files.writeString(repo.resolve("src/m.py"), before);
    // A windowed edit: the diff's hunk numbers are those of the whole file, so git applies it to the real file.
    List<FileEdit> window = ChangeWindow.around(List.of(ChangedFile.of("src/m.py", "MODIFY").language("python")
        .texts(before, after).build()), 5);
    assertTrue(window.get(0).windowed());
    String diff = UnifiedDiff.render(window);
    Files.writeString(dir.resolve("p.diff"), diff);
    run(repo, "git", "init", "-q");
    run(repo, "git", "apply", "--whitespace=nowarn", dir.resolve("p.diff").toString());
    assertEquals(after, Files.readString(repo.resolve("src/m.py")));
  }

  @Test
  void filesWithoutAFinalNewlineAndEmptyNewFilesStillRender() {
    ChangedFile noNewline = ChangedFile.of("pyproject.toml", "MODIFY").language("toml")
        .texts("[tool]\nline-length = 79", "[tool]\nline-length = 88\n").build();
    ChangedFile empty = ChangedFile.of("src/pkg/py.typed", "ADD").texts(null, "").build();
    List<FileEdit> edits = List.of(FileEdit.whole(noNewline), FileEdit.whole(empty));
    for (EditFormat f : EditFormat.values()) {
      assertNull(f.verify(edits, f.render(edits)), f.id());
    }
  }

  @Test
  void searchBlocksAreUniqueInTheWholeFile() {
    String before = "a()\nb()\na()\nc()\n";
    String after = "a()\nb()\na()\nd()\nc()\n";
    FileEdit e = FileEdit.whole(ChangedFile.of("f.py", "MODIFY").language("python").texts(before, after)
        .build());
    List<SearchReplace.Block> blocks = SearchReplace.blocks(e);
    assertEquals(1, blocks.size());
    String search = blocks.get(0).search();
    assertEquals(before.indexOf(search), before.lastIndexOf(search), "SEARCH occurs once: " + search);
    assertEquals(after, SearchReplace.apply(before, SearchReplace.parse(SearchReplace.render(List.of(e))), "f.py"));
  }

  @Test
  void longFilesAreWindowedToTheBudgetAroundTheChange() {
    String before = numbered(3000, 1500, "    y = compute(a, b)");
    String after = numbered(3000, 1500, "    y = compute(b, a)");
    Commit c = new Commit("r", "s", "p", "python", "Swap the arguments", List.of(ChangedFile.of("big.py", "MODIFY")
        .language("python").texts(before, after).build()), List.of(), List.of("big.py"), 1.0, null);
    Rejections rejections = new Rejections();
    List<RealExamples.Rendered> real = RealExamples.render(c, List.of(EditFormat.values()), 40, 1024, rejections);
    assertEquals(3, real.size(), "" + rejections.counts());
    for (RealExamples.Rendered r : real) {
      assertTrue(r.example().tokens() <= 1024, r.format() + " " + r.example().tokens());
      assertTrue(r.example().prompt().get(1).content().contains("(lines "), "the prompt says which lines it shows");
      assertTrue(r.edits().get(0).before().contains("compute(a, b)"));
    }
    assertTrue(RealExamples.render(c, List.of(EditFormat.WHOLE_FILE), 40, 60, rejections).isEmpty());
    assertEquals(1, rejections.counts().get("real.over_token_budget"));
  }

  @Test
  void tokenEstimatesGrowWithTextAndCountCodeDenserThanProse() {
    assertEquals(0, TokenEstimator.estimate(""));
    int prose = TokenEstimator.estimate("The quick brown fox jumps over the lazy dog.");
    assertTrue(prose >= 9 && prose <= 12, "prose " + prose);
    int code = TokenEstimator.estimate("if (x[i] >= 0) { y += f(x[i], 1); }");
    assertTrue(code >= 14, "code " + code);
  }

  private static void run(Path cwd, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
  }
}
