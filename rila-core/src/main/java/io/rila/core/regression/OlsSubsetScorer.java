package io.rila.core.regression;

import io.rila.core.internal.Checks;
import io.rila.core.internal.Cholesky;
import java.util.Objects;

/**
 * Scores the least-squares fit of many feature subsets of one data set from its Gram matrix: the
 * inner loop of an AIC search. Built once from {@code (x, y, weights)}, it holds the weighted
 * means and the weighted, centred cross-products of all columns and the target (the centred form
 * of {@code [1 X]^T W [1 X]}, {@code X^T W y} and {@code y^T W y}); a subset of {@code k}
 * columns is then fitted, with an intercept, by a {@code k x k} Cholesky solve on its block, with
 * no pass over the rows.
 *
 * <pre>{@code
 * OlsSubsetScorer scorer = OlsSubsetScorer.of(x, y, weights);   // once
 * OlsSubsetScorer.Workspace ws = scorer.newWorkspace(6);        // once per thread
 * double aic = scorer.score(new int[] {3, 17, 42}, ws);         // millions of times
 * double bic = ws.bic();
 * }</pre>
 *
 * <p>The statistics are those of {@link OrdinaryLeastSquares#fit} on the chosen columns
 * (statsmodels' definitions, see {@link OlsFit}), to about {@code 1e-12} relative on
 * well-conditioned subsets; the SSR comes from the Gram blocks ({@code tss - r^T beta}), so it
 * loses relative accuracy only as {@code R^2} approaches 1. A subset whose columns are collinear
 * with each other or the intercept (to {@code 1e-12} of a column's centred variance) is not an
 * error: its score is NaN and {@link Workspace#rankDeficient()} is true, so a minimising search
 * skips it.
 *
 * <p>The scorer is immutable and thread-safe; it holds {@code p^2} doubles for {@code p}
 * columns, built in {@code O(n p^2)}. A {@link Workspace} is not thread-safe: use one per thread.
 * {@link #score} allocates nothing; standard errors are computed on request from the factor the
 * workspace keeps.
 */
public final class OlsSubsetScorer {

  private final int rows;
  private final int features;
  /** The weighted, centred cross-products of the columns (both triangles). */
  private final double[][] gram;
  /** Weighted, centred cross-products of the columns with the target. */
  private final double[] cross;
  /** Weighted means of the columns. */
  private final double[] mean;
  private final double yBar;
  private final double totalWeight;
  private final double centeredTss;
  private final double sumLogWeights;

  private OlsSubsetScorer(int rows, double[][] gram, double[] cross, double[] mean, double yBar,
      double totalWeight, double centeredTss, double sumLogWeights) {
    this.rows = rows;
    this.features = mean.length;
    this.gram = gram;
    this.cross = cross;
    this.mean = mean;
    this.yBar = yBar;
    this.totalWeight = totalWeight;
    this.centeredTss = centeredTss;
    this.sumLogWeights = sumLogWeights;
  }

