package dev.lode.gold.generate;

import dev.lode.code.CodeParser;
import dev.lode.config.GoldConfig;
import dev.lode.gold.Commit;
import dev.lode.gold.Example;
import dev.lode.gold.PreferencePair;
import dev.lode.gold.Rejections;
import dev.lode.gold.Seeds;
import dev.lode.gold.format.EditFormat;
import dev.lode.gold.mutate.MutationKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything gold makes from one commit: its real examples, every generator's validated synthetic candidates
 * (ranked, more than the quota so that commits that fall short can be topped up), its DPO pairs and the count of
 * refused candidates. Pure: no Spark; the gold job calls it once per commit, one {@link CodeParser} per thread.
 */
public final class CommitExamples {
  /** Every synthetic generator, by name: the names {@code gold.synthetic.generators} may list. */
  public static final List<String> GENERATORS = List.of(BugFixer.NAME, TestWriter.NAME, Localization.NAME,
      PatchVariants.NAME);

  /** What one commit gave. {@code candidates} maps each generator to its candidates, best first. */
  public record Output(List<Example> real, Map<String, List<Example>> candidates, List<PreferencePair> pairs,
      Map<String, Integer> rejections) {}

  private final GoldConfig config;
  private final List<EditFormat> formats;
  private final BugFixer bugFixer;

  public CommitExamples(GoldConfig config, CodeParser parser) {
    this.config = config;
    this.formats = config.editFormats().stream().map(EditFormat::of).toList();
    Set<MutationKind> kinds = config.synthetic().mutationKinds().stream().map(MutationKind::of)
        .collect(Collectors.toSet());
    this.bugFixer = new BugFixer(parser, kinds, config.seed());
  }

  /** The examples of {@code commit}; {@code synthetic} false makes only real rows and pairs (dev and test). */
  public Output build(Commit commit, boolean synthetic) {
    Rejections rejections = new Rejections();
    int budget = config.tokenBudget();
    int context = config.contextLines();
    List<RealExamples.Rendered> rendered = RealExamples.render(commit, formats, context, budget, rejections);
    List<Example> real = rendered.stream().map(RealExamples.Rendered::example).toList();
    Map<String, List<Example>> candidates = new LinkedHashMap<>();
    if (real.isEmpty()) {
      return new Output(real, candidates, List.of(), rejections.counts());
    }
    int limit = (int) Math.ceil(config.synthetic().factor() * real.size() * config.synthetic().oversample());
    // Mutants serve BugFixer rows and the rejected side of pairs, so some are planted even with no synthetic rows.
    List<BugFixer.Planted> planted = bugFixer.plant(commit, Math.max(limit, 4) + 1, synthetic ? rejections
        : new Rejections());
    if (synthetic && limit > 0) {
      for (String generator : config.synthetic().generators()) {
        List<Example> made = switch (generator) {
          case BugFixer.NAME -> bugFixes(commit, planted, limit);
          case TestWriter.NAME -> TestWriter.generate(commit, formats, context, budget, rejections);
          case Localization.NAME -> Localization.generate(commit, config.synthetic().maxTreePaths(), budget,
              config.seed(), rejections);
          case PatchVariants.NAME -> PatchVariants.generate(commit, context, budget, rejections);
          default -> throw new IllegalArgumentException("unknown generator " + generator);
        };
        if (!BugFixer.NAME.equals(generator)) {
          made = rotated(made, Seeds.random(config.seed(), commit.repoId(), commit.sha(), generator));
        }
        candidates.put(generator, withParents(made, real));
      }
    }
    List<PreferencePair> pairs = new ArrayList<>(PreferencePairs.realVersusMutant(rendered, planted));
    return new Output(real, candidates, pairs, rejections.counts());
  }

  private List<Example> bugFixes(Commit commit, List<BugFixer.Planted> planted, int limit) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < planted.size() && out.size() < limit; i++) {
      EditFormat format = formats.get(i % formats.size()); // every format taught, in turn
      Example e = bugFixer.example(commit, planted.get(i), format, config.contextLines(), config.tokenBudget(), i);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * The candidates starting at a seeded offset: a commit usually keeps only its generator's first few, and turning
   * the list keeps every format and variant represented across commits.
   */
  private static List<Example> rotated(List<Example> made, java.util.SplittableRandom random) {
    if (made.size() < 2) {
      return made;
    }
    int k = random.nextInt(made.size());
    List<Example> out = new ArrayList<>(made.subList(k, made.size()));
    out.addAll(made.subList(0, k));
    return out;
  }

  /** Each synthetic candidate derives from the real example in its own edit format, else the first one. */
  private static List<Example> withParents(List<Example> made, List<Example> real) {
    List<Example> out = new ArrayList<>();
    for (Example e : made) {
      Example parent = real.stream().filter(r -> r.editFormat().equals(e.editFormat())).findFirst()
          .orElse(real.get(0));
      out.add(e.withParent(parent.key()));
    }
    return out;
  }
}
