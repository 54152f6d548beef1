package dev.lode.eval;

/**
 * The metrics of one generated completion on one gold case: exact match, and, by what the case asks, the edit score
 * (code edits in any edit format; null for localization) or the localization score (null for code edits).
 */
public record GenerationScore(boolean exactMatch, EditScore edit, LocalizationScore localization) {}
