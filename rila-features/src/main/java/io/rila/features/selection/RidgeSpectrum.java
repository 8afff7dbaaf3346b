package io.rila.features.selection;

/**
 * Weighted Ridge regression with an unpenalised intercept for every penalty at once, from one
 * symmetric eigendecomposition (scikit-learn's {@code _RidgeGCV}). Rows are centred by their
 * weighted means and scaled by the square roots of the weights (not rescaled), giving X_s and
 * y_s. With more rows than features the decomposition is X_s^T X_s = V diag(lambda) V^T (F = X_s
 * V); otherwise X_s X_s^T = Q diag(lambda) Q^T (F = Q). Then, for every alpha,
 *
 * <pre>
 *   fitted_s = F diag(m) F^T y_s,   h_ii = w_i / sum(w) + sum_j F_ij^2 m_j,
 *   beta     = B diag(1 / (lambda + alpha)) g,   g = F^T y_s,
 * </pre>
 *
 * <p>with m = 1/(lambda + alpha), B = V in the first case and m = lambda/(lambda + alpha),
 * B = X_s^T Q in the second. The w_i / sum(w) term is the unpenalised intercept's share of the
 * hat matrix.
 */
final class RidgeSpectrum {

  final int n;
  final int p;
  final int rank;
  final boolean dual;
  final double[] mu;
  final double ybar;
  final double[] sw;
  final double wsum;
  final double[] ys;
  /** n x rank, row-major. */
  final double[] f;
  /** p x rank, row-major. */
  final double[] b;
  final double[] lambda;
  final double[] g;

  private RidgeSpectrum(
      int n, int p, boolean dual, double[] mu, double ybar, double[] sw, double wsum,
      double[] ys, double[] f, double[] b, double[] lambda) {
    this.n = n;
    this.p = p;
    this.rank = lambda.length;
    this.dual = dual;
    this.mu = mu;
    this.ybar = ybar;
    this.sw = sw;
    this.wsum = wsum;
    this.ys = ys;
    this.f = f;
    this.b = b;
    this.lambda = lambda;
    this.g = new double[rank];
    for (int i = 0; i < n; i++) {
      int row = i * rank;
      double v = ys[i];
      for (int j = 0; j < rank; j++) {
        g[j] += f[row + j] * v;
      }
    }
  }

  /** Decomposes the given rows ({@code null}: all) of checked input. */
  static RidgeSpectrum of(double[][] x, double[] y, double[] weights, int[] rows) {
    CentredRows centring = CentredRows.of(x, y, weights, rows, false);
    int n = centring.n;
    int p = centring.p;
    double[] mu = centring.mu;
    double ybar = centring.ybar;
    double[] sw = centring.sw;
    double wsum = centring.wsum;
    double[] xs = centring.x;
    double[] ys = centring.y;
    if (n > p) {
      double[] c = new double[p * p];
      for (int i = 0; i < n; i++) {
        int base = i * p;
        for (int j = 0; j < p; j++) {
          double v = xs[base + j];
          for (int k = j; k < p; k++) {
            c[j * p + k] += v * xs[base + k];
          }
        }
      }
      mirror(c, p);
      SymmetricEigen eig = SymmetricEigen.of(c, p);
      double[] f = multiply(xs, n, p, eig.vectors, p);
      return new RidgeSpectrum(n, p, false, mu, ybar, sw, wsum, ys, f, eig.vectors,
          clamp(eig.values));
    }
    double[] k = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double s = 0;
        for (int c = 0; c < p; c++) {
          s += xs[i * p + c] * xs[j * p + c];
        }
        k[i * n + j] = s;
      }
    }
    mirror(k, n);
    SymmetricEigen eig = SymmetricEigen.of(k, n);
    double[] bt = new double[p * n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < p; c++) {
        double v = xs[i * p + c];
        if (v == 0) {
          continue;
        }
        int qi = i * n;
        int row = c * n;
        for (int j = 0; j < n; j++) {
          bt[row + j] += v * eig.vectors[qi + j];
        }
      }
    }
    return new RidgeSpectrum(n, p, true, mu, ybar, sw, wsum, ys, eig.vectors, bt,
        clamp(eig.values));
  }

  private static void mirror(double[] a, int n) {
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        a[j * n + i] = a[i * n + j];
      }
    }
  }

  /** Rounding leaves eigenvalues of a Gram matrix slightly negative; they are zero. */
  private static double[] clamp(double[] values) {
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.max(values[i], 0.0);
    }
    return values;
  }

  /** a (r x c) times b (c x k), row-major. */
  private static double[] multiply(double[] a, int r, int c, double[] b, int k) {
    double[] out = new double[r * k];
    for (int i = 0; i < r; i++) {
      for (int t = 0; t < c; t++) {
        double v = a[i * c + t];
        if (v == 0) {
          continue;
        }
        int row = t * k;
        int orow = i * k;
        for (int j = 0; j < k; j++) {
          out[orow + j] += v * b[row + j];
        }
      }
    }
    return out;
  }

  /** The weight of direction j in the fitted values at penalty alpha. */
  private double fittedWeight(int j, double alpha) {
    return dual ? lambda[j] / (lambda[j] + alpha) : 1.0 / (lambda[j] + alpha);
  }

  /**
   * The weighted mean of the squared leave-one-out errors at {@code alpha}, as scikit-learn's
   * {@code RidgeCV}: sum_i w_i e_i^2 / n, where e_i is the error on row i of the fit without it.
   * {@code scratch} holds at least {@code rank} doubles.
   */
  double looError(double alpha, double[] scratch) {
    for (int j = 0; j < rank; j++) {
      scratch[j] = fittedWeight(j, alpha);
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      int row = i * rank;
      double fitted = 0;
      double h = sw[i] / wsum;
      for (int j = 0; j < rank; j++) {
        double fij = f[row + j];
        fitted += fij * g[j] * scratch[j];
        h += fij * fij * scratch[j];
      }
      double e = (ys[i] - fitted) / (1.0 - h);
      s += e * e;
    }
    return s / n;
  }

  /** The coefficients at {@code alpha} into {@code beta} (length p); returns the intercept. */
  double coefficients(double alpha, double[] beta) {
    double icpt = ybar;
    for (int c = 0; c < p; c++) {
      int row = c * rank;
      double s = 0;
      for (int j = 0; j < rank; j++) {
        s += b[row + j] * g[j] / (lambda[j] + alpha);
      }
      beta[c] = s;
      icpt -= mu[c] * s;
    }
    return icpt;
  }
}
