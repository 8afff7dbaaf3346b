package io.rila.core.regression;

import io.rila.core.internal.Checks;
import io.rila.core.internal.RidgeKernel;
import io.rila.core.internal.RidgeWorkspace;

/**
 * Weighted Ridge regression whose coefficients are constrained to be non-negative, with a free
 * intercept: scikit-learn's {@code Ridge(alpha, positive=True, fit_intercept=True)} problem,
 * {@code min sum_i w_i (y_i - b - x_i . beta)^2 + alpha |beta|^2} subject to {@code beta >= 0}.
 * Use it where economics fixes the sign of an effect; negate a feature whose coefficient must be
 * non-positive.
 *
 * <pre>{@code
 * RidgeFit fit = NonNegativeRidge.fit(x, y, weights, 1.0);
 * }</pre>
 *
 * <p>Solved exactly, not by a loose iterative method: the intercept is eliminated by weighted
 * centring, and an active-set method (Lawson and Hanson) on the centred normal equations ends at
 * the unique point that satisfies the optimality conditions, to rounding. The result reports
 * {@link SolveForm#PRIMAL}. {@code alpha = 0} is accepted where the features left free at the
 * solution have full rank.
 *
 * <p>Stateless and thread-safe. Each call allocates {@code O(n p + p^2)}.
 */
public final class NonNegativeRidge {

  private NonNegativeRidge() {}

  /**
   * Fits the constrained model.
   *
   * @param x features, {@code rows x features}, finite, rectangular
   * @param y target, one finite value per row
   * @param weights per-row weights {@code >= 0} with at least one {@code > 0}, or {@code null}
   *     for equal weights
   * @param alpha penalty, finite, {@code >= 0}
   * @return the fitted model, every coefficient {@code >= 0}
   * @throws NullPointerException if {@code x}, a row of it or {@code y} is null
   * @throws IllegalArgumentException if {@code x} is empty, ragged or not finite; {@code y} or
   *     {@code weights} has the wrong length or a value that is not finite; a weight is negative
   *     or all are zero; {@code alpha} is negative or not finite, or zero where the system is
   *     singular
   */
  public static RidgeFit fit(double[][] x, double[] y, double[] weights, double alpha) {
    Checks.nonNegativeFinite(alpha, "alpha");
    RidgeKernel kernel = RidgeKernel.of(x, y);
    double[] v = RidgeRegression.rowWeights(weights, kernel.rows());
    RidgeWorkspace workspace = kernel.newWorkspace();
    double[] beta = new double[kernel.features()];
    double intercept = workspace.solveNonNegative(v, alpha, beta);
    return new RidgeFit(beta, intercept, alpha, SolveForm.PRIMAL);
  }
}
