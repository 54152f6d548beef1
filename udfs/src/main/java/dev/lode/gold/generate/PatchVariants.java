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
import java.util.ArrayList;
import java.util.List;

/**
 * Edit-format and role variants of the real example that teach applying a patch: apply a unified diff or
 * SEARCH/REPLACE blocks to the shown code (answer: the code after), convert one patch format into the other, and
 * revert a patch (the reviewer's role: undo it on the code after).
 */
public final class PatchVariants {
  private PatchVariants() {}

  public static final String NAME = "patch_variants";

  private record Variant(String name, String task, EditFormat given, EditFormat answer, boolean revert) {}

  private static final List<Variant> VARIANTS = List.of(
      new Variant("apply_diff", "apply_patch", EditFormat.UNIFIED_DIFF, EditFormat.WHOLE_FILE, false),
      new Variant("diff_to_search_replace", "convert_patch", EditFormat.UNIFIED_DIFF, EditFormat.SEARCH_REPLACE, false),
      new Variant("revert", "revert_patch", EditFormat.UNIFIED_DIFF, EditFormat.SEARCH_REPLACE, true),
      new Variant("apply_search_replace", "apply_patch", EditFormat.SEARCH_REPLACE, EditFormat.WHOLE_FILE, false),
      new Variant("search_replace_to_diff", "convert_patch", EditFormat.SEARCH_REPLACE, EditFormat.UNIFIED_DIFF, false));

  public static List<Example> generate(Commit commit, int contextLines, int budget, Rejections rejections) {
    List<Example> out = new ArrayList<>();
    if (commit.files().isEmpty() || commit.files().stream().anyMatch(f -> !f.hasContent())) {
      rejections.add(NAME, RealExamples.NO_CONTENT);
      return out;
    }
    for (Variant v : VARIANTS) {
      List<ChangedFile> files = v.revert ? commit.files().stream().map(PatchVariants::reversed).toList()
          : commit.files();
      List<FileEdit> edits = ChangeWindow.fit(files, contextLines, budget,
          e -> TokenEstimator.chat(prompt(commit, v, e), v.answer.render(e)));
      if (edits == null) {
        rejections.add(NAME, RealExamples.OVER_BUDGET);
        continue;
      }
      String completion = v.answer.render(edits);
      if (v.answer.verify(edits, completion) != null) {
        rejections.add(NAME, RealExamples.NOT_APPLICABLE);
        continue;
      }
      out.add(new Example(NAME + "/" + v.name, null, Example.SYNTHETIC, v.task, NAME, v.answer.id(),
          commit.language(), prompt(commit, v, edits), completion,
          List.of(Check.passed("applies", v.name + ": completion rebuilds the expected code"))));
    }
    return out;
  }

  /** The change undone: after becomes before. */
  private static ChangedFile reversed(ChangedFile f) {
    String type = f.isAdd() ? ChangedFile.DELETE : f.isDelete() ? ChangedFile.ADD : f.changeType();
    return f.toBuilder().changeType(type).texts(f.after(), f.before()).build();
  }

  private static List<Message> prompt(Commit commit, Variant v, List<FileEdit> edits) {
    // For a revert the model sees the code after the commit and the commit's own patch (the reverse of edits).
    List<FileEdit> patch = v.revert ? edits.stream().map(PatchVariants::undo).toList() : edits;
    String task = v.revert
        ? "The patch below was applied to the code shown (commit: \"" + subject(commit) + "\"). Revert it."
        : v.answer == EditFormat.WHOLE_FILE ? "Apply the patch below to the code shown."
            : "Rewrite the patch below in the other edit format; it is applied to the code shown.";
    String system = Prompts.PATCH_APPLIER + (v.answer == EditFormat.WHOLE_FILE
        ? "reply with the code after applying it. " : "") + v.answer.instructions();
    return List.of(Message.system(system), Message.user(task + "\n\nPatch:\n"
        + Fence.block(v.given == EditFormat.UNIFIED_DIFF ? "diff" : null, v.given.render(patch))
        + Prompts.files(edits, false)));
  }

  private static FileEdit undo(FileEdit e) {
    String type = e.isAdd() ? ChangedFile.DELETE : e.isDelete() ? ChangedFile.ADD : e.changeType();
    return new FileEdit(e.path(), e.language(), type, e.after(), e.before(), e.firstLineAfter(), e.firstLineBefore(),
        e.totalLinesAfter(), e.totalLinesBefore(), e.after());
  }

  private static String subject(Commit commit) {
    return commit.instruction().strip().lines().findFirst().orElse("");
  }
}