  /**
   * Precomputes the Gram blocks of a data set.
   *
   * @param x candidate features, {@code rows x features}, finite, rectangular, with
   *     {@code rows >= 2}
   * @param y target, one finite value per row
   * @param weights per-row weights, finite and {@code > 0}, or {@code null} for OLS
   * @return the scorer
   * @throws NullPointerException if {@code x}, a row of it or {@code y} is null
   * @throws IllegalArgumentException if {@code x} is empty, ragged, not finite or has one row;
   *     {@code y} or {@code weights} has the wrong length or a value that is not finite; or a
   *     weight is not positive
   */
  public static OlsSubsetScorer of(double[][] x, double[] y, double[] weights) {
    int p = Checks.finiteMatrix(x, "x");
    int n = x.length;
    Objects.requireNonNull(y, "y");
    Checks.length(y, n, "y");
    Checks.finite(y, "y");
    double sumLog = OrdinaryLeastSquares.positiveWeights(weights, n);
    OrdinaryLeastSquares.requireRows(n, 0);
    double[] w = new double[n];
    double total = 0;
    double yBar = 0;
    for (int i = 0; i < n; i++) {
      w[i] = weights == null ? 1 : weights[i];
      total += w[i];
      yBar += w[i] * y[i];
    }
    yBar /= total;
    double[][] centred = new double[p][n];
    double[] mean = new double[p];
    for (int j = 0; j < p; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += w[i] * x[i][j];
      }
      double mj = s / total;
      mean[j] = mj;
      for (int i = 0; i < n; i++) {
        centred[j][i] = x[i][j] - mj;
      }
    }
    double[] yc = new double[n];
    double tss = 0;
    for (int i = 0; i < n; i++) {
      yc[i] = y[i] - yBar;
      tss += w[i] * yc[i] * yc[i];
    }
    double[][] gram = new double[p][p];
    double[] cross = new double[p];
    double[] weighted = new double[n];
    for (int j = 0; j < p; j++) {
      double[] cj = centred[j];
      for (int i = 0; i < n; i++) {
        weighted[i] = w[i] * cj[i];
      }
      for (int k = j; k < p; k++) {
        double g = dot(weighted, centred[k], n);
        gram[j][k] = g;
        gram[k][j] = g;
      }
      cross[j] = dot(weighted, yc, n);
    }
    return new OlsSubsetScorer(n, gram, cross, mean, yBar, total, tss, sumLog);
  }

  private static double dot(double[] u, double[] v, int n) {
    double s0 = 0;
    double s1 = 0;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      s0 += u[i] * v[i];
      s1 += u[i + 1] * v[i + 1];
    }
    if (i < n) {
      s0 += u[i] * v[i];
    }
    return s0 + s1;
  }

  /** The number of rows ({@code nobs}). */
  public int rows() {
    return rows;
  }

  /** The number of candidate columns. */
  public int features() {
    return features;
  }

  /**
   * A workspace for subsets of up to {@code maxSubsetSize} columns.
   *
   * @throws IllegalArgumentException if {@code maxSubsetSize} is negative
   */
  public Workspace newWorkspace(int maxSubsetSize) {
    return new Workspace(Checks.atLeast(maxSubsetSize, 0, "maxSubsetSize"));
  }

  /**
   * Scores the subset made of all of {@code subset}'s columns.
   *
   * @return the AIC, or NaN if the columns are collinear
   * @throws NullPointerException if {@code subset} or {@code workspace} is null
   * @throws IllegalArgumentException as for {@link #score(int[], int, Workspace)}
   */
  public double score(int[] subset, Workspace workspace) {
    Objects.requireNonNull(subset, "subset");
    return score(subset, subset.length, workspace);
  }

  /**
   * Fits the intercept and the columns {@code subset[0..size)} (in that order) and leaves the
   * statistics in {@code workspace}; allocates nothing. {@code size = 0} fits the intercept
   * alone.
   *
   * @return the AIC, or NaN if the columns are collinear ({@link Workspace#rankDeficient()})
   * @throws NullPointerException if {@code subset} or {@code workspace} is null
   * @throws IllegalArgumentException if {@code size} is negative, larger than
   *     {@code subset.length} or the workspace's capacity, or leaves no residual degree of
   *     freedom ({@code size >= rows - 1}); or a column index is out of range or repeated
   */
  public double score(int[] subset, int size, Workspace workspace) {
    Objects.requireNonNull(subset, "subset");
    Objects.requireNonNull(workspace, "workspace");
    Checks.inRange(size, 0, Math.min(subset.length, workspace.capacity), "size");
    if (size >= rows - 1) {
      throw new IllegalArgumentException("size: " + size + " (expected: < " + (rows - 1)
          + ", so that " + rows + " rows leave a residual degree of freedom)");
    }
    int[] columns = workspace.columns;
    for (int q = 0; q < size; q++) {
      int j = subset[q];
      if (j < 0 || j >= features) {
        throw new IllegalArgumentException("subset[" + q + "]: " + j + " (expected: 0 <= "
            + "subset[" + q + "] <= " + (features - 1) + ")");
      }
      for (int t = 0; t < q; t++) {
        if (columns[t] == j) {
          throw new IllegalArgumentException(
              "subset[" + q + "]: " + j + " (expected: distinct columns; repeats subset[" + t
                  + "])");
        }
      }
      columns[q] = j;
    }
    return workspace.fit(this, size);
  }

  /**
   * The reusable buffers of {@link #score} and the statistics of the last subset it scored:
   * statsmodels' names in parentheses. Not thread-safe; any scorer may use it for subsets up to
   * its capacity. Accessors fail with {@link IllegalStateException} before the first score.
   */
  public static final class Workspace {

    private final int capacity;
    private final int[] columns;
    private final double[][] factor;
    private final double[] coefficients;
    private final double[] means;
    private final double[] work;
    private OlsSubsetScorer scorer;
    private int size;
    private boolean rankDeficient;
    private double intercept;
    private double ssr;
    private double logLikelihood;

    private Workspace(int capacity) {
      this.capacity = capacity;
      this.columns = new int[capacity];
      this.factor = new double[capacity][capacity];
      this.coefficients = new double[capacity];
      this.means = new double[capacity];
      this.work = new double[capacity];
    }

    private double fit(OlsSubsetScorer s, int k) {
      scorer = s;
      size = k;
      for (int q = 0; q < k; q++) {
        double[] row = s.gram[columns[q]];
        double[] target = factor[q];
        for (int t = q; t < k; t++) {
          target[t] = row[columns[t]];
        }
        coefficients[q] = s.cross[columns[q]];
        means[q] = s.mean[columns[q]];
      }
      rankDeficient = Cholesky.factor(factor, k, OrdinaryLeastSquares.COLLINEAR) >= 0;
      if (rankDeficient) {
        intercept = Double.NaN;
        ssr = Double.NaN;
        logLikelihood = Double.NaN;
        return Double.NaN;
      }
      Cholesky.solve(factor, k, coefficients);
      double explained = 0;
      double muBeta = 0;
      for (int q = 0; q < k; q++) {
        explained += s.cross[columns[q]] * coefficients[q];
        muBeta += means[q] * coefficients[q];
      }
      intercept = s.yBar - muBeta;
      // Rounding can push a perfect fit's SSR below zero; it is zero.
      ssr = Math.max(0, s.centeredTss - explained);
      logLikelihood = OlsFit.logLikelihood(s.rows, ssr, s.sumLogWeights);
      return aic();
    }

    private OlsSubsetScorer scored() {
      if (scorer == null) {
        throw new IllegalStateException("no subset scored yet");
      }
      return scorer;
    }

    /** The capacity: the largest subset this workspace can score. */
    public int capacity() {
      return capacity;
    }

    /** The number of columns of the last subset (without the intercept). */
    public int size() {
      scored();
      return size;
    }

    /** Whether the last subset's columns were collinear (its statistics are then NaN). */
    public boolean rankDeficient() {
      scored();
      return rankDeficient;
    }

    /** The AIC, {@code -2 llf + 2 (size + 1)} ({@code aic}). */
    public double aic() {
      scored();
      return -2 * logLikelihood + 2 * (size + 1);
    }

    /** The BIC, {@code -2 llf + (size + 1) log(nobs)} ({@code bic}). */
    public double bic() {
      return -2 * logLikelihood + (size + 1) * Math.log(scored().rows);
    }

    /** The log-likelihood ({@code llf}). */
    public double logLikelihood() {
      scored();
      return logLikelihood;
    }

    /** The (weighted) sum of squared residuals ({@code ssr}). */
    public double ssr() {
      scored();
      return ssr;
    }

    /** {@code 1 - ssr / centered_tss} ({@code rsquared}). */
    public double rSquared() {
      return 1 - ssr / scored().centeredTss;
    }

    /** The residual degrees of freedom, {@code nobs - size - 1} ({@code df_resid}). */
    public int dfResid() {
      return scored().rows - size - 1;
    }

    /** The intercept. */
    public double intercept() {
      scored();
      return intercept;
    }

    /**
     * Copies the parameters, intercept first then one per column in subset order, into
     * {@code target[0..size]}.
     *
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalArgumentException if {@code target} is shorter than {@code size() + 1}
     */
    public void copyParamsInto(double[] target) {
      checkTarget(target);
      target[0] = intercept;
      for (int q = 0; q < size; q++) {
        target[q + 1] = rankDeficient ? Double.NaN : coefficients[q];
      }
    }

    /**
     * Copies the standard errors of the parameters ({@code bse}), intercept first, into
     * {@code target[0..size]}; about {@code size^3 / 3} work, no allocation.
     *
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalArgumentException if {@code target} is shorter than {@code size() + 1}
     */
    public void copyStandardErrorsInto(double[] target) {
      checkTarget(target);
      if (rankDeficient) {
        for (int q = 0; q <= size; q++) {
          target[q] = Double.NaN;
        }
        return;
      }
      double scale = ssr / dfResid();
      for (int q = 0; q < size; q++) {
        target[q + 1] = Math.sqrt(scale * Cholesky.inverseDiagonal(factor, size, q, work));
      }
      System.arraycopy(means, 0, work, 0, size);
      Cholesky.forward(factor, size, work);
      double quadratic = 0;
      for (int q = 0; q < size; q++) {
        quadratic += work[q] * work[q];
      }
      target[0] = Math.sqrt(scale * (1 / scorer.totalWeight + quadratic));
    }

    private void checkTarget(double[] target) {
      Objects.requireNonNull(target, "target");
      scored();
      if (target.length < size + 1) {
        throw new IllegalArgumentException("target: length " + target.length
            + " (expected: >= " + (size + 1) + ")");
      }
    }
  }
}
