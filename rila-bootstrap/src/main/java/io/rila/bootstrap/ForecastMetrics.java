package io.rila.bootstrap;

import java.util.Objects;

/**
 * Accuracy of a set of point forecasts against what happened: R^2, MAPE, RMSE and MAE, with the
 * definitions of scikit-learn's {@code r2_score}, {@code mean_absolute_percentage_error}, {@code
 * root_mean_squared_error} and {@code mean_absolute_error} (unweighted).
 *
 * <pre>{@code
 * ForecastMetrics m = ForecastMetrics.of(actuals, forecasts);
 * double r2 = m.r2();        // 1 - SS_res / SS_tot
 * double mape = m.mape();    // 0.08 means 8%
 * }</pre>
 *
 * <p>With {@code e_i = y_i - f_i} over {@code n} pairs: {@code R^2 = 1 - sum e_i^2 / sum (y_i -
 * ybar)^2}, where a set whose actuals are all equal (a single forecast, say) has {@code R^2 = 1}
 * if every error is zero and {@code 0} otherwise, as scikit-learn's default {@code
 * force_finite=True}; {@code MAPE = mean |e_i| / max(|y_i|, eps)} with {@code eps = 2^-52}, a
 * fraction and not a percentage; {@code RMSE = sqrt(mean e_i^2)}; {@code MAE = mean |e_i|}. R^2 is
 * negative when the forecasts do worse than the actuals' own mean.
 *
 * <p>Thread safety: immutable. Allocation: none beyond the object.
 */
public final class ForecastMetrics {

  /** numpy's {@code finfo(float64).eps}, scikit-learn's floor on {@code |y|} in MAPE. */
  private static final double EPS = 0x1.0p-52;

  private final int count;
  private final double r2;
  private final double mape;
  private final double rmse;
  private final double mae;

  private ForecastMetrics(int count, double r2, double mape, double rmse, double mae) {
    this.count = count;
    this.r2 = r2;
    this.mape = mape;
    this.rmse = rmse;
    this.mae = mae;
  }

  /**
   * The metrics of {@code forecasts} against {@code actuals}.
   *
   * @param actuals what happened, at least one finite value
   * @param forecasts the point forecasts, one finite value per actual
   * @return the metrics
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code actuals} is empty, the lengths differ, or a value is
   *     NaN or infinite (the message names the array and index)
   */
  public static ForecastMetrics of(double[] actuals, double[] forecasts) {
    Objects.requireNonNull(actuals, "actuals");
    Objects.requireNonNull(forecasts, "forecasts");
    if (actuals.length == 0) {
      throw new IllegalArgumentException("actuals: empty (expected: at least one value)");
    }
    if (forecasts.length != actuals.length) {
      throw new IllegalArgumentException("forecasts: length " + forecasts.length
          + " (expected: " + actuals.length + ", one per actual)");
    }
    checkFinite(actuals, "actuals");
    checkFinite(forecasts, "forecasts");
    return compute(actuals, forecasts, 0, actuals.length);
  }

  /** The metrics of pairs {@code from .. to - 1}, already checked. */
  static ForecastMetrics compute(double[] actuals, double[] forecasts, int from, int to) {
    int n = to - from;
    double mean = 0;
    for (int i = from; i < to; i++) {
      mean += actuals[i];
    }
    mean /= n;
    double squared = 0;
    double absolute = 0;
    double relative = 0;
    double total = 0;
    for (int i = from; i < to; i++) {
      double e = actuals[i] - forecasts[i];
      double d = actuals[i] - mean;
      squared += e * e;
      absolute += Math.abs(e);
      relative += Math.abs(e) / Math.max(Math.abs(actuals[i]), EPS);
      total += d * d;
    }
    double r2;
    if (total == 0) {
      r2 = squared == 0 ? 1.0 : 0.0;
    } else {
      r2 = 1 - squared / total;
    }
    return new ForecastMetrics(n, r2, relative / n, Math.sqrt(squared / n), absolute / n);
  }

  private static void checkFinite(double[] values, String name) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            name + "[" + i + "]: " + values[i] + " (expected: finite)");
      }
    }
  }

  /**
   * The number of forecasts.
   *
   * @return the count
   */
  public int count() {
    return count;
  }

  /**
   * The coefficient of determination {@code 1 - SS_res / SS_tot}.
   *
   * @return R^2, at most 1
   */
  public double r2() {
    return r2;
  }

  /**
   * The mean absolute percentage error, as a fraction ({@code 0.08} is 8%).
   *
   * @return MAPE, {@code >= 0}
   */
  public double mape() {
    return mape;
  }

  /**
   * The root mean squared error, on the actuals' scale.
   *
   * @return RMSE, {@code >= 0}
   */
  public double rmse() {
    return rmse;
  }

  /**
   * The mean absolute error, on the actuals' scale.
   *
   * @return MAE, {@code >= 0}
   */
  public double mae() {
    return mae;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ForecastMetrics)) {
      return false;
    }
    ForecastMetrics that = (ForecastMetrics) o;
    return count == that.count
        && Double.compare(r2, that.r2) == 0
        && Double.compare(mape, that.mape) == 0
        && Double.compare(rmse, that.rmse) == 0
        && Double.compare(mae, that.mae) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, r2, mape, rmse, mae);
  }

  /** Such as {@code ForecastMetrics[n=52, r2=0.61, mape=0.083, rmse=6.2E6, mae=4.9E6]}. */
  @Override
  public String toString() {
    return "ForecastMetrics[n=" + count + ", r2=" + r2 + ", mape=" + mape + ", rmse=" + rmse
        + ", mae=" + mae + "]";
  }
}
