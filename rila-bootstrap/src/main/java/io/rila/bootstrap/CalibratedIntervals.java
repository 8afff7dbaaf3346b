package io.rila.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Conformal prediction intervals calibrated on one fitted ensemble ({@link
 * PredictionIntervals#calibrate}): the out-of-bag predictors and residuals, ready to give an
 * interval for the actual value of any new row.
 *
 * <pre>{@code
 * CalibratedIntervals intervals = PredictionIntervals.enbpi(0.9).calibrate(model, x, y, w);
 * PredictionInterval next = intervals.interval(row);                // one row
 * double[] lower = new double[rows.length];
 * double[] upper = new double[rows.length];
 * intervals.intervals(rows, lower, upper);                          // many rows
 * List<PredictionInterval> levels =
 *     intervals.scenarioIntervals(row, Scenario.sweep("prudential_rate", 3.0, 3.5, 4.0));
 * CalibratedIntervals later = intervals.update(row, actual);        // EnbPI: slide the window
 * }</pre>
 *
 * <p><b>Scenarios.</b> An interval for a scenario's row (the baseline with a rate changed) is an
 * interval for the sales of a week <em>at that rate</em>, calibrated by the residuals of the
 * weeks observed: it makes sense as far as the residuals of the observed rates carry over to the
 * scenario's (same law, rates not far outside the data). There is no conformal interval for the
 * <em>change</em> between two scenarios of the same week: only one of the two weeks ever happens,
 * so no residual of a change is ever observed to calibrate against, and the paired percentile
 * interval of {@link EnsembleModel#scenarios} (an interval for the mean effect) is the right tool
 * there.
 *
 * <p>Thread safety: immutable and safe to share; {@link #update} returns a new object. Allocation:
 * each call allocates a scratch of a few values per calibration row (a batch, once).
 */
public final class CalibratedIntervals {

  /** Relative slack when comparing a cumulative weight with {@code level x total}. */
  private static final double RANK_SLACK = 1e-12;

  private final PredictionIntervals settings;
  private final TargetTransform transform;
  private final List<String> featureNames;
  private final int features;
  private final double[] looCoefficients;
  private final double[] centre;
  private final double[] outOfBagPredictions;
  private final int[] outOfBagMembers;
  private final double[] residuals;
  /** The weight of each residual's position, {@code decay^(n - i)}, shared and never written. */
  private final double[] weights;
  /** The sum of {@link #weights} and the new row's weight 1. */
  private final double totalWeight;
  /** EnbPI's half width on the model's scale: the weighted quantile of the residuals. */
  private final double halfWidth;

  CalibratedIntervals(
      PredictionIntervals settings, TargetTransform transform, List<String> featureNames,
      int features, double[] looCoefficients, double[] centre, double[] outOfBagPredictions,
      int[] outOfBagMembers, double[] residuals) {
    this.settings = settings;
    this.transform = transform;
    this.featureNames = featureNames;
    this.features = features;
    this.looCoefficients = looCoefficients;
    this.centre = centre;
    this.outOfBagPredictions = outOfBagPredictions;
    this.outOfBagMembers = outOfBagMembers;
    this.residuals = residuals;
    int n = residuals.length;
    this.weights = new double[n];
    double total = 1.0;
    for (int i = n - 1; i >= 0; i--) {
      weights[i] = settings.decay() == 1.0 ? 1.0 : StrictMath.pow(settings.decay(), n - i);
      total += weights[i];
    }
    this.totalWeight = total;
    this.halfWidth = settings.method() == PredictionIntervals.Method.ENBPI
        ? upper(residuals, new Scratch(n)) : Double.NaN;
  }

  /**
   * The method, level and decay.
   *
   * @return the settings
   */
  public PredictionIntervals settings() {
    return settings;
  }

  /**
   * The same calibration under another method, level or decay, without drawing the members again:
   * the out-of-bag predictors and residuals do not depend on them. For several levels, calibrate
   * once and derive the others.
   *
   * <pre>{@code
   * CalibratedIntervals p90 = PredictionIntervals.jackknifePlusAfterBootstrap(0.9)
   *     .calibrate(model, x, y);
   * CalibratedIntervals p80 = p90.with(PredictionIntervals.jackknifePlusAfterBootstrap(0.8));
   * }</pre>
   *
   * @param other the method, level and decay to use
   * @return calibrated intervals with those settings
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalStateException if {@code other} is the jackknife+-after-bootstrap and this
   *     object's residual window was updated (its residuals are no longer the training rows')
   */
  public CalibratedIntervals with(PredictionIntervals other) {
    Objects.requireNonNull(other, "other");
    if (other.method() == PredictionIntervals.Method.JACKKNIFE_PLUS_AFTER_BOOTSTRAP
        && looCoefficients == null) {
      throw new IllegalStateException("with: " + other + " needs the training rows' out-of-bag"
          + " residuals, but this window was updated (expected: the calibration before update)");
    }
    return new CalibratedIntervals(other, transform, featureNames, features, looCoefficients,
        centre, outOfBagPredictions, outOfBagMembers, residuals);
  }

  /**
   * The number of calibration residuals {@code n} (the training rows; unchanged by updates).
   *
   * @return {@code n}
   */
  public int size() {
    return residuals.length;
  }

  /**
   * The residuals on the model's scale, oldest first: {@code |z_i - m_-i(x_i)|} of the training
   * rows, or after EnbPI updates the most recent {@code size()} residuals; {@code +infinity} for a
   * row no member left out.
   *
   * @return a new array
   */
  public double[] residuals() {
    return residuals.clone();
  }

  /**
   * The out-of-bag prediction of every training row on the model's scale, the mean of the members
   * that left it out; NaN for a row no member left out. Not changed by updates.
   *
   * @return a new array, one value per training row
   */
  public double[] outOfBagPredictions() {
    return outOfBagPredictions.clone();
  }

  /**
   * How many members left each training row out.
   *
   * @return a new array, one count per training row
   */
  public int[] outOfBagMembers() {
    return outOfBagMembers.clone();
  }

  /**
   * The EnbPI centre of a row, back-transformed: the mean over training rows of their out-of-bag
   * predictions {@code m_-i(row)}, on the model's scale, then mapped back with the target
   * transform. It is not the model's forecast (the mean of back-transformed members) when the
   * target is transformed.
   *
   * @param row the feature values, {@code features} finite numbers
   * @return the centre, on the target's own scale
   * @throws NullPointerException if {@code row} is null
   * @throws IllegalArgumentException if {@code row} has the wrong length or holds NaN or an
   *     infinity
   */
  public double center(double[] row) {
    checkRow(row, "row");
    return transform.invert(linear(centre, 0, row));
  }

  /**
   * The interval for the actual value of one new row.
   *
   * @param row the feature values, {@code features} finite numbers
   * @return the interval, on the target's own scale
   * @throws NullPointerException if {@code row} is null
   * @throws IllegalArgumentException if {@code row} has the wrong length or holds NaN or an
   *     infinity
   */
  public PredictionInterval interval(double[] row) {
    checkRow(row, "row");
    double[] ends = new double[2];
    modelScale(row, new Scratch(residuals.length), ends);
    return new PredictionInterval(
        transform.invert(ends[0]), transform.invert(ends[1]), settings.level());
  }

  /**
   * The interval for the actual value of one new row given by feature name: the names must be
   * exactly the model's feature names, in any order (see {@link EnsembleModel#predict(Map,
   * double...)}).
   *
   * @param row a finite value for each of the model's features
   * @return the interval, on the target's own scale
   * @throws NullPointerException if {@code row} or a value is null
   * @throws IllegalArgumentException if a feature is missing, a name is not a feature (both are
   *     named), or a value is not finite
   */
  public PredictionInterval interval(Map<String, Double> row) {
    return interval(FrameColumns.namedRow(row, featureNames, "row"));
  }

  /**
   * The intervals of several rows, written into caller-owned arrays.
   *
   * @param rows the rows, each of {@code features} finite numbers, at least one
   * @param lower receives the lower ends from index 0, length {@code >= rows.length}
   * @param upper receives the upper ends from index 0, length {@code >= rows.length}
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException if {@code rows} is empty, a row has the wrong length or holds
   *     NaN or an infinity (the message names the row), or a target array is too short
   */
  public void intervals(double[][] rows, double[] lower, double[] upper) {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(lower, "lower");
    Objects.requireNonNull(upper, "upper");
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows: 0 rows (expected: >= 1)");
    }
    if (lower.length < rows.length || upper.length < rows.length) {
      throw new IllegalArgumentException("lower/upper: lengths " + lower.length + "/"
          + upper.length + " (expected: >= " + rows.length + ", one per row)");
    }
    for (int r = 0; r < rows.length; r++) {
      checkRow(rows[r], "rows[" + r + "]");
    }
    Scratch scratch = new Scratch(residuals.length);
    double[] ends = new double[2];
    for (int r = 0; r < rows.length; r++) {
      modelScale(rows[r], scratch, ends);
      lower[r] = transform.invert(ends[0]);
      upper[r] = transform.invert(ends[1]);
    }
  }

  /**
   * Intervals for the level of the target in each scenario: scenario {@code s}'s row is the
   * baseline with its overrides, and its interval is {@link #interval(double[])} of that row (see
   * the class notes on what it means; there is no conformal interval for the change itself).
   *
   * @param baselineRow the baseline feature values, {@code features} finite numbers
   * @param scenarios the scenarios, at least one
   * @return one interval per scenario, in order
   * @throws NullPointerException if an argument or a scenario is null
   * @throws IllegalArgumentException if {@code baselineRow} has the wrong length or holds NaN or
   *     an infinity, {@code scenarios} is empty, or an override matches no feature
   */
  public List<PredictionInterval> scenarioIntervals(
      double[] baselineRow, List<Scenario> scenarios) {
    checkRow(baselineRow, "baselineRow");
    Objects.requireNonNull(scenarios, "scenarios");
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("scenarios: empty (expected: at least one)");
    }
    List<PredictionInterval> out = new ArrayList<>(scenarios.size());
    Scratch scratch = new Scratch(residuals.length);
    double[] ends = new double[2];
    for (int s = 0; s < scenarios.size(); s++) {
      Scenario scenario = Objects.requireNonNull(scenarios.get(s), "scenarios[" + s + "]");
      modelScale(scenario.apply(baselineRow, featureNames), scratch, ends);
      out.add(new PredictionInterval(
          transform.invert(ends[0]), transform.invert(ends[1]), settings.level()));
    }
    return out;
  }

  /**
   * EnbPI's update when the actual value of a new row becomes known: the oldest residual leaves
   * the window and {@code |z - c(row)|} joins it as the newest (Xu and Xie's sliding window with
   * one row per step; MAPIE's {@code partial_fit}). The model is not refitted. With a decay, the
   * weights move with the window: the new residual weighs {@code decay}, the one before {@code
   * decay^2}, and so on.
   *
   * @param row the new row's feature values, {@code features} finite numbers
   * @param actual its actual target value, on its own scale (inside the transform's domain)
   * @return new calibrated intervals; this one is unchanged
   * @throws NullPointerException if {@code row} is null
   * @throws IllegalArgumentException if {@code row} has the wrong length or holds NaN or an
   *     infinity, or {@code actual} is outside the transform's domain
   * @throws IllegalStateException if the method is the jackknife+-after-bootstrap, whose
   *     residuals are the training rows' out-of-bag residuals (refit and calibrate instead)
   */
  public CalibratedIntervals update(double[] row, double actual) {
    if (settings.method() != PredictionIntervals.Method.ENBPI) {
      throw new IllegalStateException("update: " + settings + " calibrates on the training rows'"
          + " out-of-bag residuals (expected: an enbpi method; for the jackknife+, refit and"
          + " calibrate)");
    }
    checkRow(row, "row");
    if (!transform.accepts(actual)) {
      throw new IllegalArgumentException(
          "actual: " + actual + " (expected: " + transform.domain() + ")");
    }
    int n = residuals.length;
    double[] next = new double[n];
    System.arraycopy(residuals, 1, next, 0, n - 1);
    next[n - 1] = Math.abs(transform.apply(actual) - linear(centre, 0, row));
    return new CalibratedIntervals(settings, transform, featureNames, features, null, centre,
        outOfBagPredictions, outOfBagMembers, next);
  }

  /** The interval's ends on the model's scale, into {@code ends}. */
  private void modelScale(double[] row, Scratch scratch, double[] ends) {
    if (settings.method() == PredictionIntervals.Method.ENBPI) {
      double c = linear(centre, 0, row);
      ends[0] = c - halfWidth;
      ends[1] = c + halfWidth;
      return;
    }
    int n = residuals.length;
    int stride = features + 1;
    double[] up = scratch.values;
    double[] down = scratch.mirrored;
    for (int i = 0; i < n; i++) {
      double r = residuals[i];
      if (r == Double.POSITIVE_INFINITY) {
        up[i] = Double.POSITIVE_INFINITY;
        down[i] = Double.POSITIVE_INFINITY;
      } else {
        double m = linear(looCoefficients, i * stride, row);
        up[i] = m + r;
        down[i] = r - m;
      }
    }
    ends[1] = upper(up, scratch);
    ends[0] = -upper(down, scratch);
  }

  /**
   * The weighted upper quantile of {@code values} (position {@code i} weighing {@code decay^(n -
   * i)}, the new row 1 at {@code +infinity}): the smallest value whose cumulative weight reaches
   * {@code level} of the total. Leaves {@code values} as they are.
   */
  private double upper(double[] values, Scratch scratch) {
    int n = values.length;
    int[] order = scratch.order;
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    sortByValue(values, order, scratch.merge, n);
    double needed = settings.level() * totalWeight * (1 - RANK_SLACK);
    double cumulative = 0;
    for (int s = 0; s < n; s++) {
      int i = order[s];
      cumulative += weights[i];
      if (cumulative >= needed) {
        return values[i];
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /** Stable merge sort of {@code order[0..n)} by {@code values[order[.]]}; no allocation. */
  private static void sortByValue(double[] values, int[] order, int[] merge, int n) {
    for (int width = 1; width < n; width *= 2) {
      for (int from = 0; from < n - width; from += 2 * width) {
        int mid = from + width;
        int to = Math.min(from + 2 * width, n);
        int a = from;
        int b = mid;
        int k = from;
        while (a < mid && b < to) {
          merge[k++] = values[order[b]] < values[order[a]] ? order[b++] : order[a++];
        }
        while (a < mid) {
          merge[k++] = order[a++];
        }
        while (b < to) {
          merge[k++] = order[b++];
        }
        System.arraycopy(merge, from, order, from, to - from);
      }
    }
  }

  /** {@code b + row . beta} for the coefficients at {@code offset} (features, then intercept). */
  static double linear(double[] coefficients, int offset, double[] row) {
    int p = row.length;
    double sum = coefficients[offset + p];
    for (int j = 0; j < p; j++) {
      sum += coefficients[offset + j] * row[j];
    }
    return sum;
  }

  private void checkRow(double[] row, String name) {
    Objects.requireNonNull(row, name);
    if (row.length != features) {
      throw new IllegalArgumentException(name + ": length " + row.length + " (expected: "
          + features + ", the model's features)");
    }
    for (int j = 0; j < row.length; j++) {
      if (!Double.isFinite(row[j])) {
        throw new IllegalArgumentException(
            name + "[" + j + "] (" + featureNames.get(j) + "): " + row[j] + " (expected: finite)");
      }
    }
  }

  /** Per-call buffers, one value per calibration residual. */
  private static final class Scratch {
    final double[] values;
    final double[] mirrored;
    final int[] order;
    final int[] merge;

    Scratch(int n) {
      values = new double[n];
      mirrored = new double[n];
      order = new int[n];
      merge = new int[n];
    }
  }

  /** Such as {@code CalibratedIntervals[enbpi(0.9), 150 residuals, LOG1P]}. */
  @Override
  public String toString() {
    return "CalibratedIntervals[" + settings + ", " + residuals.length + " residuals, "
        + transform + "]";
  }
}
