package io.rila.features.selection;

import io.rila.core.internal.Checks;
import java.util.Arrays;

/**
 * Lasso regression with an unpenalised intercept, on scikit-learn's objective and with its
 * stopping rule: it minimises
 *
 * <pre>
 *   1/(2n) sum_i s_i (y_i - b - x_i . beta)^2 + alpha |beta|_1
 * </pre>
 *
 * <p>where the sample weights s are rescaled to sum to n (all 1 without weights). Columns are
 * centred (by weighted means) but not standardised, as in scikit-learn. Coordinate descent stops
 * when, after a full sweep whose largest update is below {@code tolerance} times the largest
 * coefficient, the duality gap is below {@code tolerance * |y_c|^2}, or after {@code
 * maxIterations} full sweeps ({@link LassoFit#converged()} tells which). Between full sweeps it
 * works on the active set with sign-preserving Newton steps, so on correlated columns it needs far
 * fewer sweeps than scikit-learn; solutions carry the same certificate and agree with
 * scikit-learn's converged solutions.
 *
 * <pre>{@code
 * Lasso lasso = Lasso.newBuilder().tolerance(1e-6).build();
 * LassoFit fit = lasso.fit(x, y, 0.05);
 * LassoPath path = lasso.path(x, y, weights, Lasso.alphaGrid(x, y, weights, 100, 1e-3));
 * }</pre>
 *
 * <p>Immutable and thread-safe. A fit copies the (centred) data once; up to 2,048 features the
 * solver works on the p x p Gram matrix, beyond that on residuals (O(n p) per sweep, without
 * Newton steps) to bound memory.
 */
public final class Lasso {

  static final double DEFAULT_TOLERANCE = 1e-4;
  static final int DEFAULT_MAX_ITERATIONS = 1000;
  /** numpy's {@code finfo(float64).resolution}: the grid used when no penalty is active. */
  static final double RESOLUTION = 1e-15;

  private final double tolerance;
  private final int maxIterations;

  private Lasso(Builder b) {
    this.tolerance = Double.isNaN(b.tolerance) ? DEFAULT_TOLERANCE : b.tolerance;
    this.maxIterations = b.maxIterations < 0 ? DEFAULT_MAX_ITERATIONS : b.maxIterations;
  }

  /**
   * A builder with scikit-learn's defaults: tolerance 1e-4, 1,000 iterations.
   *
   * @return a builder with nothing set
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The relative duality-gap tolerance.
   *
   * @return the tolerance
   */
  public double tolerance() {
    return tolerance;
  }

  /**
   * The most coordinate-descent sweeps per penalty.
   *
   * @return the sweep limit
   */
  public int maxIterations() {
    return maxIterations;
  }

  /**
   * Fits at one penalty without weights.
   *
   * @param x the design, one row per observation, without an intercept column
   * @param y the target, one per row of {@code x}
   * @param alpha the penalty, finite and {@code >= 0}
   * @return the fit at {@code alpha}
   * @throws NullPointerException when x, a row of x or y is null
   * @throws IllegalArgumentException when x is empty or ragged, y does not have one entry per row,
   *     a value is not finite, or alpha is negative or not finite
   */
  public LassoFit fit(double[][] x, double[] y, double alpha) {
    return fit(x, y, null, alpha);
  }

  /**
   * Fits at one penalty, from zero coefficients.
   *
   * @param x the design, one row per observation, without an intercept column
   * @param y the target, one per row of {@code x}
   * @param weights sample weights, or null for none
   * @param alpha the penalty, finite and {@code >= 0}
   * @return the fit at {@code alpha}
   * @throws NullPointerException when x, a row of x or y is null
   * @throws IllegalArgumentException when x is empty or ragged, y or weights do not have one entry
   *     per row, a value is not finite, a weight is negative or all are zero, or alpha is negative
   *     or not finite
   */
  public LassoFit fit(double[][] x, double[] y, double[] weights, double alpha) {
    int p = Inputs.design(x, y, weights);
    Checks.nonNegativeFinite(alpha, "alpha");
    LassoProblem problem = LassoProblem.of(x, y, weights, null, LassoProblem.preferGram(p));
    return solve(problem, alpha);
  }

  LassoFit solve(LassoProblem problem, double alpha) {
    CoordinateDescent cd = new CoordinateDescent(problem);
    cd.solve(alpha, tolerance, maxIterations);
    return LassoFit.of(alpha, problem, cd);
  }

