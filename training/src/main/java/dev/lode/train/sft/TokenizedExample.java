package dev.lode.train.sft;

/**
 * One example as token ids, with which tokens are learned: {@code learn[i]} says whether predicting token i counts
 * toward the loss (assistant tokens in SFT, every token in base training).
 */
public record TokenizedExample(String origin, int[] ids, boolean[] learn) {
  public TokenizedExample {
    if (ids.length != learn.length) {
      throw new IllegalArgumentException(origin + ": " + ids.length + " ids but " + learn.length + " mask entries");
    }
  }

  public int learnedTokens() {
    int n = 0;
    for (boolean b : learn) {
      n += b ? 1 : 0;
    }
    return n;
  }
}
