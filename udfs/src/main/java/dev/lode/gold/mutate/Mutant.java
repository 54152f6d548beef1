package dev.lode.gold.mutate;

/**
 * One planted bug: in function {@code function} of the original text, bytes {@code [startByte, endByte)} (UTF-8)
 * replaced by {@code replacement}, giving {@code source}. {@code detail} says what changed ({@code < -> <=}) and
 * {@code subject} names what the symptom talks about (a callee, a parameter), when there is one.
 */
public record Mutant(MutationKind kind, String function, int startByte, int endByte, String replacement,
    String detail, String subject, String source) {

  /** Stable identity within a file: kind and place. */
  public String key() {
    return kind.id() + "@" + startByte + "-" + endByte + ":" + replacement.hashCode();
  }
}
