package io.rila.spark.ml;

import io.rila.bootstrap.TargetTransform;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/** The training rows of one fit, gathered in order and checked cell by cell. */
final class Rows {

  private final double[][] x;
  private final double[] y;
  private final double[] weights;

  private Rows(double[][] x, double[] y, double[] weights) {
    this.x = x;
    this.y = y;
    this.weights = weights;
  }

  double[][] x() {
    return x;
  }

  double[] y() {
    return y;
  }

  /** The weights, or null for equal weights. */
  double[] weights() {
    return weights;
  }

  int features() {
    return x[0].length;
  }

  /** Checks that the columns a fit reads are there and of the right types. */
  static void checkFitSchema(StructType schema, String features, String label, String weight,
      String order) {
    checkVector(schema, features, "featuresCol");
    checkNumeric(schema, label, "labelCol");
    if (!weight.isEmpty()) {
      checkNumeric(schema, weight, "weightCol");
    }
    if (order.isEmpty()) {
      throw new IllegalArgumentException("orderCol: not set (expected: a column whose distinct"
          + " values order the rows of a fit, e.g. the week, so that the model does not depend"
          + " on partitioning)");
    }
    field(schema, order, "orderCol");
  }

  static StructField field(StructType schema, String name, String param) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(param + ": column '" + name + "' not found (columns: "
        + String.join(", ", schema.fieldNames()) + ")");
  }

  static void checkVector(StructType schema, String name, String param) {
    DataType type = field(schema, name, param).dataType();
    if (!type.equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(param + ": column '" + name + "' is "
          + type.simpleString() + " (expected: a vector, e.g. a VectorAssembler's output)");
    }
  }

  static void checkNumeric(StructType schema, String name, String param) {
    DataType type = field(schema, name, param).dataType();
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException(param + ": column '" + name + "' is "
          + type.simpleString() + " (expected: a numeric type)");
    }
  }

  static void checkLevels(double[] levels) {
    for (int i = 0; i < levels.length; i++) {
      if (!(levels[i] >= 0 && levels[i] <= 1)) {
        throw new IllegalArgumentException(
            "quantiles[" + i + "]: " + levels[i] + " (expected: in [0, 1])");
      }
    }
  }

  /** The schema with the prediction and quantiles columns added. */
  static StructType outputSchema(StructType schema, String features, String prediction,
      String quantiles) {
    for (String name : new String[] {prediction, quantiles}) {
      if (schema.getFieldIndex(name).isDefined()) {
        throw new IllegalArgumentException("output column '" + name + "' already exists");
      }
    }
    return schema.add(prediction, DataTypes.DoubleType, true)
        .add(quantiles, DataTypes.createArrayType(DataTypes.DoubleType, false), true);
  }

  /**
   * The columns a fit reads, in the order {@link #of} expects them: order, features, label
   * (as double), weight (as double, if any), then {@code extra} (e.g. the group).
   */
  static Column[] fitColumns(String features, String label, String weight, String order,
      String... extra) {
    List<Column> columns = new ArrayList<>();
    columns.add(functions.col(order));
    columns.add(functions.col(features));
    columns.add(functions.col(label).cast(DataTypes.DoubleType));
    if (!weight.isEmpty()) {
      columns.add(functions.col(weight).cast(DataTypes.DoubleType));
    }
    for (String name : extra) {
      columns.add(functions.col(name));
    }
    return columns.toArray(new Column[0]);
  }

  /**
   * The rows of {@code dataset}, sorted by {@code order}, gathered on the driver.
   *
   * @throws IllegalArgumentException as {@link #of}
   */
  static Rows gather(Dataset<?> dataset, String features, String label, String weight,
      String order, TargetTransform transform) {
    List<Row> rows = dataset.select(fitColumns(features, label, weight, order))
        .orderBy(functions.col(order).asc_nulls_first()).collectAsList();
    return of(rows, features, label, weight, order, transform, "");
  }

  /** Sorts rows of {@link #fitColumns} by their order value (column 0), nulls first. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void sortByOrder(List<Row> rows) {
    rows.sort((a, b) -> {
      Object u = a.get(0);
      Object v = b.get(0);
      if (u == null || v == null) {
        return u == null ? (v == null ? 0 : -1) : 1;
      }
      return ((Comparable) u).compareTo(v);
    });
  }

  /**
   * The training arrays of rows of {@link #fitColumns}, already sorted by their order value.
   *
   * @param prefix what names the rows' set in messages ("" or "group 'A', ")
   * @throws IllegalArgumentException for a null, NaN or infinite cell, a label outside the
   *     transform's domain, a negative weight, vectors of different sizes or a repeated order
   *     value, naming the column and the row's order value
   */
  static Rows of(List<Row> rows, String features, String label, String weight, String order,
      TargetTransform transform, String prefix) {
    int n = rows.size();
    if (n == 0) {
      throw new IllegalArgumentException(prefix + "dataset: no rows (expected: at least 2)");
    }
    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] w = weight.isEmpty() ? null : new double[n];
    Object previous = null;
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      if (row.isNullAt(0)) {
        throw new IllegalArgumentException(prefix + "column '" + order
            + "': null (expected: an order value on every row)");
      }
      Object key = row.get(0);
      String where = prefix + "row " + order + "=" + key;
      if (key.equals(previous)) {
        throw new IllegalArgumentException("column '" + order + "': " + where
            + " appears twice (expected: distinct order values)");
      }
      previous = key;
      if (row.isNullAt(1)) {
        throw new IllegalArgumentException("column '" + features + "', " + where + ": null");
      }
      double[] v = ((Vector) row.get(1)).toArray();
      if (i > 0 && v.length != x[0].length) {
        throw new IllegalArgumentException("column '" + features + "', " + where + ": "
            + v.length + " features (expected: " + x[0].length + ", as the first row)");
      }
      for (int j = 0; j < v.length; j++) {
        if (!Double.isFinite(v[j])) {
          throw new IllegalArgumentException("column '" + features + "', " + where
              + ", feature " + j + ": " + v[j] + " (expected: a finite number)");
        }
      }
      x[i] = v;
      y[i] = cell(row, 2, label, where);
      if (!inDomain(transform, y[i])) {
        throw new IllegalArgumentException("column '" + label + "', " + where + ": " + y[i]
            + " (expected: inside the domain of the target transform " + transform + ")");
      }
      if (w != null) {
        w[i] = cell(row, 3, weight, where);
        if (w[i] < 0) {
          throw new IllegalArgumentException(
              "column '" + weight + "', " + where + ": " + w[i] + " (expected: >= 0)");
        }
      }
    }
    if (x[0].length == 0) {
      throw new IllegalArgumentException(
          prefix + "column '" + features + "': empty vectors (expected: at least one feature)");
    }
    return new Rows(x, y, w);
  }

  private static boolean inDomain(TargetTransform transform, double y) {
    try {
      return Double.isFinite(transform.apply(y));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static double cell(Row row, int index, String column, String where) {
    if (row.isNullAt(index)) {
      throw new IllegalArgumentException("column '" + column + "', " + where + ": null");
    }
    double value = row.getDouble(index);
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("column '" + column + "', " + where + ": " + value
          + " (expected: a finite number)");
    }
    return value;
  }

  /**
   * The feature names a VectorAssembler recorded in the column's metadata, or null where they
   * are missing, repeated or not {@code count} of them ({@code count < 0}: any number).
   */
  static List<String> featureNames(StructType schema, String features, int count) {
    AttributeGroup group = AttributeGroup.fromStructField(schema.apply(features));
    Option<Attribute[]> attributes = group.attributes();
    if (attributes.isEmpty() || (count >= 0 && attributes.get().length != count)) {
      return null;
    }
    List<String> names = new ArrayList<>(attributes.get().length);
    Set<String> seen = new HashSet<>();
    for (Attribute a : attributes.get()) {
      if (a.name().isEmpty() || !seen.add(a.name().get())) {
        return null;
      }
      names.add(a.name().get());
    }
    return names;
  }
}
