package dev.lode.cli;

import static org.apache.spark.sql.functions.col;

import dev.lode.jobs.Stages;
import dev.lode.jobs.train.AdapterRef;
import dev.lode.jobs.train.AdapterRegistry;
import dev.lode.jobs.train.BaseModel;
import dev.lode.jobs.train.LoadedModels;
import dev.lode.jobs.train.PromptLanguage;
import dev.lode.train.tokenizer.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lode generate --prompt … [--adapter NAME[@V] | --auto]}: greedy generation over one base with the
 * registry's production adapters loaded side by side and switched in memory (the base is read once). {@code --auto}
 * picks the adapter whose scope is the prompt's language (from file names in it, else its syntax), else the
 * registry's default ({@code lode}).
 */
@Command(name = "generate", description = "Answer a prompt with a registered adapter (greedy, KV cache); several "
    + "adapters share one base in memory and --auto picks one by the prompt's language.")
final class GenerateCommand extends SparkCommand {
  @Option(names = "--prompt", required = true, description = "The user message.")
  String prompt;

  @ArgGroup(exclusive = true)
  Choice choice;

  static final class Choice {
    @Option(names = "--adapter", paramLabel = "NAME[@V]", description = "This adapter.")
    String adapter;

    @Option(names = "--auto", description = "Pick the adapter by the prompt's language.")
    boolean auto;
  }

  @Option(names = "--max-new-tokens", defaultValue = "128", description = "Default: ${DEFAULT-VALUE}.")
  int maxNewTokens;

  @Override
  public Integer call() throws Exception {
    var lakehouse = open("generate");
    AdapterRegistry registry = new AdapterRegistry(lakehouse);
    Row chosen;
    List<Row> loaded = new ArrayList<>();
    if (choice != null && choice.adapter != null) {
      chosen = AdaptersCommand.require(lakehouse, AdaptersCommand.ref(choice.adapter));
    } else {
      chosen = null;
    }
    // every production adapter over the same base as the chosen (or the default) one
    Row anchor = chosen != null ? chosen : registry.find(new AdapterRef(Stages.DEFAULT_ADAPTER, null))
        .orElseGet(() -> registry.rows().orderBy(col("created_at").desc()).limit(1).collectAsList().stream()
            .findFirst().orElseThrow(() -> new UsageException("the registry holds no adapter; run lode train sft")));
    for (Row r : registry.rows().where(col("status").equalTo(AdapterRegistry.PRODUCTION)
        .and(col("base_sha256").equalTo(anchor.<String>getAs("base_sha256")))).orderBy("adapter_id").collectAsList()) {
      loaded.add(r);
    }
    if (loaded.stream().noneMatch(r -> r.getAs("adapter_id").equals(anchor.getAs("adapter_id")))) {
      loaded.add(anchor);
    }
    BaseModel base;
    try {
      base = BaseModel.of(anchor);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    try (LoadedModels models = LoadedModels.load(base)) {
      Map<String, String> scopes = new LinkedHashMap<>();
      for (Row r : loaded) {
        models.add(r.getAs("adapter_id"), Path.of(r.<String>getAs("path")));
        scopes.put(r.getAs("adapter_id"), r.getAs("scope"));
      }
      String pick;
      String why;
      if (chosen != null) {
        pick = chosen.getAs("adapter_id");
        why = "--adapter";
      } else if (choice != null && choice.auto) {
        String language = PromptLanguage.detect(prompt);
        pick = scopes.entrySet().stream().filter(e -> ("language=" + language).equals(e.getValue()))
            .map(Map.Entry::getKey).findFirst().orElse(anchor.getAs("adapter_id"));
        why = language == null ? "no language recognised; the default adapter"
            : "prompt looks like " + language + (pick.equals(anchor.getAs("adapter_id")) && !("language="
                + language).equals(anchor.getAs("scope")) ? ", no adapter for it; the default adapter" : "");
      } else {
        pick = anchor.getAs("adapter_id");
        why = "the default adapter";
      }
      long switchNanos = models.use(pick);
      LoadedModels.Generation g = models.generate(List.of(new ChatMessage("user", prompt)), maxNewTokens);
      System.err.printf(Locale.ROOT, "adapter %s (%s); %d adapters loaded over base %s; switch %.3f ms; %d tokens, "
          + "%.1f tokens/s%n", pick, why, loaded.size(), base.id(), switchNanos / 1e6, g.tokens(),
          g.tokens() / Math.max(1e-9, g.seconds()));
      System.out.println(g.text());
      return 0;
    }
  }
}
