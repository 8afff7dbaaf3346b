package io.rila.core.regression;

import io.rila.core.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fitted linear model {@code y = intercept + x . coefficients} from {@link RidgeRegression} or
 * {@link NonNegativeRidge}.
 *
 * <pre>{@code
 * RidgeFit fit = RidgeRegression.fit(x, y, weights, 1.0);
 * double b = fit.intercept();
 * double[] beta = fit.coefficients();          // a copy
 * double yHat = fit.predict(new double[] {0.04, 0.035});
 * }</pre>
 *
 * <p>Immutable and thread-safe; no internal array escapes. {@link #coefficients()} allocates a
 * copy, {@link #copyCoefficientsInto(double[])} and {@link #predict(double[])} allocate nothing.
 */
public final class RidgeFit {

  private final double[] coefficients;
  private final double intercept;
  private final double alpha;
  private final SolveForm form;

  RidgeFit(double[] coefficients, double intercept, double alpha, SolveForm form) {
    this.coefficients = coefficients;
    this.intercept = intercept;
    this.alpha = alpha;
    this.form = form;
  }

  /** A copy of the coefficients, one per feature. */
  public double[] coefficients() {
    return coefficients.clone();
  }

  /**
   * The coefficient of feature {@code j}.
   *
   * @throws IllegalArgumentException if {@code j} is not in {@code [0, features)}
   */
  public double coefficient(int j) {
    Checks.inRange(j, 0, coefficients.length - 1, "j");
    return coefficients[j];
  }

  /**
   * Copies the coefficients into {@code target}.
   *
   * @throws NullPointerException if {@code target} is null
   * @throws IllegalArgumentException if {@code target.length != features()}
   */
  public void copyCoefficientsInto(double[] target) {
    Checks.length(target, coefficients.length, "target");
    System.arraycopy(coefficients, 0, target, 0, coefficients.length);
  }

  /** The intercept. */
  public double intercept() {
    return intercept;
  }

  /** The number of features. */
  public int features() {
    return coefficients.length;
  }

  /** The penalty the model was fitted with. */
  public double alpha() {
    return alpha;
  }

  /** The form that was solved: {@link SolveForm#PRIMAL} or {@link SolveForm#DUAL}. */
  public SolveForm form() {
    return form;
  }

  /**
   * The prediction {@code intercept + row . coefficients}.
   *
   * @throws NullPointerException if {@code row} is null
   * @throws IllegalArgumentException if {@code row.length != features()} or a value is not finite
   */
  public double predict(double[] row) {
    Objects.requireNonNull(row, "row");
    Checks.length(row, coefficients.length, "row");
    Checks.finite(row, "row");
    double s = intercept;
    for (int j = 0; j < coefficients.length; j++) {
      s += row[j] * coefficients[j];
    }
    return s;
  }

  @Override
  public String toString() {
    return "RidgeFit[features=" + coefficients.length + ", alpha=" + alpha + ", form=" + form
        + ", intercept=" + intercept + ", coefficients=" + Arrays.toString(coefficients) + "]";
  }
}
