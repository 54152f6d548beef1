package dev.lode.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.code.Languages;
import dev.lode.code.TestFiles;
import dev.lode.config.ConfigLoader;
import dev.lode.curate.secrets.SecretScanner;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lode's SQL functions in a real local session that loads them as Lode sessions do, through spark.sql.extensions. */
class LodeSqlExtensionsTest {
  private static SparkSession spark;

  @BeforeAll
  static void open() {
    spark = SparkSession.builder().master("local[1]").appName("lode-sql-functions")
        .config("spark.sql.extensions", LodeSqlExtensions.class.getName())
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "1")
        .getOrCreate();
  }

  @AfterAll
  static void close() {
    spark.stop();
  }

  private static Row one(String query) {
    return spark.sql(query).head();
  }

  @Test
  void languagesAndTestFilesAreNamedAsTheMinerNamesThem() {
    List<String> paths = List.of("src/app.py", "pkg/server_test.go", "src/main/java/a/Box.java",
        "src/test/java/a/BoxTest.java", "web/cart.spec.ts", "README", "Dockerfile", "docs/index.md");
    List<Row> rows = spark.createDataset(paths, Encoders.STRING()).toDF("path")
        .selectExpr("path", "lode_language(path)", "lode_is_test(path)").collectAsList();
    assertEquals(paths.size(), rows.size());
    for (Row r : rows) {
      String path = r.getString(0);
      assertEquals(Languages.of(path), r.getString(1), path);
      assertEquals(TestFiles.isTest(path), r.getBoolean(2), path);
    }
    Row r = one("select lode_language('src/app.py'), lode_is_test('tests/test_make.py'), lode_is_test('src/make.py')");
    assertEquals("python", r.getString(0));
    assertTrue(r.getBoolean(1));
    assertFalse(r.getBoolean(2));
  }

  /** {@code lode_changed_symbols} over one row of texts, given as columns (code does not sit well in SQL literals). */
  private static List<Object> changedSymbols(String before, String after, String language) {
    StructType schema = new StructType().add("before", DataTypes.StringType).add("after", DataTypes.StringType)
        .add("language", DataTypes.StringType);
    Row r = spark.createDataFrame(List.of(RowFactory.create(before, after, language)), schema)
        .selectExpr("lode_changed_symbols(before, after, language)").head();
    return r.isNullAt(0) ? null : r.getList(0);
  }

  @Test
  void changedSymbolsAreTheFunctionsWhoseLinesDiffer() {
    String before = "class Parser:\n    def parse(self, s):\n        return s\n\n    def name(self):\n"
        + "        return 'p'\n\n\ndef helper():\n    pass\n";
    assertEquals(List.of("Parser.parse"), changedSymbols(before, before.replace("return s", "return s.strip()"),
        "python"));
    assertEquals(List.of("helper"), changedSymbols(before, before.replace("    pass", "    return 1"), "python"));
    assertEquals(List.of("Parser.parse", "Parser.name", "helper"), changedSymbols(null, before, "python"),
        "a new file: all of it");
    assertEquals(List.of("Box.size"), changedSymbols("class Box {\n  int size() {\n    return 1;\n  }\n}\n",
        "class Box {\n  int size() {\n    return 2;\n  }\n}\n", "java"));
    assertEquals(List.of(), changedSymbols("a = 1\n", "a = 2\n", "toml"),
        "a language tree-sitter does not parse has none, as in bronze");
    assertNull(changedSymbols(null, null, "python"));
  }

  @Test
  void redactionIsCurations() {
    String text = "key = 'AKIAIOSFODNN7EXAMPLE' # ask ops@acme.io";
    String redacted = one("select lode_redact(\"" + text + "\")").getString(0);
    assertEquals(SecretScanner.of(ConfigLoader.defaults().curate().secrets()).redact(text, false), redacted);
    assertTrue(redacted.contains("[REDACTED:email]") && !redacted.contains("AKIAIOSFODNN7EXAMPLE"), redacted);
  }

  @Test
  void imperativeSubjectsGetTheRulesVerdict() {
    Row r = one("select lode_is_imperative('Add ne validator'), lode_is_imperative('Added ne validator'), "
        + "lode_is_imperative('fix(parser): handle None in converters (#1592)'), "
        + "lode_is_imperative('Typo in the docs'), lode_is_imperative('Don''t copy the class dict')");
    assertTrue(r.getBoolean(0));
    assertFalse(r.getBoolean(1), "a past form is not the imperative");
    assertTrue(r.getBoolean(2), "prefixes and issue references are cleaned off first");
    assertFalse(r.getBoolean(3));
    assertTrue(r.getBoolean(4));
  }

  @Test
  void nullInputsGiveNull() {
    Row r = one("select lode_language(null), lode_is_test(null), lode_changed_symbols(null, null, 'python'), "
        + "lode_changed_symbols('a\\n', 'b\\n', null), lode_redact(null), lode_is_imperative(null)");
    for (int i = 0; i < r.length(); i++) {
      assertNull(r.get(i), r.schema().fields()[i].name());
    }
  }

  @Test
  void aWrongNumberOfArgumentsIsRefusedNamingTheFunction() {
    AnalysisException two = assertThrows(AnalysisException.class, () -> spark.sql("select lode_language('a', 'b')"));
    assertTrue(two.getMessage().contains("lode_language takes 1 argument, got 2: lode_language(path)"),
        two.getMessage());
    AnalysisException one = assertThrows(AnalysisException.class,
        () -> spark.sql("select lode_changed_symbols('a')"));
    assertTrue(one.getMessage().contains("takes 3 arguments, got 1: lode_changed_symbols(before, after, language)"),
        one.getMessage());
  }

  @Test
  void describeFunctionShowsTheUsage() {
    String described = spark.sql("describe function extended lode_changed_symbols").collectAsList().toString();
    assertTrue(described.contains("Usage: lode_changed_symbols(before, after, language) - The functions and methods"),
        described);
    assertTrue(described.contains("* language - a language name as lode_language gives it"), described);
    for (String name : List.of("lode_language", "lode_is_test", "lode_redact", "lode_is_imperative")) {
      assertTrue(spark.sql("describe function " + name).collectAsList().toString().contains("Usage: " + name + "("),
          name);
    }
  }
}
