package dev.lode.gold.generate;

import dev.lode.code.ChangedFile;
import dev.lode.gold.Check;
import dev.lode.gold.Commit;
import dev.lode.gold.Example;
import dev.lode.gold.Message;
import dev.lode.gold.Rejections;
import dev.lode.gold.format.ChangeWindow;
import dev.lode.gold.format.EditFormat;
import dev.lode.gold.format.Fence;
import dev.lode.gold.format.FileEdit;
import dev.lode.gold.format.TokenEstimator;
import dev.lode.gold.format.UnifiedDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * TestWriter, the dual role of BugFixer: given the commit's source change, write its test change. Only for commits
 * that change both sources and tests; one candidate per edit format.
 */
public final class TestWriter {
  private TestWriter() {}

  public static final String NAME = "test_writer";

  public static List<Example> generate(Commit commit, List<EditFormat> formats, int contextLines, int budget,
      Rejections rejections) {
    List<Example> out = new ArrayList<>();
    List<ChangedFile> tests = commit.tests();
    List<ChangedFile> sources = commit.sources();
    if (tests.isEmpty() || sources.isEmpty()) {
      return out; // nothing to pair: not a refusal
    }
    if (tests.stream().anyMatch(f -> !f.hasContent()) || sources.stream().anyMatch(f -> !f.hasContent())) {
      rejections.add(NAME, RealExamples.NO_CONTENT);
      return out;
    }
    // The source change as a diff with a little context; shrunk to no context if that is what fits.
    String sourceDiff = UnifiedDiff.render(ChangeWindow.around(sources, 3));
    if (TokenEstimator.estimate(sourceDiff) > budget / 2) {
      sourceDiff = UnifiedDiff.render(ChangeWindow.around(sources, 0));
    }
    for (EditFormat format : formats) {
      String diff = sourceDiff;
      List<FileEdit> edits = ChangeWindow.fit(tests, contextLines, budget,
          e -> TokenEstimator.chat(prompt(commit, diff, format, e), format.render(e)));
      if (edits == null) {
        rejections.add(NAME, RealExamples.OVER_BUDGET);
        continue;
      }
      String completion = format.render(edits);
      if (format.verify(edits, completion) != null) {
        rejections.add(NAME, RealExamples.NOT_APPLICABLE);
        continue;
      }
      out.add(new Example(NAME + "/" + format.id(), null, Example.SYNTHETIC, "testgen", NAME, format.id(),
          commit.language(), prompt(commit, diff, format, edits), completion,
          List.of(Check.passed("applies", format.id() + " completion rebuilds the commit's tests"))));
    }
    return out;
  }

  static List<Message> prompt(Commit commit, String sourceDiff, EditFormat format, List<FileEdit> tests) {
    return List.of(Message.system(Prompts.TEST_WRITER + format.instructions()),
        Message.user("The change: " + commit.instruction().strip() + "\n\nSource diff:\n" + Fence.block("diff",
            sourceDiff) + "\nTest files:" + Prompts.files(tests, false) + Prompts.created(tests)));
  }
}
