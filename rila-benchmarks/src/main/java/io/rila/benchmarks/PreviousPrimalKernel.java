package io.rila.benchmarks;

import io.rila.core.internal.Cholesky;

/**
 * The primal form as rila computed it before the panel kernel, kept as the in-run baseline of
 * {@link PrimalKernelBenchmark} and the CI gate: the weighted means, then the columns centred over
 * all rows, then each entry of {@code X~^T V X~} as a dot product over all rows (rows of weight
 * zero add zeros), four accumulators each, then the Cholesky solve. Not thread-safe; buffers are
 * sized once.
 */
final class PreviousPrimalKernel {

  private final int n;
  private final int p;
  private final double[][] columns;
  private final double[] y;
  private final double[][] centred;
  private final double[] scaled;
  private final double[] residual;
  private final double[][] a;
  private final double[] mu;

  /**
   * Lays out a problem: the features by columns, centred by their means (as {@code RidgeKernel}
   * does), and the target centred by its mean.
   */
  PreviousPrimalKernel(double[][] x, double[] target) {
    n = x.length;
    p = x[0].length;
    columns = new double[p][n];
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i][j];
      }
      mean /= n;
      for (int i = 0; i < n; i++) {
        columns[j][i] = x[i][j] - mean;
      }
    }
    double yMean = 0;
    for (double v : target) {
      yMean += v;
    }
    yMean /= n;
    y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = target[i] - yMean;
    }
    centred = new double[p][n];
    scaled = new double[n];
    residual = new double[n];
    a = new double[p][p];
    mu = new double[p];
  }

  /** Solves one member with row weights {@code v} into {@code beta}; returns {@code mu . beta}. */
  double solve(double[] v, double alpha, double[] beta) {
    double total = 0;
    double sy = 0;
    for (int i = 0; i < n; i++) {
      total += v[i];
      sy += v[i] * y[i];
    }
    double inv = 1.0 / total;
    double yb = sy * inv;
    for (int i = 0; i < n; i++) {
      residual[i] = v[i] * (y[i] - yb);
    }
    for (int j = 0; j < p; j++) {
      double[] column = columns[j];
      double mean = dot(v, column, n) * inv;
      mu[j] = mean;
      double[] c = centred[j];
      for (int i = 0; i < n; i++) {
        c[i] = column[i] - mean;
      }
    }
    for (int j = 0; j < p; j++) {
      double[] c = centred[j];
      for (int i = 0; i < n; i++) {
        scaled[i] = v[i] * c[i];
      }
      double[] row = a[j];
      for (int k = j; k < p; k++) {
        row[k] = dot(scaled, centred[k], n);
      }
      row[j] += alpha;
      beta[j] = dot(residual, c, n);
    }
    if (Cholesky.factor(a, p, 0) >= 0) {
      throw new IllegalArgumentException("alpha: " + alpha + " (expected: positive definite)");
    }
    Cholesky.solve(a, p, beta);
    return dot(mu, beta, p);
  }

  private static double dot(double[] u, double[] w, int length) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < length; i += 4) {
      s0 += u[i] * w[i];
      s1 += u[i + 1] * w[i + 1];
      s2 += u[i + 2] * w[i + 2];
      s3 += u[i + 3] * w[i + 3];
    }
    for (; i < length; i++) {
      s0 += u[i] * w[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
