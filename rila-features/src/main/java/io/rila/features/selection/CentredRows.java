package io.rila.features.selection;

/**
 * Rows of checked input (all, or a fold's) centred by their weighted means and scaled by the
 * square roots of their weights, the starting point of the Lasso and the Ridge spectrum: row
 * {@code i} becomes {@code sqrt(s_i) (x_i - mu)} and {@code sqrt(s_i) (y_i - ybar)}, where
 * {@code s} are the sample weights (all 1 without weights), optionally rescaled to sum to the
 * row count as scikit-learn's Lasso does.
 */
final class CentredRows {

  final int n;
  final int p;
  /** The row weights s used, after any rescaling. */
  final double[] sw;
  /** Their sum. */
  final double wsum;
  /** Weighted column means. */
  final double[] mu;
  /** Weighted target mean. */
  final double ybar;
  /** Centred, scaled rows, row-major n x p. */
  final double[] x;
  /** Centred, scaled target. */
  final double[] y;

  private CentredRows(
      int n, int p, double[] sw, double wsum, double[] mu, double ybar, double[] x, double[] y) {
    this.n = n;
    this.p = p;
    this.sw = sw;
    this.wsum = wsum;
    this.mu = mu;
    this.ybar = ybar;
    this.x = x;
    this.y = y;
  }

  /**
   * Centres and scales the given rows ({@code null}: all rows).
   *
   * @param weights sample weights or null
   * @param sumToRows whether weights are rescaled to sum to the number of rows used
   */
  static CentredRows of(
      double[][] x, double[] y, double[] weights, int[] rows, boolean sumToRows) {
    int n = rows == null ? x.length : rows.length;
    int p = x[0].length;
    double[] sw = new double[n];
    double wsum = 0;
    for (int i = 0; i < n; i++) {
      sw[i] = weights == null ? 1.0 : weights[row(rows, i)];
      wsum += sw[i];
    }
    if (sumToRows && weights != null) {
      double scale = n / wsum;
      for (int i = 0; i < n; i++) {
        sw[i] *= scale;
      }
      wsum = n;
    }
    double[] mu = new double[p];
    double ybar = 0;
    for (int i = 0; i < n; i++) {
      double[] xi = x[row(rows, i)];
      double s = sw[i];
      for (int j = 0; j < p; j++) {
        mu[j] += s * xi[j];
      }
      ybar += s * y[row(rows, i)];
    }
    for (int j = 0; j < p; j++) {
      mu[j] /= wsum;
    }
    ybar /= wsum;
    double[] xs = new double[n * p];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      double[] xi = x[row(rows, i)];
      double r = Math.sqrt(sw[i]);
      int base = i * p;
      for (int j = 0; j < p; j++) {
        xs[base + j] = r * (xi[j] - mu[j]);
      }
      ys[i] = r * (y[row(rows, i)] - ybar);
    }
    return new CentredRows(n, p, sw, wsum, mu, ybar, xs, ys);
  }

  private static int row(int[] rows, int i) {
    return rows == null ? i : rows[i];
  }
}
