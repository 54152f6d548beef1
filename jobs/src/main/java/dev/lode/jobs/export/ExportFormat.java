package dev.lode.jobs.export;

/**
 * The files {@code lode export} writes, each read as it is by the trainers ML engineers use:
 * <ul>
 *   <li>{@code chat-jsonl}: {@code {"messages": [{"role", "content"}, …]}} per line: TRL's SFTTrainer and Unsloth
 *       (conversational format), LLaMA-Factory through the generated {@code dataset_info.json};
 *   <li>{@code sharegpt}: {@code {"conversations": [{"from": "system"|"human"|"gpt", "value"}, …]}}: LLaMA-Factory,
 *       Unsloth's {@code standardize_sharegpt}, FastChat;
 *   <li>{@code commitpackft}: CommitPackFT's fields ({@code commit, old_file, new_file, old_contents, new_contents,
 *       subject, message, lang, license, repos}), one line per changed file of each real commit;
 *   <li>{@code dpo}: TRL's conversational preference format {@code {"prompt": [...], "chosen": [...],
 *       "rejected": [...]}} from gold.pairs, plus the same pairs as LLaMA-Factory's sharegpt ranking format.
 * </ul>
 * Every format also gets a Parquet file of the same records with the gold metadata columns.
 */
public enum ExportFormat {
  CHAT_JSONL("chat-jsonl"),
  SHAREGPT("sharegpt"),
  COMMITPACKFT("commitpackft"),
  DPO("dpo");

  private final String id;

  ExportFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static ExportFormat of(String id) {
    for (ExportFormat f : values()) {
      if (f.id.equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown export format '" + id + "' (chat-jsonl, sharegpt, commitpackft, dpo)");
  }

  @Override
  public String toString() {
    return id;
  }
}
