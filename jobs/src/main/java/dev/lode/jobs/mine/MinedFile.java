package dev.lode.jobs.mine;

import java.util.List;

/** One file a commit changes: a future row of bronze.file_changes (without repo_id and sha). */
public record MinedFile(
    String path,
    String changeType,
    String oldPath,
    String newPath,
    String language,
    boolean isBinary,
    boolean isTest,
    int addedLines,
    int deletedLines,
    String diff,
    String oldContent,
    String newContent,
    boolean truncated,
    List<String> changedMethods,
    String error) {}
