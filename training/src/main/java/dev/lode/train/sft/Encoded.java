package dev.lode.train.sft;

/**
 * What encoding one record gave: the tokenized example, or the reason it was skipped ({@code why} says more, for
 * logs). Either {@code example} or {@code skip} is set, never both.
 */
public record Encoded(String id, TokenizedExample example, SkipReason skip, String why) {
  public Encoded {
    if ((example == null) == (skip == null)) {
      throw new IllegalArgumentException(id + ": an encoding is an example or a skip");
    }
  }

  static Encoded of(TokenizedExample example) {
    return new Encoded(example.id(), example, null, null);
  }

  static Encoded skipped(String id, SkipReason reason, String why) {
    return new Encoded(id, null, reason, why);
  }

  public boolean isSkipped() {
    return skip != null;
  }
}
