package dev.lode.sql;

import java.util.List;
import org.apache.spark.QueryContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import scala.Option;
import scala.collection.Seq;

/**
 * One of Lode's SQL functions: its name, its arguments (strings, each with what it means), what it returns and does,
 * an example, and the user-defined function that computes it by calling Lode's own logic. {@link LodeSqlExtensions}
 * registers each in every session.
 */
record SqlFunction(String name, List<Argument> arguments, String returns, String description, String example,
    String exampleResult, UserDefinedFunction udf) {

  /** One argument: its name in the usage text, and what it is. */
  record Argument(String name, String meaning) {}

  SqlFunction {
    arguments = List.copyOf(arguments);
    udf = udf.withName(name); // so that a result column reads lode_language(path), not UDF(path)
  }

  FunctionIdentifier identifier() {
    return new FunctionIdentifier(name);
  }

  /** {@code lode_language(path)}. */
  String signature() {
    return name + "(" + String.join(", ", arguments.stream().map(Argument::name).toList()) + ")";
  }

  /** What {@code DESCRIBE FUNCTION [EXTENDED]} shows, in the layout Spark checks for. */
  ExpressionInfo info() {
    StringBuilder args = new StringBuilder("\n    Arguments:\n");
    for (Argument a : arguments) {
      args.append("      * ").append(a.name()).append(" - ").append(a.meaning()).append('\n');
    }
    args.append("  ");
    String examples = "\n    Examples:\n      > SELECT " + example + ";\n       " + exampleResult + "\n  ";
    return new ExpressionInfo(LodeSqlExtensions.class.getName(), null, name,
        signature() + " - " + description + " Returns " + returns + ".", args.toString(), examples, "", "misc_funcs",
        "", "", "java_udf");
  }

  /**
   * The function applied to {@code args}: the UDF over each argument cast to a string. A call with the wrong number of
   * arguments is refused while the query is analysed, naming the function and its arguments.
   */
  Expression build(Seq<Expression> args) {
    if (args.size() != arguments.size()) {
      throw analysisError(name + " takes " + arguments.size() + " argument" + (arguments.size() == 1 ? "" : "s")
          + ", got " + args.size() + ": " + signature() + " - " + description);
    }
    Column[] columns = new Column[args.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new Column(args.apply(i)).cast(DataTypes.StringType);
    }
    return udf.apply(columns).expr();
  }

  /**
   * Spark's own error for a query it cannot analyse, which {@code lode sql} reports as a refused query. Scala throws
   * it from a function builder as it likes; Java counts it as checked, so it is thrown past the compiler here.
   */
  private static RuntimeException analysisError(String message) {
    AnalysisException e = new AnalysisException(message, Option.empty(), Option.empty(), Option.empty(),
        Option.empty(), scala.collection.immutable.Map$.MODULE$.empty(), new QueryContext[0]);
    return SqlFunction.<RuntimeException>unchecked(e);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E unchecked(Throwable e) throws E {
    throw (E) e;
  }
}
