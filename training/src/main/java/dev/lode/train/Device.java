package dev.lode.train;

import dev.lode.train.model.Parallel;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks where the trainer runs and says so. The ND4J backend is fixed at build time (nd4j-native by default,
 * nd4j-cuda-11.6 with {@code mvn -Pcuda}); asking for a device the build does not have is refused with the build
 * command that provides it.
 */
public final class Device {
  private static final Logger LOG = LoggerFactory.getLogger(Device.class);

  private Device() {}

  /** Checks {@code device} against the backend on the classpath, sets threads (0 = all cores), logs the choice. */
  public static String select(String device, int threads) {
    String backend = backendName();
    boolean cudaBuild = backend.toLowerCase().contains("cuda") || backend.toLowerCase().contains("jcublas");
    if ("cuda".equals(device) && !cudaBuild) {
      throw new IllegalArgumentException("--device cuda needs Lode built with the CUDA backend "
          + "(mvn -Pcuda -DskipTests package, which swaps nd4j-native for nd4j-cuda-11.6); this build has " + backend);
    }
    if ("cpu".equals(device) && cudaBuild) {
      throw new IllegalArgumentException("--device cpu, but this build has the CUDA backend " + backend
          + "; rebuild without -Pcuda for the CPU backend");
    }
    if (!"cpu".equals(device) && !"cuda".equals(device)) {
      throw new IllegalArgumentException("unknown device '" + device + "' (cpu or cuda)");
    }
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    Parallel.setThreads(n);
    LOG.info("ND4J backend {} ({}), {} threads", backend, device, n);
    return backend;
  }

  /** The ND4J backend class in use, e.g. CpuBackend. */
  public static String backendName() {
    return Nd4j.getBackend().getClass().getSimpleName();
  }
}
