package io.rila.features.selection;

import java.util.Objects;

/**
 * One Lasso solution: the penalty, the intercept, the coefficients on the original scale of the
 * columns, and how coordinate descent ended (iterations, duality gap, whether the gap met the
 * tolerance).
 *
 * <pre>{@code
 * LassoFit fit = Lasso.newBuilder().build().fit(x, y, 0.1);
 * double[] beta = fit.coefficients();
 * if (!fit.converged()) { ... raise maxIterations ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe; accessors copy, no internal array escapes.
 */
public final class LassoFit {

  private final double alpha;
  private final double intercept;
  private final double[] coefficients;
  private final int iterations;
  private final double dualGap;
  private final double tolerance;

  LassoFit(
      double alpha,
      double intercept,
      double[] coefficients,
      int iterations,
      double dualGap,
      double tolerance) {
    this.alpha = alpha;
    this.intercept = intercept;
    this.coefficients = coefficients;
    this.iterations = iterations;
    this.dualGap = dualGap;
    this.tolerance = tolerance;
  }

  /** Captures the current state of a solver. */
  static LassoFit of(double alpha, LassoProblem problem, CoordinateDescent solver) {
    double[] w = new double[problem.p];
    solver.copyCoefficients(w);
    return new LassoFit(
        alpha,
        problem.intercept(w),
        w,
        solver.iterations(),
        solver.gap(),
        solver.scaledTolerance());
  }

  /** The penalty of this fit. */
  public double alpha() {
    return alpha;
  }

  /** The unpenalised intercept. */
  public double intercept() {
    return intercept;
  }

  /** The number of features. */
  public int featureCount() {
    return coefficients.length;
  }

  /**
   * The coefficient of column {@code j}.
   *
   * @throws IndexOutOfBoundsException when j is not a column index
   */
  public double coefficient(int j) {
    Objects.checkIndex(j, coefficients.length);
    return coefficients[j];
  }

  /** A copy of the coefficients, one per column. */
  public double[] coefficients() {
    return coefficients.clone();
  }

  /**
   * Copies the coefficients into {@code target} (from index 0) and returns it.
   *
   * @throws NullPointerException when target is null
   * @throws IllegalArgumentException when target is shorter than {@link #featureCount()}
   */
  public double[] copyCoefficientsInto(double[] target) {
    Objects.requireNonNull(target, "target");
    if (target.length < coefficients.length) {
      throw new IllegalArgumentException(
          "target: length " + target.length + " (expected: >= " + coefficients.length + ")");
    }
    System.arraycopy(coefficients, 0, target, 0, coefficients.length);
    return target;
  }

  /** The number of non-zero coefficients. */
  public int nonZeroCount() {
    int c = 0;
    for (double v : coefficients) {
      if (v != 0) {
        c++;
      }
    }
    return c;
  }

  /**
   * The prediction {@code intercept + row . coefficients}.
   *
   * @throws NullPointerException when row is null
   * @throws IllegalArgumentException when row does not have {@link #featureCount()} entries
   */
  public double predict(double[] row) {
    Objects.requireNonNull(row, "row");
    if (row.length != coefficients.length) {
      throw new IllegalArgumentException(
          "row: length " + row.length + " (expected: " + coefficients.length + ")");
    }
    double s = intercept;
    for (int j = 0; j < row.length; j++) {
      s += row[j] * coefficients[j];
    }
    return s;
  }

  /** Full coordinate-descent sweeps used (active-set sweeps in between are not counted). */
  public int iterations() {
    return iterations;
  }

  /** The duality gap at the end, on the scale 0.5 |y_c - X_c w|^2 + alpha n |w|_1. */
  public double dualGap() {
    return dualGap;
  }

  /** Whether the duality gap fell below {@code tolerance * |y_c|^2} within the iterations. */
  public boolean converged() {
    return dualGap < tolerance;
  }

  @Override
  public String toString() {
    return "LassoFit{alpha=" + alpha + ", nonZero=" + nonZeroCount() + "/" + coefficients.length
        + ", iterations=" + iterations + ", converged=" + converged() + "}";
  }
}
