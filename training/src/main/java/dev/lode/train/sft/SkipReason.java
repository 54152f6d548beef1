package dev.lode.train.sft;

import java.util.Locale;

/**
 * Why an example was left out of training or evaluation. A bad record never fails a run: it is skipped, counted by
 * reason and reported with the first few ids, so one odd row in a million does not cost the run.
 */
public enum SkipReason {
  /** The chat template raised ({@code raise_exception}) or failed on the conversation. */
  TEMPLATE_REFUSED,
  /** The template rendered, but an assistant reply is not in its output as written, so its tokens cannot be found. */
  ASSISTANT_NOT_VERBATIM,
  /** Nothing to learn: no assistant reply survived the template (or the text has a single token). */
  NO_LEARNED_TOKENS,
  /** More than seq_len + 1 tokens: cutting it would teach a reply without its end, so it is left out whole. */
  LONGER_THAN_SEQ_LEN;

  /** The name reports and metrics use, e.g. {@code template_refused}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
