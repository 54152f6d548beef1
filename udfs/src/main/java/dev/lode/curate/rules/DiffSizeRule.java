package dev.lode.curate.rules;

import dev.lode.code.ChangedFile;
import dev.lode.config.CurateConfig;
import dev.lode.curate.CommitFacts;
import dev.lode.curate.FileRoles;
import dev.lode.curate.Rule;
import dev.lode.curate.Verdict;

/**
 * Bounds the size of a change: changed lines (added + deleted over text files, generated ones left out) and source
 * files touched, each between {@code curate.diff} limits. Too small says little; too large cannot be learned as one
 * edit and rarely fits a context window. The score favours small, focused changes.
 */
public final class DiffSizeRule implements Rule<CommitFacts> {
  public static final String NAME = "diff_size";

  private final FileRoles roles;
  private final CurateConfig.Diff limits;

  public DiffSizeRule(FileRoles roles, CurateConfig.Diff limits) {
    this.roles = roles;
    this.limits = limits;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Verdict judge(CommitFacts c) {
    int lines = 0;
    int sources = 0;
    for (ChangedFile f : c.files()) {
      FileRoles.Role role = roles.roleOf(f);
      if (role == FileRoles.Role.GENERATED || f.binary()) {
        continue;
      }
      lines += f.changedLines();
      if (role == FileRoles.Role.SOURCE) {
        sources++;
      }
    }
    String detail = lines + " lines, " + sources + " source files";
    if (lines < limits.minChangedLines()) {
      return Verdict.fail(detail + ": fewer than " + limits.minChangedLines() + " lines");
    }
    if (lines > limits.maxChangedLines()) {
      return Verdict.fail(detail + ": more than " + limits.maxChangedLines() + " lines");
    }
    if (sources < limits.minSourceFiles()) {
      return Verdict.fail(detail + ": fewer than " + limits.minSourceFiles() + " source files");
    }
    if (sources > limits.maxSourceFiles()) {
      return Verdict.fail(detail + ": more than " + limits.maxSourceFiles() + " source files");
    }
    double lineShare = (double) lines / limits.maxChangedLines();
    double fileShare = limits.maxSourceFiles() <= 1 ? 0 : (double) (sources - 1) / (limits.maxSourceFiles() - 1);
    double score = 1.0 - 0.5 * lineShare - 0.5 * Math.max(0, fileShare);
    return Verdict.pass(Math.max(0, Math.min(1, score)), detail);
  }
}
