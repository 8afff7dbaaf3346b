package io.rila.spark;

import io.rila.bootstrap.Summary;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The mean and quantiles of the members' predictions for one row, as {@link BroadcastModel}
 * returns them from the cluster: the same numbers as the {@link Summary} of a local {@code
 * model.predict(row, quantiles)}, in a serializable form.
 *
 * <pre>{@code
 * JavaRDD<RowSummary> out = shared.predict(rows, 0.05, 0.5, 0.95);
 * out.map(s -> s.mean() + "," + s.quantile(0.05) + "," + s.quantile(0.95)).saveAsTextFile(dir);
 * }</pre>
 *
 * <p>Quantiles follow numpy's {@code linear} rule. Thread safety: immutable; accessors return
 * copies. Equality: by value (bits of the mean, levels and quantiles).
 */
public final class RowSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double mean;
  private final double[] levels;
  private final double[] quantiles;

  private RowSummary(double mean, double[] levels, double[] quantiles) {
    this.mean = mean;
    this.levels = levels;
    this.quantiles = quantiles;
  }

  /** The summary of a row computed by the engine. */
  static RowSummary of(double mean, double[] levels, double[] quantiles) {
    return new RowSummary(mean, levels, quantiles);
  }

  /**
   * The mean over members.
   *
   * @return the mean
   */
  public double mean() {
    return mean;
  }

  /**
   * The number of quantile levels.
   *
   * @return the level count
   */
  public int size() {
    return levels.length;
  }

  /**
   * The quantile levels, in the order they were asked for.
   *
   * @return a new array
   */
  public double[] levels() {
    return levels.clone();
  }

  /**
   * The quantiles, one per level, in the order of {@link #levels()}.
   *
   * @return a new array
   */
  public double[] quantiles() {
    return quantiles.clone();
  }

  /**
   * The quantile at position {@code index} of {@link #levels()}.
   *
   * @param index the position, {@code 0 <= index < size()}
   * @return the quantile
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public double quantileAt(int index) {
    return quantiles[index];
  }

  /**
   * The quantile at a level that was asked for.
   *
   * @param level one of {@link #levels()}
   * @return its quantile
   * @throws IllegalArgumentException if {@code level} was not asked for
   */
  public double quantile(double level) {
    for (int i = 0; i < levels.length; i++) {
      if (Double.compare(levels[i], level) == 0) {
        return quantiles[i];
      }
    }
    throw new IllegalArgumentException(
        "level: " + level + " (expected: one of " + Arrays.toString(levels) + ")");
  }

  /**
   * Whether this row's numbers are, bit for bit, those of a local summary.
   *
   * @param summary a summary from {@code EnsembleModel.predict}
   * @return true when the mean, the levels and the quantiles are identical
   * @throws NullPointerException if {@code summary} is null
   */
  public boolean sameAs(Summary summary) {
    return Double.compare(mean, summary.mean()) == 0
        && Arrays.equals(levels, summary.levels())
        && Arrays.equals(quantiles, summary.quantiles());
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RowSummary)) {
      return false;
    }
    RowSummary that = (RowSummary) o;
    return Double.compare(mean, that.mean) == 0
        && Arrays.equals(levels, that.levels)
        && Arrays.equals(quantiles, that.quantiles);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Double.hashCode(mean) + Arrays.hashCode(levels))
        + Arrays.hashCode(quantiles);
  }

  /** Such as {@code RowSummary[mean=12.5, q0.025=10.1, q0.5=12.4, q0.975=15.0]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RowSummary[mean=").append(mean);
    for (int i = 0; i < levels.length; i++) {
      sb.append(", q").append(levels[i]).append('=').append(quantiles[i]);
    }
    return sb.append(']').toString();
  }
}
