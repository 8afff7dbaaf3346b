package io.rila.core.regression;

import io.rila.core.internal.Checks;
import io.rila.core.internal.Cholesky;
import java.util.Objects;

/**
 * Ordinary (or weighted) least squares with an intercept and statsmodels' inference statistics:
 * parameters, standard errors, log-likelihood, AIC, BIC, SSR and {@code R^2} (see
 * {@link OlsFit}). With weights it is statsmodels' {@code WLS}: the weights are inverse variances,
 * not rescaled, and the log-likelihood includes {@code 1/2 sum log w}.
 *
 * <pre>{@code
 * OlsFit ols = OrdinaryLeastSquares.fit(x, y, null);      // OLS
 * OlsFit wls = OrdinaryLeastSquares.fit(x, y, weights);   // WLS
 * System.out.println(ols.aic() + " " + wls.rSquared());
 * }</pre>
 *
 * <p>The fit centres by the weighted means (two passes), solves the centred normal equations by
 * Cholesky and computes the residuals from the data, so the statistics agree with statsmodels to
 * about {@code 1e-12} relative on well-conditioned problems. Features that are collinear with
 * each other or the intercept (to {@code 1e-12} of a column's centred variance) are rejected
 * rather than handled by a pseudo-inverse. To score many feature subsets of one data set use
 * {@link OlsSubsetScorer}.
 *
 * <p>Stateless and thread-safe. Each call allocates {@code O(n p + p^2)}.
 */
public final class OrdinaryLeastSquares {

  /** A Cholesky pivot below this fraction of its diagonal entry means collinear features. */
  static final double COLLINEAR = 1e-12;

  private OrdinaryLeastSquares() {}

  /**
   * Fits {@code y = b + x . beta} by (weighted) least squares.
   *
   * @param x features, {@code rows x features}, finite, rectangular, of full rank with the
   *     intercept, with {@code rows > features + 1}
   * @param y target, one finite value per row
   * @param weights per-row weights, finite and {@code > 0} (the WLS log-likelihood takes their
   *     logarithm), or {@code null} for OLS
   * @return the fit and its statistics
   * @throws NullPointerException if {@code x}, a row of it or {@code y} is null
   * @throws IllegalArgumentException if {@code x} is empty, ragged, not finite, has too few rows
   *     or collinear columns; {@code y} or {@code weights} has the wrong length or a value that is
   *     not finite; or a weight is not positive
   */
  public static OlsFit fit(double[][] x, double[] y, double[] weights) {
    int p = Checks.finiteMatrix(x, "x");
    int n = x.length;
    Objects.requireNonNull(y, "y");
    Checks.length(y, n, "y");
    Checks.finite(y, "y");
    double sumLogWeights = positiveWeights(weights, n);
    requireRows(n, p);
    double[] w = weights;
    double total = 0;
    double yBar = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1 : w[i];
      total += wi;
      yBar += wi * y[i];
    }
    yBar /= total;
    double[] mu = new double[p];
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1 : w[i];
      for (int j = 0; j < p; j++) {
        mu[j] += wi * x[i][j];
      }
    }
    for (int j = 0; j < p; j++) {
      mu[j] /= total;
    }
    double[][] centred = new double[p][n];
    double[] yc = new double[n];
    for (int i = 0; i < n; i++) {
      yc[i] = y[i] - yBar;
      for (int j = 0; j < p; j++) {
        centred[j][i] = x[i][j] - mu[j];
      }
    }
    double[][] gram = new double[p][p];
    double[] rhs = new double[p];
    for (int j = 0; j < p; j++) {
      double[] cj = centred[j];
      for (int k = j; k < p; k++) {
        double[] ck = centred[k];
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += (w == null ? 1 : w[i]) * cj[i] * ck[i];
        }
        gram[j][k] = s;
      }
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += (w == null ? 1 : w[i]) * cj[i] * yc[i];
      }
      rhs[j] = s;
    }
    int failed = Cholesky.factor(gram, p, COLLINEAR);
    if (failed >= 0) {
      throw new IllegalArgumentException("x: column " + failed + " is collinear with the"
          + " intercept and the columns before it (expected: full rank)");
    }
    double[] beta = rhs.clone();
    Cholesky.solve(gram, p, beta);
    double ssr = 0;
    double tss = 0;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1 : w[i];
      double e = yc[i];
      for (int j = 0; j < p; j++) {
        e -= centred[j][i] * beta[j];
      }
      ssr += wi * e * e;
      tss += wi * yc[i] * yc[i];
    }
    double scale = ssr / (n - p - 1);
    double[] params = new double[p + 1];
    double[] se = new double[p + 1];
    double intercept = yBar;
    double[] work = new double[p];
    for (int j = 0; j < p; j++) {
      intercept -= mu[j] * beta[j];
      params[j + 1] = beta[j];
      se[j + 1] = Math.sqrt(scale * Cholesky.inverseDiagonal(gram, p, j, work));
    }
    params[0] = intercept;
    double[] z = mu.clone();
    Cholesky.forward(gram, p, z);
    double quadratic = 0;
    for (double v : z) {
      quadratic += v * v;
    }
    se[0] = Math.sqrt(scale * (1 / total + quadratic));
    return new OlsFit(params, se, n, ssr, tss, sumLogWeights);
  }

  /**
   * Checks that {@code weights} (when not null) has {@code rows} finite, positive entries;
   * returns the sum of their logarithms (0 for null).
   */
  static double positiveWeights(double[] weights, int rows) {
    if (weights == null) {
      return 0;
    }
    Checks.length(weights, rows, "weights");
    double sum = 0;
    for (int i = 0; i < rows; i++) {
      double w = weights[i];
      if (!(w > 0) || w == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "weights[" + i + "]: " + w + " (expected: finite and > 0)");
      }
      sum += Math.log(w);
    }
    return sum;
  }

  /** At least one residual degree of freedom for {@code p} features and the intercept. */
  static void requireRows(int rows, int p) {
    if (rows <= p + 1) {
      throw new IllegalArgumentException("x: " + rows + " rows (expected: > " + (p + 1)
          + ", the number of parameters with the intercept)");
    }
  }
}
