package dev.lode.code;

/**
 * One edit of a text, as tree-sitter needs it to reuse a tree: bytes {@code [startByte, oldEndByte)} replaced by
 * {@code [startByte, newEndByte)}, with the same positions as rows and byte columns (0-based). Edits of one text are
 * applied in order, each in the coordinates left by the ones before it.
 */
public record TextEdit(int startByte, int oldEndByte, int newEndByte, int startRow, int startColumn, int oldEndRow,
    int oldEndColumn, int newEndRow, int newEndColumn) {}
