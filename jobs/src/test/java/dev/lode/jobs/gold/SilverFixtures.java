package dev.lode.jobs.gold;

import dev.lode.lakehouse.RowShape;
import dev.lode.lakehouse.Tables;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * silver.examples and bronze.trees rows built from the catalogue schemas: bug-fix commits in six languages, some with
 * tests, one a day, across several repositories and domains.
 */
public final class SilverFixtures {
  private SilverFixtures() {}

  static final String[] LANGUAGES = {"python", "java", "go", "rust", "javascript", "typescript"};
  static final String[] DOMAINS = {"web", "data", "cli", "devtools", "science", "infra"};

  /** Source of commit {@code i}: each commit its own functions, so no two commits are near duplicates. */
  static String source(String language, int i, boolean fixed) {
    String guard = fixed ? "low" : "value";
    String n = "v" + i;
    return switch (language) {
      case "python" -> """
          import math


          def clamp_%1$s(value, low=%2$d, high=%3$d):
              \"\"\"Clamp value into [low, high] for %1$s.\"\"\"
              if value < low:
                  return %4$s
              if value > high and not math.isnan(high):
                  return high
              return value


          def window_%1$s(items, start, size=%2$d):
              out = []
              for i in range(start, len(items)):
                  if i - start >= size:
                      break
                  out.append(items[i])
              return out
          """.formatted(n, i, i * 7 + 10, guard);
      case "java" -> """
          package a;

          import java.util.Map;

          public final class Ranges%1$s {
            static int clamp%1$s(int value, int low, int high) {
              if (value < low) {
                return %4$s;
              }
              if (value > high && high >= %2$d) {
                return high;
              }
              return value;
            }

            static int count%1$s(Map<String, Integer> m, String k) {
              int n = m.getOrDefault(k, %3$d);
              for (int i = 0; i < n; i++) {
                n += Math.max(i, 1);
              }
              return n;
            }
          }
          """.formatted(n, i, i * 3 + 1, guard);
      case "go" -> """
          package ranges

          import "strings"

          func Clamp%1$s(value, low, high int) int {
          	if value < low {
          		return %4$s
          	}
          	if value > high || high < %2$d {
          		return high
          	}
          	return value
          }

          func Join%1$s(parts []string, sep string) string {
          	out := []string{}
          	for i := 0; i < len(parts) && i < %3$d; i++ {
          		out = append(out, strings.TrimSpace(parts[i]))
          	}
          	return strings.Join(out, sep)
          }
          """.formatted(n, i, i * 5 + 2, guard);
      case "rust" -> """
          pub fn clamp_%1$s(value: i32, low: i32, high: i32) -> i32 {
              if value < low {
                  return %4$s;
              }
              if value > high && high >= %2$d {
                  return high;
              }
              value
          }

          pub fn total_%1$s(xs: &[i32], extra: Option<i32>) -> i32 {
              let mut n = extra.unwrap_or(%3$d);
              for i in 0..xs.len() {
                  n += std::cmp::max(xs[i], 1);
              }
              n
          }
          """.formatted(n, i, i * 2 + 3, guard);
      case "javascript" -> """
          export function clamp%1$s(value, low = %2$d, high = %3$d) {
            if (value < low) {
              return %4$s;
            }
            if (value > high || !Number.isFinite(high)) {
              return high;
            }
            return value;
          }

          export function total%1$s(xs, start = 1) {
            let n = 0;
            for (let i = start; i < xs.length; i++) {
              n += Math.max(xs[i], 1);
            }
            return n;
          }
          """.formatted(n, i, i * 4 + 9, guard);
      default -> """
          export function clamp%1$s(value: number, low: number = %2$d, high: number = %3$d): number {
            if (value < low) {
              return %4$s;
            }
            if (value > high || !Number.isFinite(high)) {
              return high;
            }
            return value;
          }

          export function total%1$s(xs: number[], start = 1): number {
            let n = 0;
            for (let i = start; i < xs.length; i++) {
              n += Math.max(xs[i], 1);
            }
            return n;
          }
          """.formatted(n, i, i * 6 + 11, guard);
    };
  }

