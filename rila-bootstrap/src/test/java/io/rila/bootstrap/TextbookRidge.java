package io.rila.bootstrap;

/**
 * Weighted Ridge regression solved the textbook way, for tests, sharing no code with rila's
 * solvers: weighted means, centred data, the normal equations {@code (Xc' V Xc + alpha I) beta =
 * Xc' V yc} solved by Gaussian elimination with partial pivoting, and {@code intercept = ybar -
 * mean . beta}. The normal equations square the condition number, which the small, well
 * conditioned problems of the tests (and alpha > 0 whenever features outnumber rows) afford.
 */
public final class TextbookRidge {

  private TextbookRidge() {}

  /**
   * The coefficients then the intercept of the Ridge fit of the given rows.
   *
   * @param x the rows, one per observation (a row drawn twice appears twice)
   * @param y the target
   * @param v the weight of each row, {@code >= 0} with a positive sum
   * @param alpha the penalty
   * @return {@code p + 1} numbers: the coefficients, then the intercept
   */
  public static double[] fit(double[][] x, double[] y, double[] v, double alpha) {
    int m = x.length;
    int p = x[0].length;
    double total = 0;
    for (int i = 0; i < m; i++) {
      total += v[i];
    }
    double[] mean = new double[p];
    double ybar = 0;
    for (int i = 0; i < m; i++) {
      ybar += v[i] * y[i];
      for (int j = 0; j < p; j++) {
        mean[j] += v[i] * x[i][j];
      }
    }
    ybar /= total;
    for (int j = 0; j < p; j++) {
      mean[j] /= total;
    }
    double[][] xc = new double[m][p];
    double[] yc = new double[m];
    for (int i = 0; i < m; i++) {
      yc[i] = y[i] - ybar;
      for (int j = 0; j < p; j++) {
        xc[i][j] = x[i][j] - mean[j];
      }
    }
    double[] beta = primal(xc, yc, v, alpha);
    double[] out = new double[p + 1];
    double intercept = ybar;
    for (int j = 0; j < p; j++) {
      out[j] = beta[j];
      intercept -= mean[j] * beta[j];
    }
    out[p] = intercept;
    return out;
  }

  private static double[] primal(double[][] xc, double[] yc, double[] v, double alpha) {
    int m = xc.length;
    int p = xc[0].length;
    double[][] a = new double[p][p];
    double[] b = new double[p];
    for (int j = 0; j < p; j++) {
      for (int l = 0; l < p; l++) {
        double s = 0;
        for (int i = 0; i < m; i++) {
          s += xc[i][j] * v[i] * xc[i][l];
        }
        a[j][l] = s;
      }
      a[j][j] += alpha;
      double s = 0;
      for (int i = 0; i < m; i++) {
        s += xc[i][j] * v[i] * yc[i];
      }
      b[j] = s;
    }
    return solve(a, b);
  }

  /** Solves {@code a z = b} by Gaussian elimination with partial pivoting; overwrites both. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      if (a[pivot][c] == 0) {
        throw new ArithmeticException("singular system at column " + c);
      }
      double[] row = a[c];
      a[c] = a[pivot];
      a[pivot] = row;
      double t = b[c];
      b[c] = b[pivot];
      b[pivot] = t;
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k < n; k++) {
          a[r][k] -= f * a[c][k];
        }
        b[r] -= f * b[c];
      }
    }
    double[] z = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < n; k++) {
        s -= a[r][k] * z[k];
      }
      z[r] = s / a[r][r];
    }
    return z;
  }
}
