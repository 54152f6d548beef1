package dev.lode.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Prints a query result as an aligned table, CSV (RFC 4180, with header) or JSON lines (one object per row). */
final class ResultPrinter {
  enum Format { table, csv, json }

  private static final int MAX_CELL = 80;

  private ResultPrinter() {}

  static void print(Dataset<Row> rows, Format format, int limit, PrintStream out) {
    switch (format) {
      case json -> {
        Iterator<String> it = limited(rows, limit).toJSON().toLocalIterator();
        while (it.hasNext()) {
          out.println(it.next());
        }
      }
      case csv -> {
        rows = flat(rows);
        String[] cols = rows.columns();
        out.println(String.join(",", List.of(cols).stream().map(ResultPrinter::csvCell).toList()));
        Iterator<Row> it = limited(rows, limit).toLocalIterator();
        while (it.hasNext()) {
          Row r = it.next();
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < cols.length; i++) {
            cells.add(csvCell(cell(r, i)));
          }
          out.println(String.join(",", cells));
        }
      }
      case table -> table(flat(rows), limit, out);
    }
    out.flush();
  }

  private static Dataset<Row> limited(Dataset<Row> rows, int limit) {
    return limit > 0 ? rows.limit(limit) : rows;
  }

  private static void table(Dataset<Row> rows, int limit, PrintStream out) {
    StructField[] fields = rows.schema().fields();
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      header[i] = fields[i].name();
    }
    lines.add(header);
    for (Row r : limited(rows, limit).collectAsList()) {
      String[] line = new String[fields.length];
      for (int i = 0; i < fields.length; i++) {
        String v = cell(r, i);
        v = v == null ? "NULL" : v.replace("\n", "\\n").replace("\t", "\\t");
        line[i] = v.length() > MAX_CELL ? v.substring(0, MAX_CELL - 1) + "…" : v;
      }
      lines.add(line);
    }
    int[] width = new int[fields.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].codePointCount(0, line[i].length()));
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : width) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    out.println(rule);
    for (int l = 0; l < lines.size(); l++) {
      StringBuilder sb = new StringBuilder("|");
      String[] line = lines.get(l);
      for (int i = 0; i < line.length; i++) {
        int pad = width[i] - line[i].codePointCount(0, line[i].length());
        sb.append(' ').append(line[i]).append(" ".repeat(pad)).append(" |");
      }
      out.println(sb);
      if (l == 0) {
        out.println(rule);
      }
    }
    out.println(rule);
    out.println((lines.size() - 1) + " row" + (lines.size() == 2 ? "" : "s"));
  }

  private static String cell(Row r, int i) {
    return r.isNullAt(i) ? null : r.get(i).toString();
  }

  /** Nested values (arrays, maps, structs) become JSON text, as Spark's to_json writes them. */
  private static Dataset<Row> flat(Dataset<Row> rows) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      Column c = functions.col("`" + f.name() + "`");
      boolean nested = f.dataType() instanceof ArrayType || f.dataType() instanceof MapType
          || f.dataType() instanceof StructType;
      cols.add(nested ? functions.to_json(c).as(f.name()) : c);
    }
    return rows.select(cols.toArray(Column[]::new));
  }

  private static String csvCell(String v) {
    if (v == null) {
      return "";
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