  static String path(String language, int i) {
    return switch (language) {
      case "python" -> "src/pkg/ranges_v" + i + ".py";
      case "java" -> "src/main/java/a/Ranges" + i + ".java";
      case "go" -> "ranges/ranges_v" + i + ".go";
      case "rust" -> "src/ranges_v" + i + ".rs";
      case "javascript" -> "src/ranges_v" + i + ".js";
      default -> "src/ranges_v" + i + ".ts";
    };
  }

  static final Instant START = Instant.parse("2024-01-01T12:00:00Z");

  /** Commit {@code i} of {@code repos} repositories: repository i % repos, language and domain cycling. */
  public static Row commit(int i, int repos) {
    String language = LANGUAGES[i % LANGUAGES.length];
    String repo = "repo" + (i % repos);
    String domain = DOMAINS[i % repos % DOMAINS.length];
    String path = path(language, i);
    String before = source(language, i, false);
    // commit 12 leaves a Python file that does not parse: BugFixer must refuse it and count why
    String after = source(language, i, true) + (i == 12 ? "\n\ndef broken(:\n    pass\n" : "");
    List<Row> files = new ArrayList<>();
    files.add(file(path, language, "MODIFY", before, after, List.of(changed(language, i))));
    List<String> tests = new ArrayList<>();
    if (language.equals("python")) {
      String test = "tests/test_ranges_v" + i + ".py";
      files.add(file(test, "python", "ADD", null, """
          from pkg.ranges_v%1$d import clamp_v%1$d


          def test_clamp_below_low_gives_low():
              assert clamp_v%1$d(-5, low=%1$d) == %1$d
          """.formatted(i), List.of("test_clamp_below_low_gives_low")));
      tests.add(test);
    }
    return Tables.SILVER_EXAMPLES.newRow().set("repo_id", repo).set("sha", sha(i)).set("parent_sha", sha(i + 10_000))
        .set("commit_time", Timestamp.from(START.plus(i, ChronoUnit.DAYS))).set("language", language)
        .set("domain", domain).set("license", "MIT")
        .set("instruction", "Fix clamp of v" + i + " returning the value below the low bound\n\nValues "
            + "under the low bound were passed through unchanged; return the bound instead.")
        .set("files", files).set("test_files", tests).set("source_files", List.of(path)).set("message_score", 0.7)
        .set("quality", 0.8).set("cluster_id", "c" + i).set("keywords", List.of("clamp", "bound"))
        .set("test_evidence", tests.isEmpty() ? "module" : "changed").build();
  }

  private static String changed(String language, int i) {
    return switch (language) {
      case "python", "rust" -> "clamp_v" + i;
      case "java" -> "Ranges" + "v" + i + ".clamp" + "v" + i;
      case "go" -> "Clampv" + i;
      default -> "clampv" + i;
    };
  }

  static Row file(String path, String language, String type, String before, String after, List<String> methods) {
    String diff = "--- a/" + path + "\n+++ b/" + path + "\n";
    return RowShape.of(Tables.EXAMPLE_FILE, "an example file").row().set("path", path).set("language", language)
        .set("change_type", type).set("before", before).set("after", after).set("diff", diff)
        .set("changed_methods", methods).build();
  }

  public static Row tree(int i, int repos) {
    String language = LANGUAGES[i % LANGUAGES.length];
    List<String> paths = new ArrayList<>(List.of("README.md", "LICENSE", "docs/index.md", path(language, i)));
    for (int k = 0; k < 5; k++) {
      paths.add("src/other/module" + k + ".py");
    }
    paths.sort(String::compareTo);
    return Tables.BRONZE_TREES.newRow().set("repo_id", "repo" + (i % repos)).set("sha", sha(i + 10_000))
        .set("path_count", paths.size()).set("paths", paths).set("truncated", false).build();
  }

  static String sha(int i) {
    return String.format("%040x", i);
  }

  public static Dataset<Row> examples(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, Tables.SILVER_EXAMPLES.schema());
  }

  public static Dataset<Row> trees(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, Tables.BRONZE_TREES.schema());
  }

  /** Column names as the Scala sequence a join takes. */
  public static scala.collection.Seq<String> seqOf(String... columns) {
    return seq(List.of(columns));
  }

  static <T> scala.collection.Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(new ArrayList<>(list)).toSeq();
  }
}
