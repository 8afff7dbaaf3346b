package io.rila.core.regression;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tolerance rule of the regression tests: {@code |a - e| <= tol * max(|e|, floor)}.
 *
 * <p>For a vector of coefficients the floor is the vector's largest magnitude: a linear solve is
 * normwise backward stable, so its error is bounded relative to the solution's norm, and a
 * coefficient a thousand times smaller than the largest cannot be expected to carry the same
 * relative accuracy (scikit-learn's and statsmodels' own values do not). For scalars of order one
 * (intercepts, R^2) the floor is 1; for large statistics (AIC, log-likelihood) it is the value
 * itself.
 */
public final class OracleAssert {

  private OracleAssert() {}

  /** Each entry within {@code tol} relative to {@code max(|e_i|, max_k |e_k|)}. */
  public static void assertVectorClose(double[] actual, double[] expected, double tol,
      String what) {
    assertThat(actual).as(what + " length").hasSameSizeAs(expected);
    double norm = 0;
    for (double e : expected) {
      norm = Math.max(norm, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertClose(actual[i], expected[i], tol, Math.max(norm, Double.MIN_NORMAL), what + "[" + i
          + "]");
    }
  }

  /** Within {@code tol} relative to {@code max(|e|, floor)}. */
  public static void assertClose(double actual, double expected, double tol, double floor,
      String what) {
    double scale = Math.max(Math.abs(expected), floor);
    assertThat(Math.abs(actual - expected))
        .as("%s: actual %s, expected %s", what, actual, expected)
        .isLessThanOrEqualTo(tol * scale);
  }
}
