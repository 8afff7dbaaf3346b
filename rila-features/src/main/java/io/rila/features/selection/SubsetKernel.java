package io.rila.features.selection;

/**
 * The AIC of least-squares subsets from the centred weighted Gram matrix, with the Cholesky factor
 * shared between consecutive subsets. In lexicographic enumeration consecutive subsets share all
 * but their last few columns; the rows of the factor (and of the forward-solved cross products)
 * that belong to the shared prefix are kept, so the usual step costs one row, O(k^2), instead of
 * a fresh O(k^3) factorisation. With {@code G = L L^T} on the chosen columns and {@code z = L^-1
 * X^T W y}, {@code ssr = tss - |z|^2}, the statistic of rila-core's {@code OlsSubsetScorer}, with
 * its collinearity rule (a pivot at most 1e-12 of its diagonal entry).
 *
 * <p>The kernel is immutable and shared; each thread uses its own {@link Cursor}.
 */
final class SubsetKernel {

  /** A pivot at most this fraction of its diagonal entry marks a collinear column. */
  static final double COLLINEAR = 1e-12;
  private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

  private final int rows;
  private final int columns;
  /** Centred weighted Gram matrix, row-major columns x columns. */
  private final double[] gram;
  /** Centred weighted cross products with the target. */
  private final double[] cross;
  private final double tss;
  private final double sumLogWeights;

  private SubsetKernel(
      int rows, int columns, double[] gram, double[] cross, double tss, double sumLogWeights) {
    this.rows = rows;
    this.columns = columns;
    this.gram = gram;
    this.cross = cross;
    this.tss = tss;
    this.sumLogWeights = sumLogWeights;
  }

