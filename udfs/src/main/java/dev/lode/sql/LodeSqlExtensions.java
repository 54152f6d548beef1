package dev.lode.sql;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.expressions.Expression;
import scala.Function1;
import scala.Tuple3;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Registers Lode's SQL functions ({@code lode_language}, {@code lode_is_test}, {@code lode_changed_symbols},
 * {@code lode_redact}, {@code lode_is_imperative}) in a Spark session, the Spark way: a session extension named in
 * {@code spark.sql.extensions}, which every Lode session sets ({@code LodeSession}). So the functions exist in
 * spark-submit jobs, notebooks and {@code lode sql} alike, and any session can have them with
 * {@code --conf spark.sql.extensions=dev.lode.sql.LodeSqlExtensions} and the udfs jar on its classpath.
 */
public final class LodeSqlExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    for (SqlFunction f : LodeFunctions.all()) {
      Function1<Seq<Expression>, Expression> builder = f::build;
      extensions.injectFunction(new Tuple3<>(f.identifier(), f.info(), builder));
    }
    return BoxedUnit.UNIT;
  }
}
