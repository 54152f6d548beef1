package dev.lode.jobs.curate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import dev.lode.curate.message.InstructionCleaner;
import dev.lode.curate.message.Subjects;
import dev.lode.lakehouse.LodeSession;
import dev.lode.lakehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message rules (imperative, descriptive, English) on a labelled set of commit subjects written for this test, run
 * through the real Spark-NLP pipeline in local[2] with no model downloaded. A subject is labelled good when it is an
 * English instruction that says what changed; the combined message decision must reach 0.9 precision and recall.
 */
class MessageRulesLabelledTest {
  private static final Logger LOG = LoggerFactory.getLogger(MessageRulesLabelledTest.class);

  @TempDir static Path dir;
  static SparkSession spark;
  static LodeConfig config;

  static final List<String> GOOD = List.of(
      "Add ne validator",
      "Handle ClassVar forward references in annotations",
      "Fix crash when a converter returns None",
      "Remove deprecated cmp argument from attr.s",
      "Make on_setattr hooks accept generators (#1592)",
      "Support slotted classes with cached properties",
      "Raise TypeError for unhashable defaults",
      "Use __slots__ for frozen classes by default",
      "Drop support for Python 3.7",
      "Document the evolve function with examples",
      "Allow validators to be combined with and_",
      "Avoid recursion in repr of self-referencing instances",
      "Speed up hashing of frozen instances",
      "Deprecate the attr namespace in favour of attrs",
      "Expose converter as a decorator (#1541)",
      "Defer imports on the cold import path",
      "Stop evolve dunders from being modified",
      "Switch import benchmarks to walltime",
      "Rename make_class parameter to bases",
      "Prevent infinite loop in asdict for cyclic structures",
      "Implement __match_args__ for pattern matching",
      "Improve error message for missing mandatory attributes",
      "Replace six with native Python 3 constructs",
      "Ensure pickling works for slotted classes with weakrefs",
      "Don't copy the class dict when slots are disabled",
      "Do not call __attrs_post_init__ twice on evolve",
      "Never mutate the default factory result",
      "Clean up the legacy cmp handling in _make",
      "Convert string annotations before resolving types",
      "Check for reserved attribute names in define",
      "Preserve the docstring of decorated classes",
      "Reuse the cached hash in frozen subclasses",
      "Optimize the generated __init__ for keyword-only attributes",
      "Refactor the class builder into smaller methods",
      "Simplify the repr of Factory objects",
      "Pass the instance to converters that ask for it",
      "Accept a list of converters in optional",
      "Return NotImplemented for comparisons with other types",
      "Validate alias names at class creation time",
      "Add type stubs for the validators module",
      "Introduce a processor for logfmt output",
      "Add the callsite parameters processor",
      "Bind the logger lazily on first use",
      "Set the default log level from the environment variable",
      "Format exceptions with rich when it is installed",
      "Move the stdlib integration into its own module",
      "Skip the JSON renderer test on PyPy",
      "Test the async logger methods against asyncio",
      "Register structure hooks for TypedDicts",
      "Unstructure enums by value instead of by name",
      "Generate specialized functions for dataclasses",
      "Detect cycles in the structuring of recursive classes",
      "Include the field name in validation errors",
      "Catch KeyError when structuring missing keys",
      "Wrap structuring errors in a ClassValidationError",
      "Forbid extra keys when the converter is strict",
      "Override field names via the rename argument",
      "Port the preconf converters to msgspec",
      "Provide a hook factory for NewTypes",
      "Extend the tagged union strategy to handle literals",
      "Create a Converter copy with the same hooks",
      "Update converters to accept generators",
      "Update the CI matrix to include Python 3.13 and PyPy",
      "Fix the wording of the frozen instance error message",
      "Improve performance of the dispatch cache lookup",
      "Refactor the hook registration to use a single dispatch table",
      "Enable strict mypy checking for the tests package",
      "Disable the flaky timing test on Windows",
      "Pin the docs theme to avoid broken navigation",
      "Mark the legacy API as deprecated in the docs",
      "Tighten the type of the validator argument",
      "Trim trailing whitespace from rendered log lines",
      "Escape control characters in the console renderer",
      "Let processors drop events by raising DropEvent",
      "Keep the order of keys in the key-value renderer",
      "Emit a warning when both default and factory are given",
      "Propagate the context across threads with contextvars",
      "Serialize datetimes as ISO 8601 strings",
      "Limit the recursion depth of the pretty printer",
      "Merge the two exception formatting code paths",
      "Split the stdlib module into processors and loggers",
      "Restore compatibility with Python 3.8 typing",
      "Guard against None in the timestamp processor",
      "Reorder the processors so that exceptions are formatted first",
      "Replace the custom lock with threading.Lock",
      "Lower the log level of the cache miss message",
      "Inline the attribute lookup in the hot path",
      "clean up the unused imports in the converters module",
      "docs: add a section on validators for collections",
      "fix(converters): handle None in default_if_none",
      "Rewrite the keyword-only handling without inspect",
      "Build wheels for musllinux as well",
      "Warn about mutable defaults in define",
      "Reject negative values in the gt validator",
      "Show the attribute name in the repr of Attribute");

