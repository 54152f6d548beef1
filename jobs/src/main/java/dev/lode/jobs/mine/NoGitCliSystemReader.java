package dev.lode.jobs.mine;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Keeps JGit from running the git CLI. To find the system-wide configuration, JGit's default reader executes
 * {@code git config --system --show-origin --list}; Lode reads {@code /etc/gitconfig} (git's default location)
 * directly instead, so mining needs no git installation and spawns no process.
 */
final class NoGitCliSystemReader extends SystemReader.Delegate {
  private static final File SYSTEM_CONFIG = new File("/etc/gitconfig");

  private NoGitCliSystemReader(SystemReader delegate) {
    super(delegate);
  }

  /** Installs the reader once per JVM (driver and executors alike), before any repository is opened. */
  static synchronized void install() {
    SystemReader current = SystemReader.getInstance();
    if (!(current instanceof NoGitCliSystemReader)) {
      SystemReader.setInstance(new NoGitCliSystemReader(current));
    }
  }

  @Override
  public FileBasedConfig openSystemConfig(Config parent, FS fs) {
    return new FileBasedConfig(parent, SYSTEM_CONFIG.isFile() ? SYSTEM_CONFIG : null, fs) {
      @Override
      public void load() throws java.io.IOException, org.eclipse.jgit.errors.ConfigInvalidException {
        if (getFile() != null) {
          super.load();
        }
      }

      @Override
      public boolean isOutdated() {
        return getFile() != null && super.isOutdated();
      }
    };
  }
}
