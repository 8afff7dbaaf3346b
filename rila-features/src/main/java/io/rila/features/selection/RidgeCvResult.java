package io.rila.features.selection;

import java.util.Objects;

/**
 * The outcome of {@link RidgeCv}: the score of every alpha (and of every alpha in every fold when
 * folds were used), the chosen alpha, and the Ridge fit on all rows at that alpha.
 *
 * <pre>{@code
 * RidgeCvResult r = RidgeCv.newBuilder().alphas(0.1, 1, 10).build().fit(x, y);
 * double alpha = r.alpha();
 * double[] beta = r.coefficients();
 * double yHat = r.predict(newRow);
 * }</pre>
 *
 * <p>Immutable and thread-safe; accessors copy.
 */
public final class RidgeCvResult {

  private final double[] alphas;
  private final Folds folds;
  private final double[] scores;
  private final double[] foldScores;
  private final int best;
  private final double[] coefficients;
  private final double intercept;

  RidgeCvResult(
      double[] alphas, Folds folds, double[] scores, double[] foldScores, int best,
      double[] coefficients, double intercept) {
    this.alphas = alphas;
    this.folds = folds;
    this.scores = scores;
    this.foldScores = foldScores;
    this.best = best;
    this.coefficients = coefficients;
    this.intercept = intercept;
  }

  /** The alphas, in grid order. */
  public double[] alphas() {
    return alphas.clone();
  }

  /** Whether alphas were scored by leave-one-out (otherwise by {@link #folds()}). */
  public boolean isLeaveOneOut() {
    return folds == null;
  }

  /**
   * The folds used.
   *
   * @throws IllegalStateException when alphas were scored by leave-one-out
   */
  public Folds folds() {
    if (folds == null) {
      throw new IllegalStateException("folds: scored by leave-one-out, not by folds");
    }
    return folds;
  }

  /**
   * The score of alpha {@code alphaIndex}: the (weighted) mean squared leave-one-out error, or the
   * mean over folds of the (weighted) test mean squared error.
   *
   * @throws IndexOutOfBoundsException when alphaIndex is out of range
   */
  public double meanSquaredError(int alphaIndex) {
    Objects.checkIndex(alphaIndex, alphas.length);
    return scores[alphaIndex];
  }

  /**
   * The test mean squared error of alpha {@code alphaIndex} in fold {@code fold}.
   *
   * @throws IllegalStateException when alphas were scored by leave-one-out
   * @throws IndexOutOfBoundsException when an index is out of range
   */
  public double foldMeanSquaredError(int fold, int alphaIndex) {
    Folds f = folds();
    Objects.checkIndex(fold, f.count());
    Objects.checkIndex(alphaIndex, alphas.length);
    return foldScores[fold * alphas.length + alphaIndex];
  }

  /** The index of the chosen alpha in the grid. */
  public int bestIndex() {
    return best;
  }

  /** The chosen alpha. */
  public double alpha() {
    return alphas[best];
  }

  /** The intercept of the fit on all rows at the chosen alpha. */
  public double intercept() {
    return intercept;
  }

  /** The number of features. */
  public int featureCount() {
    return coefficients.length;
  }

  /**
   * The coefficient of column {@code j} at the chosen alpha.
   *
   * @throws IndexOutOfBoundsException when j is not a column index
   */
  public double coefficient(int j) {
    Objects.checkIndex(j, coefficients.length);
    return coefficients[j];
  }

  /** A copy of the coefficients at the chosen alpha. */
  public double[] coefficients() {
    return coefficients.clone();
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

  @Override
  public String toString() {
    return "RidgeCvResult{scoring=" + (folds == null ? "leave-one-out" : folds.toString())
        + ", alpha=" + alpha() + ", meanSquaredError=" + scores[best] + "}";
  }
}