  static final List<String> BAD = List.of(
      "Added ne validator",
      "Fixes #123",
      "Fixed crash in converter",
      "Adding support for slots",
      "Updated README",
      "Removes deprecated cmp",
      "Handled None values",
      "Refactoring of the class builder",
      "Improvements to the documentation",
      "Typo in README",
      "Docs for evolve",
      "Changelog for the next release",
      "Minor fixes",
      "fix",
      "wip",
      ".",
      "update",
      "Update README.md",
      "Update docs",
      "Fix typo",
      "Fix tests",
      "Fix build",
      "minor",
      "more tests",
      "Cleanup",
      "Small changes",
      "Tweaks",
      "Misc",
      "typo",
      "Oops",
      "Address review comments",
      "Apply suggestions from code review",
      "Update setup.py",
      "Update tox.ini",
      "Update .gitignore",
      "update dev (#1589)",
      "update sponsors",
      "Update CHANGELOG.md",
      "Fix lint",
      "Fix docs",
      "Improve docs",
      "Refactor code",
      "Tests pass now",
      "New converter for enums",
      "Better error messages",
      "Support for slotted classes",
      "Working on the converter",
      "Converter now handles None",
      "The validator raises on None",
      "This fixes the crash on empty input",
      "Attempt to fix the flaky test",
      "Initial commit",
      "Version bump",
      "Release 23.1.0",
      "v1.2.3",
      "Merge branch 'main' into feature",
      "Merge pull request #42 from hynek/slots",
      "Merged PR 42",
      "Füge Unterstützung für gefrorene Klassen hinzu",
      "Corrige la validation des attributs",
      "Agregar soporte para clases congeladas",
      "Исправить ошибку в конвертере",
      "修复转换器中的错误",
      "Correção do erro no conversor de datas",
      "Korrigiert den Fehler beim Konvertieren von Daten",
      "Lots of small fixes",
      "Some refactoring",
      "Random cleanups",
      "Stuff",
      "Make it work",
      "fix it",
      "More fixes",
      "Renamed variables",
      "Moved tests around",
      "Changes requested in review",
      "Bugfix",
      "Hotfix for production",
      "Quick fix",
      "Linting",
      "Formatting",
      "Reformatted with black",
      "Ran black",
      "Finally works",
      "Trying something",
      "Testing CI",
      "Docs",
      "README",
      "Tests",
      "Fix #1234",
      "Closes #42",
      "See previous commit",
      "Prep",
      "Fix stuff",
      "Update dependencies",
      "Bump version");

  @BeforeAll
  static void open() {
    config = ConfigLoader.load(null, List.of("spark.master=local[2]", "spark.shuffle_partitions=2"));
    spark = LodeSession.open(config, Warehouse.resolve(dir.resolve("wh").toString()), "MessageRulesLabelledTest");
  }

  @AfterAll
  static void close() {
    spark.stop();
  }

  @Test
  void theMessageRuleReachesNinetyPercentPrecisionAndRecallOnTheLabelledSubjects() {
    assertTrue(GOOD.size() + BAD.size() >= 150, "the labelled set has at least 150 subjects");
    List<Row> rows = new ArrayList<>();
    Map<String, Boolean> label = new HashMap<>();
    Map<String, String> subjectOf = new HashMap<>();
    int i = 0;
    for (List<String> set : List.of(GOOD, BAD)) {
      for (String subject : set) {
        String id = "s" + i++;
        label.put(id, set == GOOD);
        subjectOf.put(id, subject);
        rows.add(RowFactory.create("labelled", id, Subjects.clean(subject), InstructionCleaner.clean(subject)));
      }
    }
    StructType schema = new StructType().add("repo_id", DataTypes.StringType).add("sha", DataTypes.StringType)
        .add("subject_clean", DataTypes.StringType).add("instruction", DataTypes.StringType);
    Dataset<Row> scored = new MessagePipeline(config.curate().message().keywords())
        .annotate(spark.createDataFrame(rows, schema))
        .mapPartitions(new MessageScoring(config.curate()), Encoders.row(MessageScoring.SCHEMA));
    int tp = 0;
    int fp = 0;
    int fn = 0;
    List<String> wrong = new ArrayList<>();
    for (Row r : scored.collectAsList()) {
      String id = r.getString(1);
      boolean predicted = r.getBoolean(r.fieldIndex("message_passed"));
      boolean good = label.get(id);
      if (predicted && good) {
        tp++;
      } else if (predicted) {
        fp++;
        wrong.add("accepted bad: " + subjectOf.get(id));
      } else if (good) {
        fn++;
        wrong.add("rejected good: " + subjectOf.get(id) + " " + r.getList(r.fieldIndex("message_rules")));
      }
    }
    double precision = (double) tp / (tp + fp);
    double recall = (double) tp / (tp + fn);
    LOG.info("labelled subjects: {} good, {} bad; precision {} recall {}; misjudged: {}", GOOD.size(), BAD.size(),
        String.format("%.3f", precision), String.format("%.3f", recall), wrong);
    assertTrue(precision >= 0.9, "precision " + precision + " " + wrong);
    assertTrue(recall >= 0.9, "recall " + recall + " " + wrong);
  }
}