  /** Precomputes the Gram blocks of checked input (weights null or all positive). */
  static SubsetKernel of(double[][] x, double[] y, double[] weights) {
    int n = x.length;
    int p = x[0].length;
    double total = 0;
    double ybar = 0;
    double sumLog = 0;
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1.0 : weights[i];
      total += w;
      ybar += w * y[i];
      if (weights != null) {
        sumLog += Math.log(w);
      }
    }
    ybar /= total;
    double[] mean = new double[p];
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1.0 : weights[i];
      for (int j = 0; j < p; j++) {
        mean[j] += w * x[i][j];
      }
    }
    for (int j = 0; j < p; j++) {
      mean[j] /= total;
    }
    double[] gram = new double[p * p];
    double[] cross = new double[p];
    double[] centred = new double[p];
    double tss = 0;
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1.0 : weights[i];
      for (int j = 0; j < p; j++) {
        centred[j] = x[i][j] - mean[j];
      }
      double yc = y[i] - ybar;
      tss += w * yc * yc;
      for (int j = 0; j < p; j++) {
        double v = w * centred[j];
        cross[j] += v * yc;
        int row = j * p;
        for (int k = j; k < p; k++) {
          gram[row + k] += v * centred[k];
        }
      }
    }
    for (int j = 0; j < p; j++) {
      for (int k = j + 1; k < p; k++) {
        gram[k * p + j] = gram[j * p + k];
      }
    }
    return new SubsetKernel(n, p, gram, cross, tss, sumLog);
  }

  /** statsmodels' AIC of a fit with {@code k} columns and an intercept: -2 llf + 2 (k + 1). */
  double aic(double ssr, int k) {
    double llf = -0.5 * rows * (LOG_TWO_PI + Math.log(ssr / rows) + 1) + 0.5 * sumLogWeights;
    return -2 * llf + 2 * (k + 1);
  }

  /**
   * A bound on the SSR of a {@code k}-column fit whose AIC is below {@code aic}: any fit with a
   * larger SSR has a larger AIC (the bound is inflated by 1e-9 against rounding), so the search
   * rejects most subsets without a logarithm.
   */
  double ssrBound(double aic, int k) {
    double logRatio = (aic + sumLogWeights - 2.0 * (k + 1)) / rows - LOG_TWO_PI - 1;
    return rows * Math.exp(logRatio) * (1 + 1e-9);
  }

  Cursor newCursor(int capacity) {
    return new Cursor(capacity);
  }

  /**
   * A factor of the current subset, rows in subset order, refreshed from the first changed row.
   * Not thread-safe; allocation-free after construction.
   */
  final class Cursor {

    private final int capacity;
    private final int[] cols;
    /** Lower-triangular factor, row-major capacity x capacity. */
    private final double[] l;
    private final double[] z;
    /** Reciprocals of the factor's diagonal. */
    private final double[] inverse;
    /** Running sums of z^2. */
    private final double[] explained;
    private final double[] work;
    private int factored;
    private int size;

    private Cursor(int capacity) {
      this.capacity = capacity;
      this.cols = new int[capacity];
      this.l = new double[capacity * capacity];
      this.z = new double[capacity];
      this.inverse = new double[capacity];
      this.explained = new double[capacity];
      this.work = new double[capacity];
    }

    /**
     * Sets column {@code position} of the subset; rows from {@code position} on must be
     * refactored (done by {@link #aic}).
     */
    void set(int position, int column) {
      cols[position] = column;
      if (position < factored) {
        factored = position;
      }
    }

    /**
     * The (weighted) sum of squared residuals of the subset {@code cols[0..k)}, or NaN when its
     * columns are collinear.
     */
    double ssr(int k) {
      size = k;
      for (int r = factored; r < k; r++) {
        if (!factorRow(r)) {
          return Double.NaN;
        }
        factored = r + 1;
      }
      return Math.max(0, tss - (k == 0 ? 0 : explained[k - 1]));
    }

    private boolean factorRow(int r) {
      int cr = cols[r] * columns;
      int lr = r * capacity;
      double[] g = gram;
      double sumSq = 0;
      double zr = cross[cols[r]];
      for (int j = 0; j < r; j++) {
        int lj = j * capacity;
        double s = g[cr + cols[j]];
        for (int t = 0; t < j; t++) {
          s -= l[lr + t] * l[lj + t];
        }
        double v = s * inverse[j];
        l[lr + j] = v;
        sumSq += v * v;
        zr -= v * z[j];
      }
      double diagonal = g[cr + cols[r]];
      double pivot = diagonal - sumSq;
      if (!(pivot > 0) || pivot <= COLLINEAR * diagonal) {
        return false;
      }
      double d = Math.sqrt(pivot);
      l[lr + r] = d;
      inverse[r] = 1.0 / d;
      z[r] = zr * inverse[r];
      explained[r] = (r == 0 ? 0 : explained[r - 1]) + z[r] * z[r];
      return true;
    }

    /** The coefficients of the last scored subset into {@code beta[0..k)} (L^T beta = z). */
    void coefficients(double[] beta) {
      int k = size;
      for (int r = k - 1; r >= 0; r--) {
        double s = z[r];
        for (int t = r + 1; t < k; t++) {
          s -= l[t * capacity + r] * beta[t];
        }
        beta[r] = s / l[r * capacity + r];
      }
    }

    /** The standard errors of the last scored subset's coefficients into {@code se[0..k)}. */
    void standardErrors(double[] se) {
      int k = size;
      double ssr = Math.max(0, tss - (k == 0 ? 0 : explained[k - 1]));
      double scale = ssr / (rows - k - 1);
      for (int j = 0; j < k; j++) {
        // (G^-1)_jj = |L^-1 e_j|^2 by forward substitution from row j.
        double s = 0;
        for (int r = j; r < k; r++) {
          int lr = r * capacity;
          double v = r == j ? 1.0 : 0.0;
          for (int t = j; t < r; t++) {
            v -= l[lr + t] * work[t];
          }
          v /= l[lr + r];
          work[r] = v;
          s += v * v;
        }
        se[j] = Math.sqrt(scale * s);
      }
    }
  }
}
