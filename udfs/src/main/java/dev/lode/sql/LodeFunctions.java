package dev.lode.sql;

import static org.apache.spark.sql.functions.udf;

import dev.lode.code.ChangedMethods;
import dev.lode.code.CodeParser;
import dev.lode.code.Grammar;
import dev.lode.code.Languages;
import dev.lode.code.TestFiles;
import dev.lode.config.ConfigLoader;
import dev.lode.curate.MessageFeatures;
import dev.lode.curate.message.VerbLexicon;
import dev.lode.curate.rules.ImperativeSubjectRule;
import dev.lode.curate.secrets.SecretScanner;
import dev.lode.sql.SqlFunction.Argument;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;

/**
 * Lode's row-level functions as Spark SQL functions, each a thin call into the logic the stages use: languages and
 * test files as the miner names them, changed symbols as bronze's {@code changed_methods}, redaction as curation
 * applies it, the imperative-subject rule's verdict. Every function returns null for a null input.
 */
final class LodeFunctions {
  private LodeFunctions() {}

  /** A tree-sitter parser per thread: a parser is not thread-safe, and Spark runs a task per thread. */
  private static final ThreadLocal<CodeParser> PARSERS = ThreadLocal.withInitial(CodeParser::new);

  /** The imperative-subject rule, built once per JVM (its lexicon is loaded from the jar). */
  private static final class Imperative {
    static final ImperativeSubjectRule RULE = new ImperativeSubjectRule(VerbLexicon.standard());
  }

  private static final Argument PATH = new Argument("path", "a file path relative to the repository root");

  static List<SqlFunction> all() {
    // Redaction with the default curate.secrets settings of conf/lode.yaml: a session carries no Lode configuration.
    SecretScanner scanner = SecretScanner.of(ConfigLoader.defaults().curate().secrets());
    return List.of(
        new SqlFunction("lode_language", List.of(PATH), "a string",
            "The programming language of a file from its name (python, java, …), as bronze.file_changes.language; "
                + "null when the name says nothing.",
            "lode_language('src/app.py')", "python",
            udf((UDF1<String, String>) Languages::of, DataTypes.StringType)),
        new SqlFunction("lode_is_test", List.of(PATH), "a boolean",
            "Whether the file is a test by its path and name (tests/, src/test/, test_*.py, *_test.go, *Test.java, "
                + "*.spec.ts, …), as bronze.file_changes.is_test.",
            "lode_is_test('tests/test_make.py')", "true",
            udf((UDF1<String, Boolean>) path -> path == null ? null : TestFiles.isTest(path), DataTypes.BooleanType)),
        new SqlFunction("lode_changed_symbols",
            List.of(new Argument("before", "the file's text before the change; null for a new file"),
                new Argument("after", "the file's text after the change; null for a deleted file"),
                new Argument("language", "a language name as lode_language gives it")),
            "an array of strings",
            "The functions and methods whose lines differ between the two texts, qualified (Class.method), as "
                + "bronze.file_changes.changed_methods; empty for a language tree-sitter does not parse, null when "
                + "both texts or the language are null.",
            "lode_changed_symbols('def f():\\n    return 1\\n', 'def f():\\n    return 2\\n', 'python')", "[\"f\"]",
            udf((UDF3<String, String, String, List<String>>) LodeFunctions::changedSymbols,
                DataTypes.createArrayType(DataTypes.StringType, false))),
        new SqlFunction("lode_redact", List.of(new Argument("text", "any text")), "a string",
            "The text with credentials and e-mail addresses replaced by [REDACTED:kind], as curation redacts what "
                + "an example keeps (the default curate.secrets settings).",
            "lode_redact('mail ops@acme.io')", "mail [REDACTED:email]",
            udf((UDF1<String, String>) text -> scanner.redact(text, false), DataTypes.StringType)),
        new SqlFunction("lode_is_imperative", List.of(new Argument("subject", "a commit subject")), "a boolean",
            "Whether the subject begins with an imperative verb (Add, Fix, Don't …), the verdict of curation's "
                + "imperative_subject rule on the subject alone.",
            "lode_is_imperative('Fixed the parser')", "false",
            udf((UDF1<String, Boolean>) subject -> subject == null ? null
                : Imperative.RULE.judge(MessageFeatures.ofSubject(subject, VerbLexicon.standard())).passed(),
                DataTypes.BooleanType)));
  }

  private static List<String> changedSymbols(String before, String after, String language) {
    if (language == null || (before == null && after == null)) {
      return null;
    }
    Grammar grammar = Grammar.forLanguage(language).orElse(null);
    if (grammar == null) {
      return List.of();
    }
    return ChangedMethods.between(PARSERS.get(), grammar, utf8(before), utf8(after));
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }
}
