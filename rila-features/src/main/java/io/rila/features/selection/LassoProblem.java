package io.rila.features.selection;

/**
 * One Lasso problem in scikit-learn's form: rows (all, or a training fold) centred by their
 * weighted means and scaled by the square roots of the weights rescaled to sum to the row count,
 * with the cross products that coordinate descent needs. Immutable once built; solvers keep their
 * own workspaces.
 */
final class LassoProblem {

  /** Largest feature count for which coordinate descent works on the Gram matrix (32 MiB). */
  static final int GRAM_MAX_FEATURES = 2048;

  final int n;
  final int p;
  final double[] mu;
  final double ybar;
  /** Centred, scaled target. */
  final double[] yc;
  /** Centred, scaled columns, column-major (column j at {@code j * n}); null with a Gram. */
  final double[] columns;
  /** Centred, scaled Gram matrix, row-major p x p; null when the solver works on residuals. */
  final double[] gram;
  /** Centred, scaled X^T y. */
  final double[] xy;
  /** Squared norms of the centred, scaled columns. */
  final double[] columnNorms;
  final double yNorm2;

  private LassoProblem(
      int n,
      int p,
      double[] mu,
      double ybar,
      double[] yc,
      double[] columns,
      double[] gram,
      double[] xy,
      double[] columnNorms) {
    this.n = n;
    this.p = p;
    this.mu = mu;
    this.ybar = ybar;
    this.yc = yc;
    this.columns = columns;
    this.gram = gram;
    this.xy = xy;
    this.columnNorms = columnNorms;
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += yc[i] * yc[i];
    }
    this.yNorm2 = s;
  }

  /** Whether coordinate descent should run on the Gram matrix for {@code p} features. */
  static boolean preferGram(int p) {
    return p <= GRAM_MAX_FEATURES;
  }

  /**
   * Builds the problem on the given rows ({@code null}: all rows) of checked input.
   *
   * @param weights sample weights or null; rescaled to sum to the number of rows used
   */
  static LassoProblem of(
      double[][] x, double[] y, double[] weights, int[] rows, boolean useGram) {
    CentredRows centring = CentredRows.of(x, y, weights, rows, true);
    int n = centring.n;
    int p = centring.p;
    double[] mu = centring.mu;
    double ybar = centring.ybar;
    double[] centred = centring.x;
    double[] yc = centring.y;
    double[] xy = new double[p];
    for (int i = 0; i < n; i++) {
      double v = yc[i];
      int base = i * p;
      for (int j = 0; j < p; j++) {
        xy[j] += v * centred[base + j];
      }
    }
    double[] norms = new double[p];
    if (useGram) {
      double[] gram = upperGram(centred, n, p);
      for (int j = 0; j < p; j++) {
        for (int k = j + 1; k < p; k++) {
          gram[k * p + j] = gram[j * p + k];
        }
        norms[j] = gram[j * p + j];
      }
      return new LassoProblem(n, p, mu, ybar, yc, null, gram, xy, norms);
    }
    double[] columns = new double[n * p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double v = centred[i * p + j];
        columns[j * n + i] = v;
        norms[j] += v * v;
      }
    }
    return new LassoProblem(n, p, mu, ybar, yc, columns, null, xy, norms);
  }

  /** Upper triangle of X^T X for row-major X (n x p), as a sum of row outer products. */
  private static double[] upperGram(double[] rowMajor, int n, int p) {
    double[] g = new double[p * p];
    for (int i = 0; i < n; i++) {
      int base = i * p;
      for (int j = 0; j < p; j++) {
        double v = rowMajor[base + j];
        if (v == 0) {
          continue;
        }
        int gj = j * p;
        for (int k = j; k < p; k++) {
          g[gj + k] += v * rowMajor[base + k];
        }
      }
    }
    return g;
  }

  /** The largest penalty with a non-zero solution: max |X_c^T y_c| / n. */
  double alphaMax() {
    double m = 0;
    for (int j = 0; j < p; j++) {
      m = Math.max(m, Math.abs(xy[j]));
    }
    return m / n;
  }

  /** Intercept for coefficients on the original scale of the columns. */
  double intercept(double[] w) {
    double s = ybar;
    for (int j = 0; j < p; j++) {
      s -= mu[j] * w[j];
    }
    return s;
  }
}
