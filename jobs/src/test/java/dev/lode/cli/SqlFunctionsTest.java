package dev.lode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lode's SQL functions through {@code lode sql}, whose session loads them as every Lode session does. */
class SqlFunctionsTest {
  @TempDir static Path dir;

  @AfterAll
  static void close() {
    if (SparkSession.getDefaultSession().isDefined()) {
      SparkSession.getDefaultSession().get().stop();
    }
  }

  /** Runs {@code lode sql} on an empty warehouse; returns its exit code, what it printed and what it reported. */
  private static String[] sql(String query) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      int rc = Lode.execute("sql", "--warehouse", dir.resolve("wh").toString(), "--set", "spark.master=local[1]",
          "--format", "json", query);
      return new String[] {Integer.toString(rc), stdout.toString(StandardCharsets.UTF_8).strip(),
          stderr.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void lodeSqlCallsLodesFunctionsAndRefusesAWrongCall() {
    String[] ok = sql("select lode_language('src/app.py') as language, lode_is_test('tests/test_app.py') as test, "
        + "lode_is_imperative('Fix the parser') as imperative, lode_redact('ops@acme.io') as redacted");
    assertEquals("0", ok[0], ok[2]);
    assertEquals("{\"language\":\"python\",\"test\":true,\"imperative\":true,\"redacted\":\"[REDACTED:email]\"}",
        ok[1]);
    String[] wrong = sql("select lode_is_test()");
    assertEquals("2", wrong[0], "a wrong call is a refused query: " + wrong[2]);
    assertTrue(wrong[2].contains("lode_is_test takes 1 argument, got 0: lode_is_test(path)"), wrong[2]);
  }
}
