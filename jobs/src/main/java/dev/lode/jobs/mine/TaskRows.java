package dev.lode.jobs.mine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/** One task's rows: mines its slice lazily and reports progress and problems through accumulators. */
final class TaskRows implements Iterator<Row> {
  /** Error samples kept per task for bronze.repos.error; the count is always exact. */
  private static final int ERROR_SAMPLES = 3;

  private final MineTask task;
  private final SliceMiner miner;
  private final LongAccumulator commitsDone;
  private final CollectionAccumulator<String> slicesDone;
  private final CollectionAccumulator<String> problems;
  private final Map<String, Long> problemCounts = new LinkedHashMap<>();
  private final Map<String, List<String>> samples = new HashMap<>();
  private boolean finished;

  TaskRows(MineTask task, LongAccumulator commitsDone, CollectionAccumulator<String> slicesDone,
      CollectionAccumulator<String> problems) {
    this.task = task;
    this.miner = new SliceMiner(task);
    this.commitsDone = commitsDone;
    this.slicesDone = slicesDone;
    this.problems = problems;
  }

  @Override
  public boolean hasNext() {
    boolean more = miner.hasNext();
    if (!more && !finished) {
      finished = true;
      slicesDone.add(task.repoId() + "\t" + task.slice());
      for (Map.Entry<String, Long> e : problemCounts.entrySet()) {
        String kind = e.getKey();
        problems.add(task.repoId() + "\t" + kind + "\t" + e.getValue() + "\t"
            + String.join(" | ", samples.getOrDefault(kind, List.of())));
      }
    }
    return more;
  }

  @Override
  public Row next() {
    MinedCommit c = miner.next();
    commitsDone.add(1);
    if (c.error() != null) {
      problem("commit", c.sha().substring(0, 12) + ": " + c.error());
    } else {
      String fileError = c.firstFileError();
      if (fileError != null) {
        problem("file", c.sha().substring(0, 12) + " " + fileError);
      }
    }
    return MinedRows.toRow(c);
  }

  private void problem(String kind, String sample) {
    problemCounts.merge(kind, 1L, Long::sum);
    List<String> s = samples.computeIfAbsent(kind, k -> new ArrayList<>());
    if (s.size() < ERROR_SAMPLES) {
      s.add(sample);
    }
  }
}
