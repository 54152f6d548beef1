package dev.lode.jobs.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lode.config.ConfigLoader;
import dev.lode.config.LodeConfig;
import dev.lode.lakehouse.LodeSession;
import dev.lode.lakehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearDuplicatesTest {
  @TempDir static Path dir;
  static SparkSession spark;

  static final String VALIDATOR = """
      +def _in_validator(options):
      +    def validate(inst, attr, value):
      +        try:
      +            in_options = value in options
      +        except TypeError:
      +            in_options = False
      +        if not in_options:
      +            msg = f"'{attr.name}' must be in {options!r} (got {value!r})"
      +            raise ValueError(msg, attr, options, value)
      +    return validate
      +
      +def _ne_validator(bound):
      +    def validate(inst, attr, value):
      +        if value == bound:
      +            msg = f"'{attr.name}' must not be {bound!r}"
      +            raise ValueError(msg, attr, bound, value)
      +    return validate
      """;

  static final String CONVERTER = """
      -def optional(converter):
      -    return lambda val: None if val is None else converter(val)
      +def optional(converter):
      +    if isinstance(converter, list):
      +        converter = pipe(*converter)
      +    def optional_converter(val):
      +        if val is None:
      +            return None
      +        return converter(val)
      +    return optional_converter
      """;

  static final String LOGGER = """
      +class BoundLoggerLazyProxy:
      +    def __init__(self, logger, wrapper_class=None, processors=None, context_class=None):
      +        self._logger = logger
      +        self._wrapper_class = wrapper_class
      +        self._processors = processors
      +        self._context_class = context_class
      +    def bind(self, **new_values):
      +        return self.__class__(self._logger, self._wrapper_class, self._processors)
      """;

  @BeforeAll
  static void open() {
    LodeConfig config = ConfigLoader.load(null, List.of("spark.master=local[2]", "spark.shuffle_partitions=2"));
    spark = LodeSession.open(config, Warehouse.resolve(dir.resolve("wh").toString()), "NearDuplicatesTest");
  }

  @AfterAll
  static void close() {
    spark.stop();
  }

  private static Dataset<Row> docs(String... idText) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < idText.length; i += 2) {
      rows.add(RowFactory.create(idText[i], idText[i + 1]));
    }
    StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }

  private static Set<String> pairs(Dataset<Row> pairs) {
    Set<String> out = new TreeSet<>();
    for (Row r : pairs.collectAsList()) {
      out.add(r.get(0) + "~" + r.get(1));
    }
    return out;
  }

  @Test
  void aLightlyEditedCopyPairsWithItsOriginalAndUnrelatedTextsDoNot() {
    NearDuplicates nd = new NearDuplicates(0.7, 5, 20, 5, 42);
    String edited = VALIDATOR.replace("in_options = False", "in_options = None");
    Dataset<Row> d = docs("v1", VALIDATOR, "v2", edited, "c", CONVERTER, "l", LOGGER, "empty", "  ");
    Dataset<Row> found = nd.within(d, "id", "text");
    assertEquals(Set.of("v1~v2"), pairs(found));
    double similarity = found.head().getDouble(2);
    assertTrue(similarity >= 0.7 && similarity < 1.0, "similarity " + similarity);
  }

  @Test
  void aNearMissBelowTheThresholdSurvives() {
    NearDuplicates nd = new NearDuplicates(0.8, 5, 20, 5, 42);
    // Only the first function is shared: roughly half the shingles.
    String half = VALIDATOR.substring(0, VALIDATOR.indexOf("+def _ne_validator")) + LOGGER;
    assertEquals(Set.of(), pairs(nd.within(docs("v", VALIDATOR, "half", half), "id", "text")));
  }

  @Test
  void acrossFindsLeaksFromOneDatasetIntoAnother() {
    NearDuplicates nd = new NearDuplicates(0.8, 5, 20, 5, 42);
    Dataset<Row> train = docs("t1", VALIDATOR, "t2", LOGGER);
    Dataset<Row> test = docs("x1", CONVERTER, "x2", LOGGER.replace("    ", "  "));
    assertEquals(Set.of("x2~t2"), pairs(nd.across(test, train, "id", "text")));
  }

  @Test
  void storedSignaturesCompareWithNewOnes() {
    NearDuplicates nd = new NearDuplicates(0.8, 5, 20, 5, 42);
    Dataset<Row> stored = nd.signatures(docs("old", CONVERTER), "id", "text");
    Dataset<Row> fresh = new NearDuplicates(0.8, 5, 20, 5, 42).signatures(docs("new", CONVERTER + "\n"), "id", "text");
    Dataset<Row> found = nd.acrossSignatures(fresh, stored);
    assertEquals(Set.of("new~old"), pairs(found));
    assertEquals(1.0, found.head().getDouble(2));
  }
}
