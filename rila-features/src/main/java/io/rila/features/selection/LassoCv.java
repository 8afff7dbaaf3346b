package io.rila.features.selection;

import io.rila.core.internal.Checks;
import io.rila.core.internal.ChunkedTasks;
import io.rila.core.progress.ProgressListener;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Cross-validated Lasso, as scikit-learn's {@code LassoCV}: a grid of penalties (by default 100,
 * log-spaced from the smallest penalty that zeroes every coefficient down to 1e-3 times it), a
 * warm-started {@link LassoPath} on the training rows of each fold, the mean squared error of each
 * penalty on the fold's test rows, the penalty with the smallest mean error over folds (the first
 * on ties), and a fit from zero on all rows at that penalty.
 *
 * <pre>{@code
 * LassoCvResult cv = LassoCv.newBuilder()
 *     .folds(Folds.timeSeries(5))
 *     .build()
 *     .fit(x, y, weights);
 * int[] keep = cv.screen(20);           // the 20 largest |coefficients| at the chosen alpha
 * }</pre>
 *
 * <p>With weights, each training fold uses the Lasso's weighted objective (weights rescaled to
 * sum to the fold's rows) and test errors are averaged with the test rows' weights, as in
 * scikit-learn; the default grid then uses the weighted {@code alphaMax} (scikit-learn's ignores
 * weights).
 *
 * <p>Immutable and thread-safe. Folds run as parallel tasks on the executor (default {@link
 * ForkJoinPool#commonPool()}, the calling thread helps); the result does not depend on the
 * executor or the scheduling.
 */
public final class LassoCv {

  static final int DEFAULT_ALPHA_COUNT = 100;
  static final double DEFAULT_EPS = 1e-3;

  private final Folds folds;
  private final int alphaCount;
  private final double eps;
  private final double[] alphas;
  private final Lasso lasso;
  private final Executor executor;
  private final ProgressListener progressListener;

  private LassoCv(Builder b) {
    this.folds = b.folds == null ? Folds.kFold(5) : b.folds;
    this.alphaCount = b.alphaCount < 0 ? DEFAULT_ALPHA_COUNT : b.alphaCount;
    this.eps = Double.isNaN(b.eps) ? DEFAULT_EPS : b.eps;
    this.alphas = b.alphas == null ? null : Lasso.descending(b.alphas);
    this.lasso = b.lasso.build();
    this.executor = b.executor == null ? ForkJoinPool.commonPool() : b.executor;
    this.progressListener = b.progressListener;
  }

  /**
   * A builder with scikit-learn's defaults: {@code Folds.kFold(5)}, 100 penalties, eps 1e-3,
   * tolerance 1e-4, 1,000 iterations.
   *
   * @return a builder with nothing set
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The fold scheme.
   *
   * @return the fold scheme
   */
  public Folds folds() {
    return folds;
  }

  /**
   * Cross-validates without weights.
   *
   * @param x the design, one row per observation, without an intercept column
   * @param y the target, one per row of {@code x}
   * @return the cross-validation errors, the chosen penalty and the refit
   * @throws NullPointerException when x, a row of x or y is null
   * @throws IllegalArgumentException when x is empty or ragged, y does not have one entry per row,
   *     a value is not finite, or there are too few rows for the folds
   */
  public LassoCvResult fit(double[][] x, double[] y) {
    return fit(x, y, null);
  }

  /**
   * Cross-validates, then refits on all rows at the chosen penalty.
   *
   * @param x the design, one row per observation, without an intercept column
   * @param y the target, one per row of {@code x}
   * @param weights sample weights, or null for none
   * @return the cross-validation errors, the chosen penalty and the refit
   * @throws NullPointerException when x, a row of x or y is null
   * @throws IllegalArgumentException when x is empty or ragged, y or weights do not have one entry
   *     per row, a value is not finite, a weight is negative or all are zero, there are too few
   *     rows for the folds, or the training or test rows of a fold have only zero weights
   */
  public LassoCvResult fit(double[][] x, double[] y, double[] weights) {
    int p = Inputs.design(x, y, weights);
    int n = x.length;
    FoldRows rows = FoldRows.of(folds, n, weights);
    int k = folds.count();
    boolean gram = LassoProblem.preferGram(p);
    LassoProblem full = LassoProblem.of(x, y, weights, null, gram);
    double[] grid = alphas != null ? alphas : Lasso.grid(full.alphaMax(), alphaCount, eps);
    int m = grid.length;
    double[] mse = new double[k * m];
    ChunkedTasks.forEach(executor, k,
        f -> foldPath(x, y, weights, rows.train[f], rows.test[f], gram, grid, mse, f * m), true,
        progressListener);
    int best = 0;
    double bestMse = Double.POSITIVE_INFINITY;
    double[] mean = new double[m];
    for (int a = 0; a < m; a++) {
      double s = 0;
      for (int f = 0; f < k; f++) {
        s += mse[f * m + a];
      }
      mean[a] = s / k;
      if (mean[a] < bestMse) {
        bestMse = mean[a];
        best = a;
      }
    }
    LassoFit refit = lasso.solve(full, grid[best]);
    return new LassoCvResult(folds, grid, mse, mean, best, refit);
  }

  private void foldPath(
      double[][] x,
      double[] y,
      double[] weights,
      int[] train,
      int[] test,
      boolean gram,
      double[] grid,
      double[] mse,
      int offset) {
    LassoProblem problem = LassoProblem.of(x, y, weights, train, gram);
    CoordinateDescent cd = new CoordinateDescent(problem);
    double[] w = cd.coefficients();
    int p = problem.p;
    double tw = 0;
    for (int t : test) {
      tw += weights == null ? 1.0 : weights[t];
    }
    for (int a = 0; a < grid.length; a++) {
      cd.solve(grid[a], lasso.tolerance(), lasso.maxIterations());
      double b = problem.intercept(w);
      double s = 0;
      for (int t : test) {
        double[] row = x[t];
        double pred = b;
        for (int j = 0; j < p; j++) {
          pred += row[j] * w[j];
        }
        double e = pred - y[t];
        s += (weights == null ? 1.0 : weights[t]) * e * e;
      }
      mse[offset + a] = s / tw;
    }
  }

  @Override
  public String toString() {
    return "LassoCv{folds=" + folds + ", alphas="
        + (alphas != null ? alphas.length + " given" : alphaCount + " (eps " + eps + ")")
        + ", " + lasso + "}";
  }

  /**
   * Configures a {@link LassoCv}. Each property may be set once; {@link #build()} may be called
   * repeatedly.
   */
  public static final class Builder {

    private Folds folds;
    private int alphaCount = -1;
    private double eps = Double.NaN;
    private double[] alphas;
    private final Lasso.Builder lasso = Lasso.newBuilder();
    private Executor executor;
    private ProgressListener progressListener;

    private Builder() {}

    /**
     * The fold scheme (default {@code Folds.kFold(5)}).
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
     * The number of penalties on the default grid (default 100).
     *
     * @param alphaCount at least 1
     * @return this builder
     * @throws IllegalArgumentException when alphaCount is below 1
     * @throws IllegalStateException when already set, or when explicit alphas were set
     */
    public Builder alphaCount(int alphaCount) {
      Checks.unset(this.alphaCount < 0, "alphaCount", this.alphaCount);
      requireNoAlphas("alphaCount");
      this.alphaCount = Checks.atLeast(alphaCount, 1, "alphaCount");
      return this;
    }

    /**
     * The ratio of the smallest to the largest penalty on the default grid (default 1e-3).
     *
     * @param eps in (0, 1)
     * @return this builder
     * @throws IllegalArgumentException when eps is not in (0, 1)
     * @throws IllegalStateException when already set, or when explicit alphas were set
     */
    public Builder eps(double eps) {
      Checks.unset(Double.isNaN(this.eps), "eps", this.eps);
      requireNoAlphas("eps");
      this.eps = Lasso.checkEps(eps);
      return this;
    }

    /**
     * Explicit penalties instead of the default grid (they are used largest first).
     *
     * @param alphas the penalties, each finite and {@code > 0}
     * @return this builder
     * @throws NullPointerException when alphas is null
     * @throws IllegalArgumentException when alphas is empty or holds a value that is not finite
     *     and positive
     * @throws IllegalStateException when already set, or when alphaCount or eps were set
     */
    public Builder alphas(double... alphas) {
      if (this.alphas != null) {
        throw new IllegalStateException(
            "alphas was already set to " + this.alphas.length + " values");
      }
      if (alphaCount >= 0 || !Double.isNaN(eps)) {
        throw new IllegalStateException(
            "alphas: the default grid was already configured by alphaCount or eps");
      }
      this.alphas = Inputs.alphas(alphas);
      return this;
    }

    private void requireNoAlphas(String property) {
      if (alphas != null) {
        throw new IllegalStateException(property + ": explicit alphas were already set");
      }
    }

    /**
     * The duality-gap tolerance of each solve (default 1e-4).
     *
     * @param tolerance finite and {@code > 0}
     * @return this builder
     * @throws IllegalArgumentException when tolerance is not finite and {@code > 0}
     * @throws IllegalStateException when already set
     */
    public Builder tolerance(double tolerance) {
      lasso.tolerance(tolerance);
      return this;
    }

    /**
     * The most coordinate-descent sweeps per penalty (default 1,000).
     *
     * @param maxIterations at least 1
     * @return this builder
     * @throws IllegalArgumentException when maxIterations is below 1
     * @throws IllegalStateException when already set
     */
    public Builder maxIterations(int maxIterations) {
      lasso.maxIterations(maxIterations);
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
     * Hears how many of the run's folds are done, about every percent and at the end, one call
     * at a time (default none). An exception it throws stops the run and is rethrown.
     *
     * @param progressListener the listener
     * @return this builder
     * @throws NullPointerException when progressListener is null
     * @throws IllegalStateException when already set
     */
    public Builder progressListener(ProgressListener progressListener) {
      Checks.unset(this.progressListener == null, "progressListener", this.progressListener);
      this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
      return this;
    }

    /**
     * A LassoCv with the configured settings.
     *
     * @return a new immutable LassoCv; the builder can build again
     */
    public LassoCv build() {
      return new LassoCv(this);
    }
  }
}
