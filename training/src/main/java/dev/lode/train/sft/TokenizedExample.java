package dev.lode.train.sft;

/**
 * One example as token ids, with which tokens are learned: {@code learn[i]} says whether predicting token i (from
 * the tokens before it) counts toward the loss: assistant tokens in SFT, every token in base training. Token 0 has
 * nothing before it, so it is never predicted whatever its mask says.
 */
public record TokenizedExample(String id, int[] ids, boolean[] learn) {
  public TokenizedExample {
    if (ids.length != learn.length) {
      throw new IllegalArgumentException(id + ": " + ids.length + " ids but " + learn.length + " mask entries");
    }
  }

  /** Tokens whose prediction counts toward the loss (positions 1 … length − 1 that are learned). */
  public int learnedTokens() {
    int n = 0;
    for (int i = 1; i < learn.length; i++) {
      n += learn[i] ? 1 : 0;
    }
    return n;
  }
}
