package io.rila.features.selection;

import io.rila.core.internal.Checks;
import io.rila.core.internal.ChunkedTasks;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Ridge penalty tuning over a grid of alphas, with an unpenalised intercept and optional sample
 * weights, scored by one of two schemes:
 *
 * <ul>
 *   <li>efficient leave-one-out (the default), as scikit-learn's {@code RidgeCV()}: one
 *       eigendecomposition of the centred, weight-scaled data (its Gram or covariance matrix,
 *       whichever is smaller) yields every alpha's leave-one-out errors in closed form; the score
 *       is {@code sum_i w_i e_i^2 / n} (plain mean squared error without weights);
 *   <li>{@link Folds} (for example {@link Folds#timeSeries(int)}, an expanding window): one
 *       decomposition per training fold, every alpha scored on the fold's test rows by the
 *       weighted mean squared error {@code sum w e^2 / sum w}, averaged over folds.
 * </ul>
 *
 * <p>The chosen alpha has the smallest score (the first in grid order on ties); the result holds
 * the Ridge fit on all rows at that alpha, which minimises {@code sum_i w_i (y_i - b - x_i .
 * beta)^2 + alpha |beta|^2} (scikit-learn's {@code Ridge}: alpha is not rescaled by the weights).
 *
 * <pre>{@code
 * RidgeCvResult loo = RidgeCv.newBuilder().alphas(0.01, 0.1, 1, 10, 100).build().fit(x, y, w);
 * RidgeCvResult ts = RidgeCv.newBuilder()
 *     .alphas(0.01, 0.1, 1, 10, 100)
 *     .folds(Folds.timeSeries(5))
 *     .build()
 *     .fit(x, y, w);
 * double alpha = ts.alpha();
 * }</pre>
 *
 * <p>Immutable and thread-safe. A fit costs one O(min(n, p)^3) decomposition (per fold with
 * folds, which run as parallel tasks on the executor, default {@link ForkJoinPool#commonPool()});
 * each alpha then costs O(n min(n, p)). The result does not depend on the executor.
 */
public final class RidgeCv {

  private static final double[] DEFAULT_ALPHAS = {0.1, 1.0, 10.0};

  private final double[] alphas;
  private final Folds folds;
  private final Executor executor;

  private RidgeCv(Builder b) {
    this.alphas = b.alphas == null ? DEFAULT_ALPHAS.clone() : b.alphas;
    this.folds = b.folds;
    this.executor = b.executor == null ? ForkJoinPool.commonPool() : b.executor;
  }

  /**
   * A builder with scikit-learn's defaults: alphas 0.1, 1, 10 and leave-one-out scoring.
   *
   * @return a builder with nothing set
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The alphas, in grid order.
   *
   * @return a copy of the alphas
   */
  public double[] alphas() {
    return alphas.clone();
  }

  /**
   * Tunes without weights.
   *
   * @param x the design, one row per observation, without an intercept column
   * @param y the target, one per row of {@code x}
   * @return the score of each alpha, the chosen alpha and the fit at it
   * @throws NullPointerException when x, a row of x or y is null
   * @throws IllegalArgumentException when x is empty or ragged, y does not have one entry per row,
   *     a value is not finite, or there are too few rows (2 for leave-one-out, or for the folds)
   */
  public RidgeCvResult fit(double[][] x, double[] y) {
    return fit(x, y, null);
  }

  /**
   * Tunes alpha, then fits on all rows at the chosen alpha.
   *
   * @param x the design, one row per observation, without an intercept column
   * @param y the target, one per row of {@code x}
   * @param weights sample weights, or null for none
   * @return the score of each alpha, the chosen alpha and the fit at it
   * @throws NullPointerException when x, a row of x or y is null
   * @throws IllegalArgumentException when x is empty or ragged, y or weights do not have one entry
   *     per row, a value is not finite, a weight is negative or all are zero, there are too few
   *     rows (2 for leave-one-out, or for the folds), or the training or test rows of a fold have
   *     only zero weights
   */
  public RidgeCvResult fit(double[][] x, double[] y, double[] weights) {
    Inputs.design(x, y, weights);
    int n = x.length;
    int m = alphas.length;
    RidgeSpectrum full;
    double[] scores = new double[m];
    double[] perFold = null;
    if (folds == null) {
      if (n < 2) {
        throw new IllegalArgumentException("rows: " + n + " (expected: >= 2 for leave-one-out)");
      }
      full = RidgeSpectrum.of(x, y, weights, null);
      double[] scratch = new double[full.rank];
      for (int a = 0; a < m; a++) {
        scores[a] = full.looError(alphas[a], scratch);
      }
    } else {
      FoldRows rows = FoldRows.of(folds, n, weights);
      int k = folds.count();
      double[] errors = new double[k * m];
      ChunkedTasks.forEach(executor, k,
          f -> foldErrors(x, y, weights, rows.train[f], rows.test[f], errors, f * m), true);
      for (int a = 0; a < m; a++) {
        double s = 0;
        for (int f = 0; f < k; f++) {
          s += errors[f * m + a];
        }
        scores[a] = s / k;
      }
      perFold = errors;
      full = RidgeSpectrum.of(x, y, weights, null);
    }
    int best = 0;
    for (int a = 1; a < m; a++) {
      if (scores[a] < scores[best]) {
        best = a;
      }
    }
    double[] beta = new double[x[0].length];
    double intercept = full.coefficients(alphas[best], beta);
    return new RidgeCvResult(alphas, folds, scores, perFold, best, beta, intercept);
  }

  private void foldErrors(
      double[][] x, double[] y, double[] weights, int[] train, int[] test, double[] errors,
      int offset) {
    RidgeSpectrum s = RidgeSpectrum.of(x, y, weights, train);
    double[] beta = new double[s.p];
    double tw = 0;
    for (int t : test) {
      tw += weights == null ? 1.0 : weights[t];
    }
    for (int a = 0; a < alphas.length; a++) {
      double b = s.coefficients(alphas[a], beta);
      double sum = 0;
      for (int t : test) {
        double[] row = x[t];
        double pred = b;
        for (int j = 0; j < beta.length; j++) {
          pred += row[j] * beta[j];
        }
        double e = y[t] - pred;
        sum += (weights == null ? 1.0 : weights[t]) * e * e;
      }
      errors[offset + a] = sum / tw;
    }
  }

  @Override
  public String toString() {
    return "RidgeCv{alphas=" + alphas.length + ", scoring="
        + (folds == null ? "leave-one-out" : folds.toString()) + "}";
  }

  /**
   * Configures a {@link RidgeCv}. Each property may be set once; {@link #build()} may be called
   * repeatedly.
   */
  public static final class Builder {

    private double[] alphas;
    private Folds folds;
    private Executor executor;

    private Builder() {}

    /**
     * The grid of penalties, scored in this order (default 0.1, 1, 10).
     *
     * @param alphas the penalties, each finite
     * @return this builder
     * @throws NullPointerException when alphas is null
     * @throws IllegalArgumentException when alphas is empty or holds a value that is not finite
     *     and positive
     * @throws IllegalStateException when already set
     */
    public Builder alphas(double... alphas) {
      if (this.alphas != null) {
        throw new IllegalStateException(
            "alphas was already set to " + this.alphas.length + " values");
      }
      this.alphas = Inputs.alphas(alphas);
      return this;
    }

    /**
     * Scores alphas on these folds instead of by leave-one-out.
     *
     * @param folds the fold scheme
     * @return this builder
     * @throws NullPointerException when folds is null
     * @throws IllegalStateException when already set
     */
    public Builder folds(Folds folds) {
      Checks.unset(this.folds == null, "folds", this.folds);
      this.folds = Objects.requireNonNull(folds, "folds");
      return this;
    }

    /**
     * The executor that runs the folds (default {@link ForkJoinPool#commonPool()}; {@code
     * Runnable::run} runs everything on the caller). It is never shut down.
     *
     * @param executor where the folds run
     * @return this builder
     * @throws NullPointerException when executor is null
     * @throws IllegalStateException when already set
     */
    public Builder executor(Executor executor) {
      Checks.unset(this.executor == null, "executor", this.executor);
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * A RidgeCv with the configured settings.
     *
     * @return a new immutable RidgeCv; the builder can build again
     */
    public RidgeCv build() {
      return new RidgeCv(this);
    }
  }
}
