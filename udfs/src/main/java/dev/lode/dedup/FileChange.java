package dev.lode.dedup;

/**
 * One file of a change, as deduplication sees it: its contents before and after (null where absent or left out for
 * size) and its unified diff. Paths are deliberately absent: the same change vendored or forked under another
 * directory is still the same change.
 */
public record FileChange(String changeType, String before, String after, String diff) {}
