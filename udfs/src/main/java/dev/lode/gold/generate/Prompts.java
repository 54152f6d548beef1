package dev.lode.gold.generate;

import dev.lode.gold.format.Fence;
import dev.lode.gold.format.FileEdit;
import java.util.List;

/** The system prompts of each role, and the way code is shown to the model in user prompts. */
public final class Prompts {
  private Prompts() {}

  static final String CODER = "You are a coding agent. You are given a task and the code it concerns; make the change "
      + "the task asks for. ";
  static final String BUG_FIXER = "You are BugFixer. A user reports a bug and shows the code where it lives; find the "
      + "faulty line and fix it without changing anything else. ";
  static final String TEST_WRITER = "You are TestWriter. You are given a change to the source code; write the tests "
      + "that check it, in the test files shown. ";
  static final String LOCALIZER = "You are a localization agent. Given a task and the files of the repository, name "
      + "the files to edit or create and the functions or classes in them that change. Reply with JSON only: "
      + "{\"edit\": [{\"path\": …, \"symbols\": […]}], \"create\": [path, …]}.";
  static final String PATCH_APPLIER = "You are a coding agent that applies patches exactly. You are given code and a "
      + "patch; ";

  /** Each file as the prompt shows it: a heading with its path (and window), then its code in a fenced block. */
  public static String files(List<FileEdit> edits, boolean after) {
    StringBuilder sb = new StringBuilder();
    for (FileEdit e : edits) {
      if (after ? e.isDelete() : e.isAdd()) {
        continue;
      }
      sb.append("\n## ").append(e.path()).append(after ? "" : e.span()).append('\n');
      sb.append(Fence.block(e.language(), after ? e.after() : e.before()));
    }
    return sb.toString();
  }

  /** Files the change creates, which the prompt can only name. */
  public static String created(List<FileEdit> edits) {
    StringBuilder sb = new StringBuilder();
    for (FileEdit e : edits) {
      if (e.isAdd()) {
        sb.append("\n## ").append(e.path()).append(" (new file)\n");
      }
    }
    return sb.toString();
  }
}
