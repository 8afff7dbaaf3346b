package io.rila.core.regression;

import io.rila.core.internal.Checks;
import io.rila.core.internal.RidgeKernel;
import io.rila.core.internal.RidgeWorkspace;
import java.util.Arrays;
import java.util.Objects;

/**
 * Weighted Ridge regression with an intercept, with scikit-learn's
 * {@code Ridge(alpha, fit_intercept=True).fit(x, y, sample_weight=weights)} semantics: it
 * minimises {@code sum_i w_i (y_i - b - x_i . beta)^2 + alpha |beta|^2}, centring by the weighted
 * means, penalising the raw (unscaled) features, and never rescaling {@code alpha} by the weights.
 * Rows of weight zero are ignored, so integer weights are the same as repeating rows.
 *
 * <pre>{@code
 * RidgeFit fit = RidgeRegression.fit(x, y, null, 1.0);           // unweighted
 * RidgeFit weighted = RidgeRegression.fit(x, y, weights, 1.0);   // sample weights
 * }</pre>
 *
 * <p>The fit solves the primal ({@code p x p}) or the dual ({@code m x m}, through
 * {@code X X^T}) normal equations, choosing the smaller ({@link SolveForm#AUTO}: dual iff the
 * features outnumber the {@code m} rows with a positive weight); both agree with scikit-learn to
 * about {@code 1e-12} relative on its own test problems.
 *
 * <p>{@code alpha = 0} (least squares) is accepted only in the primal form when the weighted,
 * centred features have full rank; otherwise the fit fails with an
 * {@link IllegalArgumentException} that names {@code alpha}. The dual form always needs
 * {@code alpha > 0}, because its centred Gram matrix is singular.
 *
 * <p>Stateless and thread-safe. Each call copies {@code x} once; for the thousands of refits of a
 * bootstrap ensemble use the ensemble, which reuses one copy and allocation-free workspaces.
 */
public final class RidgeRegression {

  private RidgeRegression() {}

  /**
   * Fits with the cheaper form ({@link SolveForm#AUTO}).
   *
   * @param x features, {@code rows x features}, finite, rectangular
   * @param y target, one finite value per row
   * @param weights per-row weights {@code >= 0} with at least one {@code > 0}, or {@code null}
   *     for equal weights
   * @param alpha penalty, finite, {@code >= 0}
   * @return the fitted model
   * @throws NullPointerException if {@code x}, a row of it or {@code y} is null
   * @throws IllegalArgumentException if {@code x} is empty, ragged or not finite; {@code y} or
   *     {@code weights} has the wrong length or a value that is not finite; a weight is negative
   *     or all are zero; {@code alpha} is negative or not finite, or zero where the system is
   *     singular
   */
  public static RidgeFit fit(double[][] x, double[] y, double[] weights, double alpha) {
    return fit(x, y, weights, alpha, SolveForm.AUTO);
  }

  /**
   * Fits with a chosen form; {@link SolveForm#AUTO} picks the cheaper one. Forcing the other form
   * is meant for tests and comparisons.
   *
   * @param x features, {@code rows x features}, finite, rectangular
   * @param y target, one finite value per row
   * @param weights per-row weights {@code >= 0} with at least one {@code > 0}, or {@code null}
   *     for equal weights
   * @param alpha penalty, finite, {@code >= 0}
   * @param form which normal equations to solve
   * @return the fitted model
   * @throws NullPointerException if {@code x}, a row of it, {@code y} or {@code form} is null
   * @throws IllegalArgumentException if {@code x} is empty, ragged or not finite; {@code y} or
   *     {@code weights} has the wrong length or a value that is not finite; a weight is negative
   *     or all are zero; {@code alpha} is negative or not finite, or zero where the system is
   *     singular
   */
  public static RidgeFit fit(double[][] x, double[] y, double[] weights, double alpha,
      SolveForm form) {
    Objects.requireNonNull(form, "form");
    Checks.nonNegativeFinite(alpha, "alpha");
    RidgeKernel kernel = RidgeKernel.of(x, y);
    double[] v = rowWeights(weights, kernel.rows());
    RidgeWorkspace workspace = kernel.newWorkspace();
    double[] beta = new double[kernel.features()];
    double intercept = workspace.solve(v, alpha, form, beta);
    return new RidgeFit(beta, intercept, alpha, workspace.lastForm());
  }

  /** Validated weights, or ones when {@code weights} is null. */
  static double[] rowWeights(double[] weights, int rows) {
    if (weights == null) {
      double[] ones = new double[rows];
      Arrays.fill(ones, 1);
      return ones;
    }
    return Checks.weights(weights, rows, "weights");
  }
}
