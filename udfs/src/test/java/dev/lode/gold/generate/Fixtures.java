package dev.lode.gold.generate;

import dev.lode.code.ChangedFile;
import dev.lode.gold.Commit;
import java.util.List;
import java.util.Map;

/** Realistic code in each language, before and after a small fix, as commits gold would read. */
final class Fixtures {
  private Fixtures() {}

  static final Map<String, String[]> CODE = Map.of(
      "python", new String[] {"src/ranges.py", """
          import math


          def clamp(value, low=0, high=10):
              \"\"\"Clamp value into [low, high].\"\"\"
              if value < low:
                  return low
              if value > high:
                  return high
              return value


          def window(items, start, size=3):
              out = []
              for i in range(start, len(items)):
                  if i - start >= size and not items[i] is None:
                      break
                  out.append(items[i])
              return out
          """},
      "java", new String[] {"src/main/java/a/Ranges.java", """
          package a;

          import java.util.List;
          import java.util.Map;

          public final class Ranges {
            static int clamp(int value, int low, int high) {
              if (value < low) {
                return low;
              }
              if (value > high && high >= 0) {
                return high;
              }
              return value;
            }

            static int count(Map<String, Integer> m, String k, List<Integer> xs) {
              int n = m.getOrDefault(k, 0);
              for (int i = 0; i < xs.size(); i++) {
                n += Math.max(xs.get(i), 1);
              }
              return n;
            }
          }
          """},
      "go", new String[] {"pkg/ranges/ranges.go", """
          package ranges

          import "strings"

          func Clamp(value, low, high int) int {
          	if value < low {
          		return low
          	}
          	if value > high || !valid(high) {
          		return high
          	}
          	return value
          }

          func Join(parts []string, sep string) string {
          	out := []string{}
          	for i := 0; i < len(parts); i++ {
          		out = append(out, strings.TrimSpace(parts[i]))
          	}
          	return strings.Join(out, sep)
          }

          func valid(n int) bool { return n >= 0 }
          """},
      "rust", new String[] {"src/ranges.rs", """
          pub fn clamp(value: i32, low: i32, high: i32) -> i32 {
              if value < low {
                  return low;
              }
              if value > high && high >= 0 {
                  return high;
              }
              value
          }

          pub fn total(xs: &[i32], extra: Option<i32>) -> i32 {
              let mut n = extra.unwrap_or(0);
              for i in 0..xs.len() {
                  n += std::cmp::max(xs[i], 1);
              }
              n
          }
          """},
      "javascript", new String[] {"src/ranges.js", """
          export function clamp(value, low = 0, high = 10) {
            if (value < low) {
              return low;
            }
            if (value > high || !Number.isFinite(high)) {
              return high;
            }
            return value;
          }

          export const total = (xs, start = 1) => {
            let n = 0;
            for (let i = start; i < xs.length; i++) {
              n += Math.max(xs[i], 1);
            }
            return n;
          };
          """},
      "typescript", new String[] {"src/ranges.ts", """
          export function clamp(value: number, low: number = 0, high: number = 10): number {
            if (value < low) {
              return low;
            }
            if (value > high || !Number.isFinite(high)) {
              return high;
            }
            return value;
          }

          export function total(xs: number[], start = 1): number {
            let n = 0;
            for (let i = start; i < xs.length; i++) {
              n += Math.max(xs[i], 1);
            }
            return n;
          }
          """});

  /** A commit that changed the file's code from an older version (the `after` is the fixture). */
  static Commit commit(String language) {
    String[] pf = CODE.get(language);
    String after = pf[1];
    String before = after.replaceFirst("return low", "return value"); // the bug the commit fixed
    ChangedFile src = ChangedFile.of(pf[0], "MODIFY").language(language).texts(before, after).build();
    return new Commit("repo-" + language, "a".repeat(40), "b".repeat(40), language,
        "Fix clamp returning the value below the low bound", List.of(src), List.of(), List.of(pf[0]), 0.8,
        List.of(pf[0], "README.md", "docs/index.md"));
  }
}
