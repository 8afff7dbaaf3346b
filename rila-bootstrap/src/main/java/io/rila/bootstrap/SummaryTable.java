package io.rila.bootstrap;

import io.rila.core.frame.Frame;
import java.util.List;
import java.util.Locale;

/**
 * Labelled {@link Summary} rows that share their quantile levels: the predictions of several rows,
 * the coefficients of a model, or one column group of a {@link ScenarioTable}.
 *
 * <pre>{@code
 * SummaryTable coefficients = model.coefficientIntervals(0.025, 0.975);
 * for (int i = 0; i < coefficients.size(); i++) {
 *   System.out.println(coefficients.label(i) + ": " + coefficients.mean(i)
 *       + " [" + coefficients.quantile(i, 0) + ", " + coefficients.quantile(i, 1) + "]");
 * }
 * System.out.println(coefficients);   // the same as an aligned text table
 * }</pre>
 *
 * <p>Thread safety: immutable. Accessors return copies.
 */
public final class SummaryTable {

  private final List<String> labels;
  private final double[] levels;
  private final double[] means;
  private final double[] quantiles;

  /** Takes ownership of the arrays: {@code quantiles} is row-major, one row per label. */
  SummaryTable(List<String> labels, double[] levels, double[] means, double[] quantiles) {
    this.labels = List.copyOf(labels);
    this.levels = levels;
    this.means = means;
    this.quantiles = quantiles;
  }

  /**
   * The number of rows.
   *
   * @return the row count
   */
  public int size() {
    return labels.size();
  }

  /**
   * The row labels.
   *
   * @return an unmodifiable list
   */
  public List<String> labels() {
    return labels;
  }

  /**
   * The label of row {@code row}.
   *
   * @param row the row, {@code 0 <= row < size()}
   * @return its label
   * @throws IndexOutOfBoundsException if {@code row} is out of range
   */
  public String label(int row) {
    return labels.get(row);
  }

  /**
   * The row with label {@code label}.
   *
   * @param label a label of this table
   * @return its row
   * @throws IllegalArgumentException if no row has that label
   */
  public int indexOf(String label) {
    int index = labels.indexOf(label);
    if (index < 0) {
      throw new IllegalArgumentException(
          "label: '" + label + "' (expected: one of " + labels + ")");
    }
    return index;
  }

  /**
   * The quantile levels shared by all rows.
   *
   * @return a new array
   */
  public double[] levels() {
    return levels.clone();
  }

  /**
   * The mean of row {@code row}.
   *
   * @param row the row, {@code 0 <= row < size()}
   * @return the mean
   * @throws IndexOutOfBoundsException if {@code row} is out of range
   */
  public double mean(int row) {
    return means[checkRow(row)];
  }

  /**
   * A quantile of row {@code row}.
   *
   * @param row the row, {@code 0 <= row < size()}
   * @param levelIndex the position of the level in {@link #levels()}
   * @return the quantile
   * @throws IndexOutOfBoundsException if an index is out of range
   */
  public double quantile(int row, int levelIndex) {
    checkRow(row);
    if (levelIndex < 0 || levelIndex >= levels.length) {
      throw new IndexOutOfBoundsException(
          "levelIndex: " + levelIndex + " (expected: 0 <= levelIndex < " + levels.length + ")");
    }
    return quantiles[row * levels.length + levelIndex];
  }

  /**
   * Row {@code row} as a {@link Summary}.
   *
   * @param row the row, {@code 0 <= row < size()}
   * @return a new summary
   * @throws IndexOutOfBoundsException if {@code row} is out of range
   */
  public Summary summary(int row) {
    checkRow(row);
    double[] q = new double[levels.length];
    System.arraycopy(quantiles, row * levels.length, q, 0, levels.length);
    return new Summary(means[row], levels.clone(), q);
  }

  private int checkRow(int row) {
    if (row < 0 || row >= means.length) {
      throw new IndexOutOfBoundsException(
          "row: " + row + " (expected: 0 <= row < " + means.length + ")");
    }
    return row;
  }

  /** An aligned text table: one line per row, the label, the mean and each quantile. */
  /** The same rows with other labels (as many). */
  SummaryTable withLabels(List<String> newLabels) {
    return new SummaryTable(newLabels, levels, means, quantiles);
  }

  /**
   * The table as a frame, one row per label (in order; the labels themselves are {@link
   * #labels()}): a column {@code mean}, then one per level named {@code q} and the level, such as
   * {@code q0.025}, {@code q0.5}, {@code q0.975}. Write it with {@code FrameCsv}.
   *
   * @return a new frame of {@link #size()} rows and {@code 1 + levels().length} columns
   */
  public Frame toFrame() {
    return appendColumns(Frame.newBuilder(), "").build();
  }

  /** Adds this table's columns, their names prefixed. */
  Frame.Builder appendColumns(Frame.Builder b, String prefix) {
    int rows = size();
    b.column(prefix + "mean", means.clone());
    for (int l = 0; l < levels.length; l++) {
      double[] column = new double[rows];
      for (int r = 0; r < rows; r++) {
        column[r] = quantiles[r * levels.length + l];
      }
      b.column(prefix + "q" + levels[l], column);
    }
    return b;
  }

  @Override
  public String toString() {
    String[][] cells = new String[size() + 1][levels.length + 2];
    cells[0][0] = "";
    cells[0][1] = "mean";
    for (int l = 0; l < levels.length; l++) {
      cells[0][l + 2] = "q" + levels[l];
    }
    for (int r = 0; r < size(); r++) {
      cells[r + 1][0] = labels.get(r);
      cells[r + 1][1] = format(means[r]);
      for (int l = 0; l < levels.length; l++) {
        cells[r + 1][l + 2] = format(quantiles[r * levels.length + l]);
      }
    }
    return TextTable.render(cells);
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.6g", value);
  }
}
