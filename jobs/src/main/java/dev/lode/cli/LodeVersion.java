package dev.lode.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code lode --version}: Lode's version and the versions of what it runs on. */
public final class LodeVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String lode = Lode.class.getPackage().getImplementationVersion();
    return new String[] {
        "lode " + (lode == null ? "(development build)" : lode),
        "spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", delta " + io.delta.tables.DeltaTable.class.getPackage().getImplementationVersion(),
        "java " + System.getProperty("java.version"),
    };
  }
}
