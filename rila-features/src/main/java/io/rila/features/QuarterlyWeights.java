package io.rila.features;

import io.rila.core.frame.Frame;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Market-share weights per company and calendar quarter, for {@link
 * CompetitorAggregates.Builder#weightedMean(String, QuarterlyWeights)}.
 *
 * <pre>{@code
 * FrameCsv csv = FrameCsv.newBuilder().skipColumns("current_quarter").build();
 * Frame table = csv.read(path);                                  // Allianz_weight, ...
 * List<String> keys = csv.readStrings(path, "current_quarter");  // "2021_Q2", ...
 * QuarterlyWeights weights = QuarterlyWeights.fromKeys(keys, table, "_weight");
 * // or, from numeric columns: QuarterlyWeights.fromYearQuarter(table, "year", "quarter", "_weight")
 * }</pre>
 *
 * <p>Each row of the weights frame is one quarter; the weight of company {@code c} is in column
 * {@code c + columnSuffix}. Whether a missing quarter, column or cell is an error or a zero weight
 * is up to the {@link MissingRatePolicy} of the aggregates that use the weights.
 *
 * <p>Immutable and thread-safe.
 */
public final class QuarterlyWeights {

  private final Frame weights;
  private final String columnSuffix;
  private final Map<Integer, Integer> rowOfQuarter;

  private QuarterlyWeights(Frame weights, String columnSuffix, Map<Integer, Integer> rowOfQuarter) {
    this.weights = weights;
    this.columnSuffix = columnSuffix;
    this.rowOfQuarter = rowOfQuarter;
  }

  /**
   * Weights whose row {@code i} belongs to quarter {@code quarterKeys.get(i)}, written {@code
   * YYYY_Qn} (for example {@code 2021_Q2}).
   *
   * @throws IllegalArgumentException if the key count differs from the row count, a key is
   *     malformed, or a quarter repeats
   */
  public static QuarterlyWeights fromKeys(
      List<String> quarterKeys, Frame weights, String columnSuffix) {
    Objects.requireNonNull(quarterKeys, "quarterKeys");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(columnSuffix, "columnSuffix");
    if (quarterKeys.size() != weights.rows()) {
      throw new IllegalArgumentException(
          "quarterKeys: " + quarterKeys.size() + " keys (expected: " + weights.rows()
              + ", the rows of weights)");
    }
    Map<Integer, Integer> rows = new HashMap<>();
    for (int i = 0; i < quarterKeys.size(); i++) {
      String key = Objects.requireNonNull(quarterKeys.get(i), "quarterKeys[" + i + "]");
      if (!key.matches("\\d{4}_Q[1-4]")) {
        throw new IllegalArgumentException(
            "quarterKeys[" + i + "]: '" + key + "' (expected: YYYY_Qn, n in 1..4)");
      }
      int year = Integer.parseInt(key.substring(0, 4));
      int quarter = key.charAt(6) - '0';
      put(rows, year, quarter, i);
    }
    return new QuarterlyWeights(weights, columnSuffix, rows);
  }

  /**
   * Weights whose row {@code i} belongs to the quarter in its {@code yearColumn} and {@code
   * quarterColumn} (whole numbers, quarter 1 to 4).
   *
   * @throws IllegalArgumentException if a column is missing, a year or quarter is not a whole
   *     number in range, or a quarter repeats
   */
  public static QuarterlyWeights fromYearQuarter(
      Frame weights, String yearColumn, String quarterColumn, String columnSuffix) {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(columnSuffix, "columnSuffix");
    double[] years = weights.column(Objects.requireNonNull(yearColumn, "yearColumn"));
    double[] quarters = weights.column(Objects.requireNonNull(quarterColumn, "quarterColumn"));
    Map<Integer, Integer> rows = new HashMap<>();
    for (int i = 0; i < years.length; i++) {
      double y = years[i];
      double q = quarters[i];
      if (!(y == Math.rint(y) && y >= 1 && y <= 9999)) {
        throw new IllegalArgumentException(
            "weights: row " + i + ", column '" + yearColumn + "' is " + y
                + " (expected: a whole year in 1..9999)");
      }
      if (!(q == 1 || q == 2 || q == 3 || q == 4)) {
        throw new IllegalArgumentException(
            "weights: row " + i + ", column '" + quarterColumn + "' is " + q
                + " (expected: 1, 2, 3 or 4)");
      }
      put(rows, (int) y, (int) q, i);
    }
    return new QuarterlyWeights(weights, columnSuffix, rows);
  }

  private static void put(Map<Integer, Integer> rows, int year, int quarter, int row) {
    Integer before = rows.put(year * 4 + quarter - 1, row);
    if (before != null) {
      throw new IllegalArgumentException(
          "weights: quarter " + key(year, quarter) + " appears in rows " + before + " and " + row
              + " (expected: once)");
    }
  }

  /** The weight column of {@code company}: {@code company + columnSuffix}. */
  public String columnFor(String company) {
    return Objects.requireNonNull(company, "company") + columnSuffix;
  }

  /** Whether there is a weights row for the quarter holding {@code day}. */
  public boolean hasQuarter(LocalDate day) {
    return rowOf(Objects.requireNonNull(day, "day")) >= 0;
  }

  /** The weights frame (immutable). */
  public Frame frame() {
    return weights;
  }

  /** The weights row of the quarter holding {@code day}, or -1. */
  int rowOf(LocalDate day) {
    Integer row = rowOfQuarter.get(day.getYear() * 4 + (day.getMonthValue() - 1) / 3);
    return row == null ? -1 : row;
  }

  /** {@code YYYY_Qn} of the quarter holding {@code day}. */
  static String quarterKey(LocalDate day) {
    return key(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
  }

  private static String key(int year, int quarter) {
    return year + "_Q" + quarter;
  }

  /** Canonical text of the weights, values included, for feature-cache keys. */
  String spec() {
    StringBuilder s = new StringBuilder("QuarterlyWeights{suffix=").append(Specs.quote(columnSuffix))
        .append(",quarters=[");
    int[] keyOfRow = new int[weights.rows()];
    rowOfQuarter.forEach((key, row) -> keyOfRow[row] = key);
    for (int i = 0; i < keyOfRow.length; i++) {
      if (i > 0) {
        s.append(',');
      }
      s.append(key(keyOfRow[i] / 4, keyOfRow[i] % 4 + 1));
    }
    s.append("],columns=[");
    for (int j = 0; j < weights.columnCount(); j++) {
      if (j > 0) {
        s.append(',');
      }
      s.append(Specs.quote(weights.columnName(j))).append(':');
      double[] v = weights.column(j);
      for (int i = 0; i < v.length; i++) {
        s.append(i == 0 ? "" : " ").append(v[i]);
      }
    }
    return s.append("]}").toString();
  }

  @Override
  public String toString() {
    return "QuarterlyWeights[" + weights.rows() + " quarters, columns " + weights.columnNames()
        + ", suffix '" + columnSuffix + "']";
  }
}
