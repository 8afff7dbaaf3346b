package io.rila.bootstrap;

import io.rila.bootstrap.internal.OutOfBag;
import io.rila.core.internal.Checks;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Conformal prediction intervals for the <em>actual</em> value of a new row (next week's sales),
 * calibrated on a fitted bootstrap ensemble's out-of-bag residuals, at no extra fitting cost. The
 * members' percentile bands ({@link EnsembleModel#predict(double[], double...)}) are intervals
 * for the fitted <em>mean</em>; these are intervals for one outcome, and are as wide as the noise
 * of one outcome.
 *
 * <pre>{@code
 * EnsembleModel model = ensemble.fit(x, sales, weights);
 * CalibratedIntervals next = PredictionIntervals.jackknifePlusAfterBootstrap(0.9)
 *     .calibrate(model, x, sales, weights);            // the data the model was fitted on
 * PredictionInterval week = next.interval(newRow);      // [lower, upper] in sales
 *
 * CalibratedIntervals online = PredictionIntervals.enbpi(0.9).withDecay(0.98)
 *     .calibrate(model, x, sales, weights);
 * online = online.update(newRow, actualSales);          // slide the residual window
 * }</pre>
 *
 * <p><b>Out-of-bag residuals.</b> Member {@code k} was fitted on its own draw of the rows; row
 * {@code i} is out of bag for {@code k} when the draw left it out (count 0; about 37% of members
 * for i.i.d. resampling). The draws are recomputed from the members' random streams (they depend
 * only on the seed and the member), so calibration needs the model and the data it was fitted on:
 * the same rows in the same order, the target on its own scale, and the same sample weights (they
 * decide which draws the fit replaced, and the draws themselves for {@code sklearnCompatible}
 * with {@link SklearnWeighting#PROBABILITY}). This holds for every model {@link
 * BootstrapRidgeEnsemble} fits (whole, resumed from a checkpoint, or in member ranges, also on
 * Spark), and for those models saved and loaded; it does not hold for rila-spark's one-pass Poisson
 * fit, whose counts come from hashed rows rather than the members' streams although its model
 * records {@code poisson()}: calibrating such a model would use the wrong out-of-bag sets. The
 * out-of-bag prediction {@code m_-i(x)} is the mean of the out-of-bag members' predictions for
 * row {@code x}, and the residual of row {@code i} is {@code R_i = |z_i - m_-i(x_i)|}. Everything is computed on the model's scale ({@code z =
 * log(y)} or {@code log1p(y)} for a {@link TargetTransform#LOG} or {@link TargetTransform#LOG1P}
 * model), where the members are linear; the two ends are then mapped back with {@code exp} or
 * {@code expm1}. The transform is increasing, so {@code y} lies inside the back-transformed
 * interval exactly when {@code z} lies inside the interval on the model's scale: the coverage is
 * the same on both scales, and the interval is asymmetric around the forecast in sales.
 *
 * <p><b>The methods.</b> With {@code n} calibration rows and {@code alpha = 1 - level}:
 *
 * <ul>
 *   <li>{@link #jackknifePlusAfterBootstrap(double)} (Kim, Xu and Barber, NeurIPS 2020; MAPIE's
 *       {@code MapieRegressor(method="plus", cv=Subsample)}, aggregation by the mean): the upper
 *       end is the {@code k}-th smallest of {@code m_-i(x) + R_i}, the lower end the {@code (n + 1
 *       - k)}-th smallest of {@code m_-i(x) - R_i}, with {@code k = ceil(level (n + 1))}. Its
 *       guarantee, for exchangeable rows (independent weeks with a fixed law): coverage at least
 *       {@code 1 - 2 alpha} for any model, usually close to {@code 1 - alpha} in practice.
 *   <li>{@link #enbpi(double)} (Xu and Xie, ICML 2021; MAPIE's {@code
 *       MapieTimeSeriesRegressor(method="enbpi")} with absolute residuals): the interval is {@code
 *       c(x) -+ q}, where the centre {@code c(x)} is the mean of the out-of-bag predictions
 *       {@code m_-i(x)} over the training rows (those with an out-of-bag member) and {@code q} is the {@code k}-th smallest residual. {@link
 *       CalibratedIntervals#update} replaces the oldest residual by the newest one, {@code |z -
 *       c(x)|} of a row whose actual became known, without refitting (MAPIE's {@code
 *       partial_fit}). Its guarantee is asymptotic: coverage tends to {@code 1 - alpha} for
 *       strongly mixing, stationary errors and a consistent model, not in finite samples.
 *   <li>{@link #withDecay(double)} weights calibration row {@code i} of {@code n} by {@code
 *       decay^(n - i)} (the newest row {@code decay}, the new row itself 1) as in weighted
 *       conformal prediction beyond exchangeability (Barber, Candes, Ramdas and Tibshirani, Annals
 *       of Statistics 2023): each quantile becomes a weighted quantile with the new row's weight
 *       placed at infinity (see below), so that recent weeks count more when the law drifts. The
 *       coverage loss against {@code 1 - alpha} (or {@code 1 - 2 alpha} for the jackknife+) is
 *       then at most the weighted sum of how far each row is from exchangeable with the new one.
 * </ul>
 *
 * <p><b>The quantile.</b> With weights {@code w_1 .. w_n} (all 1 without decay), the new row's
 * weight {@code w_new = 1} and {@code W = w_1 + .. + w_n + w_new}, the upper end is the smallest
 * value {@code v} among the calibration values with {@code sum of w_i over v_i <= v} at least
 * {@code level W}, and {@code +infinity} (the new row's own mass) when no value reaches it; the
 * lower end is its mirror image, the largest {@code v} with {@code sum of w_i over v_i >= v} at
 * least {@code level W}, or {@code -infinity}. With equal weights this is exactly the {@code
 * ceil(level (n + 1))}-th order statistic of the conformal papers (the comparison allows a
 * relative {@code 1e-12} so that rounding of {@code level (n + 1)} never moves it). This is the
 * <em>deterministic</em> variant, which errs on the side of more coverage (for split conformal it
 * guarantees at least the nominal level; the methods' own guarantees are above). The papers also
 * state a <em>randomised</em> variant (break the rank of the new row's score among ties and the
 * {@code +infinity} mass with an independent uniform draw), which attains the level exactly, and
 * the jackknife+-after-bootstrap's proof draws the number of members at random (binomially) for
 * its {@code 1 - 2 alpha} bound; rila uses neither, because a forecast that changes with a coin
 * flip is not what a planning team can use, and with a fixed number of members the bound is not
 * proven but the measured coverage ({@code docs/calibration.md}) is what matters.
 *
 * <p><b>Rows no member left out.</b> A row drawn by every member has no out-of-bag prediction
 * (probability {@code 0.63^members} per row for i.i.d. resampling: never in practice with 100
 * members or more). It keeps its place in the count {@code n} with an infinite residual, the
 * conservative choice (its term is at infinity, so intervals can only widen); MAPIE instead drops
 * such rows with a warning. A model in which no row has an out-of-bag member is refused.
 *
 * <p><b>What it costs.</b> Calibration redraws every member's counts ({@code members x rows}
 * draws) and sums the out-of-bag members' coefficients per row: nothing is stored per member,
 * only {@code rows x (features + 1)} doubles (6 KB for 150 rows and 4 features; a rows x members
 * bitset would take 190 KB at 10,000 members). An interval then costs {@code rows x features}
 * operations for the jackknife+ and {@code features} for EnbPI, whatever the number of members.
 *
 * <p>Thread safety: immutable; {@code calibrate} may be called concurrently. Equality: same
 * method, level and decay.
 */
public final class PredictionIntervals {

  /** The conformal method. */
  public enum Method {
    /** The jackknife+-after-bootstrap (Kim, Xu and Barber 2020). */
    JACKKNIFE_PLUS_AFTER_BOOTSTRAP,
    /** Ensemble batch prediction intervals (Xu and Xie 2021). */
    ENBPI
  }

  private final Method method;
  private final double level;
  private final double decay;

  private PredictionIntervals(Method method, double level, double decay) {
    this.method = method;
    this.level = level;
    this.decay = decay;
  }

  /**
   * Jackknife+-after-bootstrap intervals of nominal level {@code level}.
   *
   * @param level the nominal coverage, {@code 0 < level < 1}
   * @return the method
   * @throws IllegalArgumentException if {@code level} is NaN or outside {@code (0, 1)}
   */
  public static PredictionIntervals jackknifePlusAfterBootstrap(double level) {
    return new PredictionIntervals(Method.JACKKNIFE_PLUS_AFTER_BOOTSTRAP, checkLevel(level), 1.0);
  }

  /**
   * EnbPI intervals of nominal level {@code level}, whose residual window can be updated as
   * actuals arrive ({@link CalibratedIntervals#update}).
   *
   * @param level the nominal coverage, {@code 0 < level < 1}
   * @return the method
   * @throws IllegalArgumentException if {@code level} is NaN or outside {@code (0, 1)}
   */
  public static PredictionIntervals enbpi(double level) {
    return new PredictionIntervals(Method.ENBPI, checkLevel(level), 1.0);
  }

  /**
   * The same method with calibration row {@code i} of {@code n} weighted by {@code
   * decay^(n - i)}, the new row by 1 (weighted conformal prediction, Barber et al. 2023). Ages
   * count rows, not calendar weeks: a dropped holiday week does not age the rows before it.
   *
   * @param decay the weight kept per row of age, {@code 0 < decay <= 1}; 1 is unweighted
   * @return a new method
   * @throws IllegalArgumentException if {@code decay} is NaN or outside {@code (0, 1]}
   */
  public PredictionIntervals withDecay(double decay) {
    if (!(decay > 0 && decay <= 1)) {
      throw new IllegalArgumentException("decay: " + decay + " (expected: 0 < decay <= 1)");
    }
    return new PredictionIntervals(method, level, decay);
  }

  /**
   * The method.
   *
   * @return the method
   */
  public Method method() {
    return method;
  }

  /**
   * The nominal coverage.
   *
   * @return the level, in {@code (0, 1)}
   */
  public double level() {
    return level;
  }

  /**
   * The weight kept per row of age; 1 when the calibration rows are not weighted.
   *
   * @return the decay, in {@code (0, 1]}
   */
  public double decay() {
    return decay;
  }

  /**
   * Calibrates on a model fitted without sample weights.
   *
   * @param model the fitted ensemble
   * @param x the rows it was fitted on, {@code trainingRows() x features()}, finite
   * @param y the target it was fitted on, on its own scale
   * @return the calibrated intervals
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException as {@link #calibrate(EnsembleModel, double[][], double[],
   *     double[])}
   */
  public CalibratedIntervals calibrate(EnsembleModel model, double[][] x, double[] y) {
    return calibrateChecked(model, x, y, null);
  }

  /**
   * Calibrates on a model fitted with sample weights: the out-of-bag draws are recomputed from the
   * model's seed and resampling, which must be those of the fit on exactly these data.
   *
   * @param model the fitted ensemble
   * @param x the rows it was fitted on, {@code trainingRows() x features()}, finite
   * @param y the target it was fitted on, on its own scale (inside the transform's domain)
   * @param weights the sample weights it was fitted with, one finite value {@code >= 0} per row
   * @return the calibrated intervals
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException if {@code x} is empty or ragged, has not the model's rows
   *     and features, a value is NaN, infinite, negative (weights) or outside the transform's
   *     domain (the message names the row and column), the lengths disagree, all weights are
   *     zero, or no row has an out-of-bag member
   */
  public CalibratedIntervals calibrate(
      EnsembleModel model, double[][] x, double[] y, double[] weights) {
    Objects.requireNonNull(weights, "weights");
    return calibrateChecked(model, x, y, weights);
  }

  /**
   * Calibrates on a model fitted without sample weights from a target already on the model's
   * scale ({@link BootstrapRidgeEnsemble#fitTransformed(double[][], double[])}).
   *
   * @param model the fitted ensemble
   * @param x the rows it was fitted on, {@code trainingRows() x features()}, finite
   * @param z the target it was fitted on, on the model's scale, finite
   * @return the calibrated intervals
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException as {@link #calibrate(EnsembleModel, double[][], double[],
   *     double[])}
   */
  public CalibratedIntervals calibrateTransformed(EnsembleModel model, double[][] x, double[] z) {
    return checked(model, x, z, null, false);
  }

  /**
   * Calibrates on a model fitted with sample weights from a target already on the model's scale
   * ({@link BootstrapRidgeEnsemble#fitTransformed(double[][], double[], double[])}, for example
   * a stored {@code log(sales)} column with {@link TargetTransform#LOG}); the intervals are still
   * back-transformed.
   *
   * @param model the fitted ensemble
   * @param x the rows it was fitted on, {@code trainingRows() x features()}, finite
   * @param z the target it was fitted on, on the model's scale, finite
   * @param weights the sample weights it was fitted with, one finite value {@code >= 0} per row
   * @return the calibrated intervals
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException as {@link #calibrate(EnsembleModel, double[][], double[],
   *     double[])}
   */
  public CalibratedIntervals calibrateTransformed(
      EnsembleModel model, double[][] x, double[] z, double[] weights) {
    Objects.requireNonNull(weights, "weights");
    return checked(model, x, z, weights, false);
  }

  private CalibratedIntervals calibrateChecked(
      EnsembleModel model, double[][] x, double[] y, double[] weights) {
    return checked(model, x, y, weights, true);
  }

  private CalibratedIntervals checked(
      EnsembleModel model, double[][] x, double[] y, double[] weights, boolean transform) {
    Objects.requireNonNull(model, "model");
    int p = Checks.finiteMatrix(x, "x");
    int n = x.length;
    if (p != model.features()) {
      throw new IllegalArgumentException("x: " + p + " columns (expected: " + model.features()
          + ", the model's features)");
    }
    if (n != model.trainingRows()) {
      throw new IllegalArgumentException("x: " + n + " rows (expected: " + model.trainingRows()
          + ", the rows the model was fitted on)");
    }
    Objects.requireNonNull(y, "y");
    if (y.length != n) {
      throw new IllegalArgumentException(
          "y: length " + y.length + " (expected: " + n + ", one per row of x)");
    }
    TargetTransform targetTransform = model.targetTransform();
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      if (transform ? !targetTransform.accepts(y[i]) : !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("y[" + i + "]: " + y[i] + " (expected: "
            + (transform ? targetTransform.domain() : "finite, on the model's scale") + ")");
      }
      z[i] = transform ? targetTransform.apply(y[i]) : y[i];
    }
    if (weights != null) {
      Checks.weights(weights, n, "weights");
    }
    return calibrated(model, x, z, weights);
  }

  /**
   * Calibration on checked data; {@code z} is on the model's scale. A row whose {@code z} is NaN
   * (an actual not known) is left out of the calibration rows; its out-of-bag prediction is still
   * reported.
   */
  CalibratedIntervals calibrated(EnsembleModel model, double[][] x, double[] z, double[] weights) {
    int n = x.length;
    int p = model.features();
    int stride = p + 1;
    Resampling resampling = model.resampling();
    double[] sums = new double[n * stride];
    int[] outOfBag = new int[n];
    CoefficientStore store = model.coefficients();
    OutOfBag.sums(resampling.samplers(model.seed(), model.estimators(), n, weights).get(),
        resampling.weightsAsProbabilities() ? null : weights, n, store.block(), sums, outOfBag);
    double[] oob = new double[n];
    double[] centre = new double[stride];
    int usable = 0;
    int calibration = 0;
    for (int i = 0; i < n; i++) {
      int count = outOfBag[i];
      if (!Double.isNaN(z[i])) {
        calibration++;
      }
      if (count == 0) {
        oob[i] = Double.NaN;
        continue;
      }
      int row = i * stride;
      for (int j = 0; j < stride; j++) {
        sums[row + j] /= count;
        centre[j] += sums[row + j];
      }
      oob[i] = CalibratedIntervals.linear(sums, row, x[i]);
      usable++;
    }
    if (usable == 0) {
      throw new IllegalArgumentException("model: " + model.estimators() + " members, none of "
          + "which left a training row out (expected: enough members for out-of-bag rows)");
    }
    if (calibration == 0) {
      throw new IllegalArgumentException(
          "y: no known value among " + n + " rows (expected: at least one to calibrate on)");
    }
    for (int j = 0; j < stride; j++) {
      centre[j] /= usable;
    }
    double[] residuals = new double[calibration];
    double[] loo = new double[calibration * stride];
    int r = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(z[i])) {
        continue;
      }
      if (outOfBag[i] == 0) {
        residuals[r] = Double.POSITIVE_INFINITY;
        Arrays.fill(loo, r * stride, (r + 1) * stride, Double.NaN);
      } else {
        residuals[r] = Math.abs(z[i] - oob[i]);
        System.arraycopy(sums, i * stride, loo, r * stride, stride);
      }
      r++;
    }
    return new CalibratedIntervals(this, model.targetTransform(), model.featureNames(), p, loo,
        centre, oob, outOfBag, residuals);
  }

  private static double checkLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level: " + level + " (expected: 0 < level < 1)");
    }
    return level;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PredictionIntervals)) {
      return false;
    }
    PredictionIntervals other = (PredictionIntervals) o;
    return method == other.method && Double.compare(level, other.level) == 0
        && Double.compare(decay, other.decay) == 0;
  }

  @Override
  public int hashCode() {
    return (method.hashCode() * 31 + Double.hashCode(level)) * 31 + Double.hashCode(decay);
  }

  /**
   * Such as {@code jackknifePlusAfterBootstrap(0.9)} or {@code enbpi(0.9).withDecay(0.98)}.
   */
  @Override
  public String toString() {
    String name = method == Method.ENBPI ? "enbpi" : "jackknifePlusAfterBootstrap";
    return String.format(Locale.ROOT, "%s(%s)", name, level)
        + (decay == 1.0 ? "" : String.format(Locale.ROOT, ".withDecay(%s)", decay));
  }
}
