package dev.lode.jobs.mine;

import dev.lode.config.MineConfig;
import java.io.Serializable;

/**
 * What the miner keeps and where it stops, from {@code mine:} in conf/lode.yaml; shipped to every task.
 * {@code contents}, {@code trees} and {@code changedMethods} can be switched off (the benchmark's core mode).
 */
public record MineOptions(
    long diffMaxBytes,
    long contentMaxBytes,
    long commitTextMaxBytes,
    long bigFileThreshold,
    int treeMaxPaths,
    boolean changedMethods,
    long parseMaxBytes,
    int renameLimit,
    int renameScore,
    int packCacheMb,
    boolean contents,
    boolean trees) implements Serializable {

  public static MineOptions from(MineConfig c) {
    return new MineOptions(c.diffMaxBytes(), c.contentMaxBytes(), c.commitTextMaxBytes(), c.bigFileThreshold(),
        c.treeMaxPaths(), c.changedMethods(), c.parseMaxBytes(), c.renameLimit(), c.renameScore(), c.packCacheMb(),
        true, true);
  }

  /** Only what {@code git log -p --numstat} computes: commit metadata, per-file counts and diff text. */
  public MineOptions diffsOnly() {
    return new MineOptions(diffMaxBytes, contentMaxBytes, commitTextMaxBytes, bigFileThreshold, treeMaxPaths, false,
        parseMaxBytes, renameLimit, renameScore, packCacheMb, false, false);
  }
}
