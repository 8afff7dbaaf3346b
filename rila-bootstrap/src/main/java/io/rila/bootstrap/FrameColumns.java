package io.rila.bootstrap;

import io.rila.core.frame.Frame;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The checks and reads of the entry points that take a {@link Frame} and column names. */
final class FrameColumns {

  private FrameColumns() {}

  /**
   * Fails unless {@code features} is a non-empty list of distinct names of columns of {@code
   * frame}.
   */
  static void checkFeatures(Frame frame, List<String> features) {
    Objects.requireNonNull(features, "features");
    if (features.isEmpty()) {
      throw new IllegalArgumentException("features: empty (expected: at least one column)");
    }
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < features.size(); j++) {
      String name = Objects.requireNonNull(features.get(j), "features[" + j + "]");
      if (!seen.add(name)) {
        throw new IllegalArgumentException(
            "features: '" + name + "' appears twice (expected: distinct columns)");
      }
      require(frame, name, "features");
    }
  }

  /** Fails unless {@code frame} has a column {@code name}; the message says {@code what} it is. */
  static void require(Frame frame, String name, String what) {
    if (!frame.hasColumn(name)) {
      throw new IllegalArgumentException(
          what + ": no column '" + name + "' (expected: one of " + frame.columnNames() + ")");
    }
  }

  /** The checked feature columns as rows; fails on a cell that is not finite, naming it. */
  static double[][] finiteRows(Frame frame, List<String> features) {
    double[][] x = frame.toRowMatrix(features);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new IllegalArgumentException(
              "features: column '" + features.get(j) + "', row " + i + " is " + x[i][j]
                  + " (expected: finite)");
        }
      }
    }
    return x;
  }

  /** The values of a named row in feature order, checked against the feature names. */
  static double[] namedRow(Map<String, Double> row, List<String> featureNames, String name) {
    Objects.requireNonNull(row, name);
    List<String> missing = new ArrayList<>();
    double[] values = new double[featureNames.size()];
    for (int j = 0; j < values.length; j++) {
      Double v = row.get(featureNames.get(j));
      if (v == null) {
        if (row.containsKey(featureNames.get(j))) {
          throw new NullPointerException(name + ".get(\"" + featureNames.get(j) + "\")");
        }
        missing.add(featureNames.get(j));
      } else {
        values[j] = v;
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(name + ": no value for " + missing
          + " (expected: one value for each feature " + featureNames + ")");
    }
    if (row.size() != values.length) {
      List<String> unknown = new ArrayList<>();
      for (String key : row.keySet()) {
        if (!featureNames.contains(key)) {
          unknown.add(key);
        }
      }
      throw new IllegalArgumentException(name + ": " + unknown + " are not features of this model"
          + " (expected: the features " + featureNames + " only)");
    }
    return values;
  }
}
