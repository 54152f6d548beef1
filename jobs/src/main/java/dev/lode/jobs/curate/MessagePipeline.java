package dev.lode.jobs.curate;

import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.annotators.LemmatizerModel;
import com.johnsnowlabs.nlp.annotators.Normalizer;
import com.johnsnowlabs.nlp.annotators.Tokenizer;
import com.johnsnowlabs.nlp.annotators.keyword.yake.YakeKeywordExtraction;
import com.johnsnowlabs.nlp.util.io.ResourceHelper$;
import dev.lode.curate.MessageFeatures;
import dev.lode.curate.message.VerbLexicon;
import java.lang.reflect.Field;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import scala.collection.JavaConverters;

/**
 * The message NLP of curation: a Spark ML pipeline of Spark-NLP annotators that need no downloaded model.
 *
 * <pre>
 *  subject_clean ─ DocumentAssembler ─ Tokenizer ─ Normalizer ─ LemmatizerModel (verb lexicon as dictionary)
 *  instruction   ─ DocumentAssembler ─ Tokenizer ─┬─ Normalizer
 *                                                  └─ YakeKeywordExtraction
 * </pre>
 *
 * {@link #annotate} adds {@code subject_tokens}, {@code subject_words}, {@code subject_lemmas}, {@code message_words},
 * {@code keywords} and {@code keyword_scores} (YAKE: lower is better) to rows holding {@code subject_clean} and
 * {@code instruction}. Run it only on commits that passed the cheap rules: it is the expensive step.
 */
public final class MessagePipeline {
  /** Letters and digits survive normalization; {@code Don't} becomes {@code dont}, {@code README.md} {@code readmemd}. */
  private static final String[] CLEANUP = {MessageFeatures.NOT_A_WORD};

  private final int keywords;

  /** @param keywords how many YAKE keywords to extract per message (at least 1 is extracted for scoring) */
  public MessagePipeline(int keywords) {
    this.keywords = Math.max(1, keywords);
  }

  public Dataset<Row> annotate(Dataset<Row> rows) {
    useLiveSession(rows.sparkSession());
    Dataset<Row> input = rows
        .withColumn("subject_clean", functions.coalesce(functions.col("subject_clean"), functions.lit("")))
        .withColumn("instruction", functions.coalesce(functions.col("instruction"), functions.lit("")));
    PipelineModel model = pipeline().fit(input);
    return model.transform(input)
        .withColumn("subject_tokens", functions.col("nlp_subject_tokens.result"))
        .withColumn("subject_words", functions.col("nlp_subject_words.result"))
        .withColumn("subject_lemmas", functions.col("nlp_subject_lemmas.result"))
        .withColumn("message_words", functions.col("nlp_message_words.result"))
        .withColumn("keywords", functions.col("nlp_keywords.result"))
        .withColumn("keyword_scores", functions.expr("transform(nlp_keywords.metadata, m -> cast(m['score'] as double))"))
        .drop("nlp_subject_doc", "nlp_subject_tokens", "nlp_subject_words", "nlp_subject_lemmas", "nlp_message_doc",
            "nlp_message_tokens", "nlp_message_words", "nlp_keywords");
  }

  /**
   * Spark-NLP keeps the first session it sees in a static and broadcasts annotator dictionaries through it. In a JVM
   * that stops and starts sessions (a notebook kernel, a test suite) that session may be stopped: point Spark-NLP at
   * the live one.
   */
  static synchronized void useLiveSession(SparkSession live) {
    ResourceHelper$ helper = ResourceHelper$.MODULE$;
    if (!helper.spark().sparkContext().isStopped()) {
      return;
    }
    try {
      Field field = ResourceHelper$.class.getDeclaredField("spark");
      field.setAccessible(true);
      field.set(helper, live);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Spark-NLP holds a stopped Spark session and it cannot be replaced", e);
    }
  }

  private Pipeline pipeline() {
    DocumentAssembler subjectDoc = new DocumentAssembler();
    subjectDoc.setInputCol("subject_clean");
    subjectDoc.setOutputCol("nlp_subject_doc");

    Tokenizer subjectTokens = new Tokenizer();
    subjectTokens.setInputCols(new String[] {"nlp_subject_doc"});
    subjectTokens.setOutputCol("nlp_subject_tokens");

    Normalizer subjectWords = new Normalizer();
    subjectWords.setInputCols(new String[] {"nlp_subject_tokens"});
    subjectWords.setOutputCol("nlp_subject_words");
    subjectWords.setLowercase(true);
    subjectWords.setCleanupPatterns(CLEANUP);

    LemmatizerModel lemmas = new LemmatizerModel();
    lemmas.setInputCols(new String[] {"nlp_subject_words"});
    lemmas.setOutputCol("nlp_subject_lemmas");
    lemmas.setLemmaDict(JavaConverters.mapAsScalaMap(VerbLexicon.standard().dictionary())
        .toMap(scala.Predef.$conforms()));

    DocumentAssembler messageDoc = new DocumentAssembler();
    messageDoc.setInputCol("instruction");
    messageDoc.setOutputCol("nlp_message_doc");

    Tokenizer messageTokens = new Tokenizer();
    messageTokens.setInputCols(new String[] {"nlp_message_doc"});
    messageTokens.setOutputCol("nlp_message_tokens");

    Normalizer messageWords = new Normalizer();
    messageWords.setInputCols(new String[] {"nlp_message_tokens"});
    messageWords.setOutputCol("nlp_message_words");
    messageWords.setLowercase(true);
    messageWords.setCleanupPatterns(CLEANUP);

    YakeKeywordExtraction yake = new YakeKeywordExtraction();
    yake.setInputCols(new String[] {"nlp_message_tokens"});
    yake.setOutputCol("nlp_keywords");
    yake.setNKeywords(keywords);
    yake.setMinNGrams(1);
    yake.setMaxNGrams(3);

    return new Pipeline().setStages(new PipelineStage[] {subjectDoc, subjectTokens, subjectWords, lemmas, messageDoc,
        messageTokens, messageWords, yake});
  }
}