  /**
   * Fits along a path of penalties, sorted largest first, each solve warm-started from the
   * previous solution.
   *
   * @param x the design, one row per observation, without an intercept column
   * @param y the target, one per row of {@code x}
   * @param weights sample weights, or null for none
   * @param alphas the penalties, each finite and {@code > 0}, in any order
   * @return one fit per penalty, largest penalty first
   * @throws NullPointerException when x, a row of x, y or alphas is null
   * @throws IllegalArgumentException when x is empty or ragged, y or weights do not have one entry
   *     per row, a value is not finite, a weight is negative or all are zero, or alphas is empty or
   *     holds a value that is not finite and positive
   */
  public LassoPath path(double[][] x, double[] y, double[] weights, double... alphas) {
    int p = Inputs.design(x, y, weights);
    double[] sorted = descending(Inputs.alphas(alphas));
    LassoProblem problem = LassoProblem.of(x, y, weights, null, LassoProblem.preferGram(p));
    CoordinateDescent cd = new CoordinateDescent(problem);
    LassoFit[] fits = new LassoFit[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      cd.solve(sorted[i], tolerance, maxIterations);
      fits[i] = LassoFit.of(sorted[i], problem, cd);
    }
    return new LassoPath(fits);
  }

  /**
   * scikit-learn's {@code LassoCV} grid: {@code count} penalties log-spaced from {@code alphaMax =
   * max_j |X_c^T y_c|_j / n} (the smallest penalty at which every coefficient is zero; with
   * weights, of the weighted objective) down to {@code eps * alphaMax}, largest first. When {@code
   * alphaMax} is below 1e-15 (a constant target) every entry is 1e-15, as in scikit-learn.
   *
   * @param x the design, one row per observation, without an intercept column
   * @param y the target, one per row of {@code x}
   * @param weights sample weights, or null for none
   * @param count the number of penalties, at least 1
   * @param eps the ratio of the smallest penalty to the largest, in (0, 1)
   * @return a new array of {@code count} penalties, largest first
   * @throws NullPointerException when x, a row of x or y is null
   * @throws IllegalArgumentException when the data are invalid (see {@link #fit(double[][],
   *     double[], double[], double)}), count is below 1 or eps is not in (0, 1)
   */
  public static double[] alphaGrid(
      double[][] x, double[] y, double[] weights, int count, double eps) {
    Inputs.design(x, y, weights);
    Checks.atLeast(count, 1, "count");
    checkEps(eps);
    return grid(LassoProblem.of(x, y, weights, null, false).alphaMax(), count, eps);
  }

  static double checkEps(double eps) {
    if (!(eps > 0 && eps < 1)) {
      throw new IllegalArgumentException("eps: " + eps + " (expected: 0 < eps < 1)");
    }
    return eps;
  }

  /** numpy's {@code logspace(log10(eps * max), log10(max), count)[::-1]}. */
  static double[] grid(double alphaMax, int count, double eps) {
    double[] a = new double[count];
    if (alphaMax <= RESOLUTION) {
      Arrays.fill(a, RESOLUTION);
      return a;
    }
    double stop = Math.log10(alphaMax);
    double start = Math.log10(alphaMax * eps);
    if (count == 1) {
      a[0] = Math.pow(10, start);
      return a;
    }
    double step = (stop - start) / (count - 1);
    for (int k = 0; k < count - 1; k++) {
      a[count - 1 - k] = Math.pow(10, start + k * step);
    }
    a[0] = Math.pow(10, stop);
    return a;
  }

  static double[] descending(double[] alphas) {
    double[] s = alphas.clone();
    Arrays.sort(s);
    for (int i = 0, j = s.length - 1; i < j; i++, j--) {
      double t = s[i];
      s[i] = s[j];
      s[j] = t;
    }
    return s;
  }

  @Override
  public String toString() {
    return "Lasso{tolerance=" + tolerance + ", maxIterations=" + maxIterations + "}";
  }

  /**
   * Configures a {@link Lasso}. Each property may be set once; {@link #build()} may be called
   * repeatedly.
   */
  public static final class Builder {

    private double tolerance = Double.NaN;
    private int maxIterations = -1;

    private Builder() {}

    /**
     * The duality-gap tolerance relative to {@code |y_c|^2} (default 1e-4).
     *
     * @param tolerance finite and {@code > 0}
     * @return this builder
     * @throws IllegalArgumentException when tolerance is not finite and {@code > 0}
     * @throws IllegalStateException when already set
     */
    public Builder tolerance(double tolerance) {
      Checks.unset(Double.isNaN(this.tolerance), "tolerance", this.tolerance);
      this.tolerance = Checks.positiveFinite(tolerance, "tolerance");
      return this;
    }

    /**
     * The most full coordinate-descent sweeps per penalty (default 1,000).
     *
     * @param maxIterations at least 1
     * @return this builder
     * @throws IllegalArgumentException when maxIterations is below 1
     * @throws IllegalStateException when already set
     */
    public Builder maxIterations(int maxIterations) {
      Checks.unset(this.maxIterations < 0, "maxIterations", this.maxIterations);
      this.maxIterations = Checks.atLeast(maxIterations, 1, "maxIterations");
      return this;
    }

    /**
     * A Lasso with the configured settings.
     *
     * @return a new immutable Lasso; the builder can build again
     */
    public Lasso build() {
      return new Lasso(this);
    }
  }
}
