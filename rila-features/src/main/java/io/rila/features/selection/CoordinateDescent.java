package io.rila.features.selection;

import java.util.Arrays;

/**
 * Cyclic coordinate descent for 0.5 |y_c - X_c w|^2 + alpha n |w|_1, step for step the algorithm
 * of scikit-learn's {@code enet_coordinate_descent} (on residuals) and {@code
 * enet_coordinate_descent_gram} (on the Gram matrix): a sweep over every coordinate, a duality-gap
 * check whenever the largest update is below {@code tol} times the largest coefficient, and a stop
 * once the gap is below {@code tol |y_c|^2}. The coefficients persist between calls, which makes
 * successive solves along a decreasing penalty path warm starts.
 *
 * <p>One instance per thread; a solve allocates nothing.
 */
final class CoordinateDescent {

  private final LassoProblem problem;
  private final double[] w;
  /** Gram form: Q w. Residual form: y_c - X_c w. */
  private final double[] state;

  private int iterations;
  private double gap;
  private double scaledTolerance;

  CoordinateDescent(LassoProblem problem) {
    this.problem = problem;
    this.w = new double[problem.p];
    this.state = problem.gram != null ? new double[problem.p] : problem.yc.clone();
  }

  /** Resets the coefficients to zero (a cold start). */
  void reset() {
    Arrays.fill(w, 0);
    if (problem.gram != null) {
      Arrays.fill(state, 0);
    } else {
      System.arraycopy(problem.yc, 0, state, 0, problem.n);
    }
  }

  /** Solves at penalty {@code alpha}, starting from the current coefficients. */
  void solve(double alpha, double tol, int maxIterations) {
    double l1 = alpha * problem.n;
    scaledTolerance = tol * problem.yNorm2;
    if (problem.gram != null) {
      solveGram(l1, tol, maxIterations);
    } else {
      solveResidual(l1, tol, maxIterations);
    }
  }

  private void solveGram(double l1, double tol, int maxIterations) {
    int p = problem.p;
    double[] q = problem.gram;
    double[] xy = problem.xy;
    double[] h = state;
    for (int iter = 0; iter < maxIterations; iter++) {
      double wMax = 0;
      double dMax = 0;
      for (int ii = 0; ii < p; ii++) {
        int row = ii * p;
        double qii = q[row + ii];
        if (qii == 0) {
          continue;
        }
        double old = w[ii];
        double tmp = xy[ii] - h[ii] + old * qii;
        double updated = shrink(tmp, l1) / qii;
        if (updated != old) {
          double d = updated - old;
          for (int k = 0; k < p; k++) {
            h[k] += d * q[row + k];
          }
        }
        w[ii] = updated;
        dMax = Math.max(dMax, Math.abs(updated - old));
        wMax = Math.max(wMax, Math.abs(updated));
      }
      if (wMax == 0 || dMax / wMax < tol || iter == maxIterations - 1) {
        gap = gramGap(l1);
        if (gap < scaledTolerance) {
          iterations = iter + 1;
          return;
        }
      }
    }
    iterations = maxIterations;
  }

  private double gramGap(double l1) {
    int p = problem.p;
    double[] xy = problem.xy;
    double[] h = state;
    double qw = 0;
    double wh = 0;
    double l1Norm = 0;
    double dualNorm = 0;
    for (int j = 0; j < p; j++) {
      qw += w[j] * xy[j];
      wh += w[j] * h[j];
      l1Norm += Math.abs(w[j]);
      dualNorm = Math.max(dualNorm, Math.abs(xy[j] - h[j]));
    }
    double yNorm2 = problem.yNorm2;
    double rNorm2 = yNorm2 + wh - 2.0 * qw;
    return gap(l1, dualNorm, rNorm2, l1Norm, yNorm2 - qw);
  }

  private void solveResidual(double l1, double tol, int maxIterations) {
    int n = problem.n;
    int p = problem.p;
    double[] x = problem.columns;
    double[] norms = problem.columnNorms;
    double[] r = state;
    for (int iter = 0; iter < maxIterations; iter++) {
      double wMax = 0;
      double dMax = 0;
      for (int ii = 0; ii < p; ii++) {
        double nii = norms[ii];
        if (nii == 0) {
          continue;
        }
        int col = ii * n;
        double old = w[ii];
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += x[col + i] * r[i];
        }
        double updated = shrink(dot + old * nii, l1) / nii;
        if (updated != old) {
          double d = updated - old;
          for (int i = 0; i < n; i++) {
            r[i] -= d * x[col + i];
          }
        }
        w[ii] = updated;
        dMax = Math.max(dMax, Math.abs(updated - old));
        wMax = Math.max(wMax, Math.abs(updated));
      }
      if (wMax == 0 || dMax / wMax < tol || iter == maxIterations - 1) {
        gap = residualGap(l1);
        if (gap < scaledTolerance) {
          iterations = iter + 1;
          return;
        }
      }
    }
    iterations = maxIterations;
  }

  private double residualGap(double l1) {
    int n = problem.n;
    int p = problem.p;
    double[] x = problem.columns;
    double[] r = state;
    double dualNorm = 0;
    double l1Norm = 0;
    for (int j = 0; j < p; j++) {
      int col = j * n;
      double dot = 0;
      for (int i = 0; i < n; i++) {
        dot += x[col + i] * r[i];
      }
      dualNorm = Math.max(dualNorm, Math.abs(dot));
      l1Norm += Math.abs(w[j]);
    }
    double rNorm2 = 0;
    double ry = 0;
    for (int i = 0; i < n; i++) {
      rNorm2 += r[i] * r[i];
      ry += r[i] * problem.yc[i];
    }
    return gap(l1, dualNorm, rNorm2, l1Norm, ry);
  }

  /** The duality gap of scikit-learn's coordinate descent (no L2 term). */
  private static double gap(double l1, double dualNorm, double rNorm2, double l1Norm, double ry) {
    double c;
    double g;
    if (dualNorm > l1) {
      c = l1 / dualNorm;
      g = 0.5 * (rNorm2 + rNorm2 * c * c);
    } else {
      c = 1.0;
      g = rNorm2;
    }
    return g + l1 * l1Norm - c * ry;
  }

  private static double shrink(double v, double t) {
    double a = Math.abs(v) - t;
    return a > 0 ? Math.copySign(a, v) : 0.0;
  }

  /** Copies the current coefficients into {@code target}. */
  void copyCoefficients(double[] target) {
    System.arraycopy(w, 0, target, 0, w.length);
  }

  /** The current coefficients (live; callers must not keep or modify them). */
  double[] coefficients() {
    return w;
  }

  int iterations() {
    return iterations;
  }

  double gap() {
    return gap;
  }

  double scaledTolerance() {
    return scaledTolerance;
  }

  boolean converged() {
    return gap < scaledTolerance;
  }
}
