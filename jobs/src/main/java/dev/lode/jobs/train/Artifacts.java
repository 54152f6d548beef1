package dev.lode.jobs.train;

import dev.lode.lakehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the trainer's files live: {@code <warehouse>/artifacts/models/<model_id>} for the base models Lode
 * pretrains and {@code <warehouse>/artifacts/adapters/<name>/v<version>} for adapters, next to the tables that
 * describe them. Both are written once and never changed: their sha256 is recorded and checked on every load. The
 * trainer reads and writes local files, so the warehouse must be on the local file system (or mounted there).
 */
public final class Artifacts {
  /** The weights file of a Hugging Face model directory and of a PEFT adapter directory. */
  public static final String MODEL_WEIGHTS = "model.safetensors";
  public static final String ADAPTER_WEIGHTS = "adapter_model.safetensors";

  private final Path root;

  public Artifacts(Warehouse warehouse) {
    if (!warehouse.isLocal()) {
      throw new IllegalArgumentException("warehouse " + warehouse.root() + " is not on the local file system; the "
          + "trainer writes models and adapters as local files beside the tables (mount it, or use a local one)");
    }
    this.root = warehouse.localRoot().resolve("artifacts");
  }

  public Path model(String modelId) {
    return root.resolve("models").resolve(modelId);
  }

  public Path adapter(String name, int version) {
    return root.resolve("adapters").resolve(name).resolve("v" + version);
  }

  /** A fresh directory to train into before the result gets its final, immutable place. */
  public Path staging(String what) throws IOException {
    Files.createDirectories(root.resolve("staging"));
    return Files.createTempDirectory(root.resolve("staging"), what + "-");
  }

  /** The hex sha256 of a file. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks that {@code dir} still holds {@code weights} with the recorded sha256; a one-line error naming the
   * directory otherwise ({@code what} says whose, e.g. "adapter lode@2").
   */
  public static void verify(String what, Path dir, String weights, String expectedSha) throws IOException {
    Path file = dir.resolve(weights);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(what + ": directory " + dir + " is gone");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(what + ": " + file + " is missing");
    }
    String actual = sha256(file);
    if (!actual.equals(expectedSha)) {
      throw new IllegalArgumentException(what + ": weights in " + dir + " no longer match the registry (sha256 "
          + actual.substring(0, 12) + "…, recorded " + expectedSha.substring(0, Math.min(12, expectedSha.length()))
          + "…)");
    }
  }
}
