package io.rila.bootstrap;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The mean and quantiles of one distribution over the ensemble's members: a prediction, a
 * scenario's level, difference or percent change, or a coefficient.
 *
 * <pre>{@code
 * Summary s = model.predict(row, 0.025, 0.5, 0.975);
 * double mean = s.mean();
 * double low = s.quantile(0.025);
 * double high = s.quantile(0.975);
 * }</pre>
 *
 * <p>Quantiles follow numpy's {@code linear} rule ({@code numpy.quantile(..., method='linear')}).
 * A NaN anywhere in the member values makes the mean and every quantile NaN (numpy's behaviour).
 * Thread safety: immutable. Accessors return copies. Serializable, so distributed jobs (such as
 * rila-spark's predictions) return the same type as a local {@code predict}.
 */
public final class Summary implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double mean;
  private final double[] levels;
  private final double[] quantiles;

  Summary(double mean, double[] levels, double[] quantiles) {
    this.mean = mean;
    this.levels = levels;
    this.quantiles = quantiles;
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
    return quantiles[indexOf(levels, level)];
  }

  static int indexOf(double[] levels, double level) {
    for (int i = 0; i < levels.length; i++) {
      if (Double.compare(levels[i], level) == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "level: " + level + " (expected: one of " + Arrays.toString(levels) + ")");
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (levels == null || quantiles == null || levels.length != quantiles.length) {
      throw new InvalidObjectException("Summary: levels and quantiles must have one entry each");
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Summary)) {
      return false;
    }
    Summary that = (Summary) o;
    return Double.compare(mean, that.mean) == 0
        && Arrays.equals(levels, that.levels)
        && Arrays.equals(quantiles, that.quantiles);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Double.hashCode(mean) + Arrays.hashCode(levels))
        + Arrays.hashCode(quantiles);
  }

  /** Such as {@code Summary[mean=12.5, q0.025=10.1, q0.5=12.4, q0.975=15.0]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Summary[mean=").append(mean);
    for (int i = 0; i < levels.length; i++) {
      sb.append(", q").append(levels[i]).append('=').append(quantiles[i]);
    }
    return sb.append(']').toString();
  }
}
