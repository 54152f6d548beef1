package dev.lode.gold.generate;

import dev.lode.gold.Check;
import dev.lode.gold.Commit;
import dev.lode.gold.Example;
import dev.lode.gold.Message;
import dev.lode.gold.Rejections;
import dev.lode.gold.format.ChangeWindow;
import dev.lode.gold.format.EditFormat;
import dev.lode.gold.format.FileEdit;
import dev.lode.gold.format.TokenEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * The real examples of a commit: its instruction and the touched code before the change, and the change as the
 * assistant should write it, once per configured edit format. Long files are windowed around the change to fit the
 * token budget; a format whose completion does not rebuild the after text is refused (it would teach a wrong edit).
 */
public final class RealExamples {
  private RealExamples() {}

  public static final String GENERATOR = "real";
  public static final String OVER_BUDGET = "over_token_budget";
  public static final String NOT_APPLICABLE = "does_not_apply";
  public static final String NO_CONTENT = "content_missing";

  /** A real example and the windows it shows, for the pairs and variants made from it. */
  public record Rendered(Example example, EditFormat format, List<FileEdit> edits) {}

  public static List<Rendered> render(Commit commit, List<EditFormat> formats, int contextLines, int budget,
      Rejections rejections) {
    List<Rendered> out = new ArrayList<>();
    if (commit.files().isEmpty() || commit.files().stream().anyMatch(f -> !f.hasContent())) {
      rejections.add(GENERATOR, NO_CONTENT);
      return out;
    }
    for (EditFormat format : formats) {
      List<FileEdit> edits = ChangeWindow.fit(commit.files(), contextLines, budget,
          e -> TokenEstimator.chat(prompt(commit, format, e), format.render(e)));
      if (edits == null) {
        rejections.add(GENERATOR, OVER_BUDGET);
        continue;
      }
      String completion = format.render(edits);
      String problem = format.verify(edits, completion);
      if (problem != null) {
        rejections.add(GENERATOR, NOT_APPLICABLE);
        continue;
      }
      List<Check> checks = List.of(Check.passed("applies", format.id() + " completion rebuilds the code after the "
          + "change" + (edits.stream().anyMatch(FileEdit::windowed) ? " (windowed)" : "")));
      Example ex = new Example("real/" + format.id(), null, Example.REAL, "edit", GENERATOR, format.id(),
          commit.language(), prompt(commit, format, edits), completion, checks);
      out.add(new Rendered(ex, format, edits));
    }
    return out;
  }

  static List<Message> prompt(Commit commit, EditFormat format, List<FileEdit> edits) {
    return List.of(Message.system(Prompts.CODER + format.instructions()),
        Message.user(commit.instruction().strip() + "\n" + Prompts.files(edits, false) + Prompts.created(edits)));
  }
}
