"""Writes kernel.json for the Lode (Java) kernel: rapaio-jupyter-kernel with Spark's --add-opens and Lode's jars."""
import json
import os

OPENS = ["java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
         "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs", "sun.security.action",
         "sun.util.calendar"]

argv = ["java"] + [f"--add-opens=java.base/{p}=ALL-UNNAMED" for p in OPENS]
argv += ["-Dlog4j2.configurationFile=" + os.environ["LOG"], "-Dspark.ui.showConsoleProgress=false"]
argv += os.environ.get("EXTRA", "").split()
argv += ["-jar", os.environ["JAR"], "{connection_file}"]
spec = {
    "argv": argv,
    "display_name": "Lode (Java)",
    "language": "java",
    "interrupt_mode": "message",
    # RJK_CLASSPATH: jars the kernel's JShell sees (";"-separated); RJK_TIMEOUT_MILLIS -1: a Spark cell may run as
    # long as it needs.
    "env": {"RJK_CLASSPATH": os.environ["CP"], "RJK_TIMEOUT_MILLIS": "-1"},
}
with open(os.path.join(os.environ["SPEC"], "kernel.json"), "w") as f:
    json.dump(spec, f, indent=1)
