package io.rila.features.selection;

/**
 * Coordinate descent for 0.5 |y_c - X_c w|^2 + alpha n |w|_1 (scikit-learn's scaling) with
 * scikit-learn's stopping rule: after a sweep over every coordinate whose largest update is below
 * {@code tol} times the largest coefficient, compute the duality gap and stop once it is below
 * {@code tol |y_c|^2}. Between full sweeps it works on the active set A (the non-zero
 * coefficients) alone, as glmnet does: on the Gram form, sign-preserving Newton steps (see {@link
 * #newtonSteps}) and then sweeps on a compact copy of Q_AA, each O(|A|^2) instead of O(p |A|); on
 * the residual form, sweeps over the active columns. Iterates therefore differ from
 * scikit-learn's, but every solution carries the same duality-gap certificate. The coefficients
 * persist between calls, which makes successive solves along a decreasing penalty path warm
 * starts.
 *
 * <p>One instance per thread; workspaces are sized once and a solve allocates nothing.
 */
final class CoordinateDescent {

  /** Floor of the active-set stopping threshold, tightened when the gap check fails. */
  private static final double MIN_INNER_TOLERANCE = 1e-15;

  private final LassoProblem problem;
  private final double[] w;
  /** Gram form: Q w. Residual form: y_c - X_c w. */
  private final double[] state;
  /** Active coordinates (indices into w). */
  private final int[] active;
  /** Gram form: Q restricted to the active set (row-major), Q w and w on it, w at entry. */
  private final double[] activeGram;
  private final double[] activeH;
  private final double[] activeW;
  private final double[] activeStart;
  /** Gram form: Cholesky factor and right-hand side of the active-set Newton step. */
  private final double[] factor;
  private final double[] newton;
  private final int[] liveIndex;

  private int iterations;
  private double gap;
  private double scaledTolerance;

  CoordinateDescent(LassoProblem problem) {
    this.problem = problem;
    int p = problem.p;
    this.w = new double[p];
    this.state = problem.gram != null ? new double[p] : problem.yc.clone();
    this.active = new int[p];
    boolean gram = problem.gram != null;
    int cap = gram ? Math.min(p, problem.n + 1) : 0;
    this.activeGram = new double[gram ? cap * cap : 0];
    this.activeH = new double[gram ? p : 0];
    this.activeW = new double[gram ? p : 0];
    this.activeStart = new double[gram ? p : 0];
    this.factor = new double[activeGram.length];
    this.newton = new double[gram ? p : 0];
    this.liveIndex = new int[gram ? p : 0];
  }

  /**
   * Solves at penalty {@code alpha}, starting from the current coefficients. At most {@code
   * maxIterations} full sweeps, each followed by at most {@code maxIterations} active-set sweeps.
   */
  void solve(double alpha, double tol, int maxIterations) {
    double l1 = alpha * problem.n;
    scaledTolerance = tol * problem.yNorm2;
    boolean gramForm = problem.gram != null;
    double innerTol = tol;
    for (int iter = 0; iter < maxIterations; iter++) {
      double ratio = gramForm ? gramSweep(l1, null, problem.p) : residualSweep(l1, null, problem.p);
      if (ratio < tol || iter == maxIterations - 1) {
        gap = gramForm ? gramGap(l1) : residualGap(l1);
        if (gap < scaledTolerance) {
          iterations = iter + 1;
          return;
        }
        if (ratio < tol) {
          innerTol = Math.max(innerTol * 0.1, MIN_INNER_TOLERANCE);
        }
      }
      int m = gatherActive();
      if (m > 0) {
        if (gramForm && m * m <= activeGram.length) {
          activeGramSweeps(l1, m, innerTol, maxIterations);
        } else {
          for (int s = 0; s < maxIterations; s++) {
            double r = gramForm ? gramSweep(l1, active, m) : residualSweep(l1, active, m);
            if (r < innerTol) {
              break;
            }
          }
        }
      }
    }
    iterations = maxIterations;
  }

  /** Collects the non-zero coordinates into {@link #active}; returns how many. */
  private int gatherActive() {
    int m = 0;
    for (int j = 0; j < w.length; j++) {
      if (w[j] != 0) {
        active[m++] = j;
      }
    }
    return m;
  }

  /**
   * One sweep of the Gram form over {@code coords[0..m)} (all coordinates when null), keeping all
   * of Q w; returns the largest update over the largest coefficient (0 when all are zero).
   */
  private double gramSweep(double l1, int[] coords, int m) {
    int p = problem.p;
    double[] q = problem.gram;
    double[] xy = problem.xy;
    double[] h = state;
    double wMax = 0;
    double dMax = 0;
    for (int c = 0; c < m; c++) {
      int ii = coords == null ? c : coords[c];
      int row = ii * p;
      double qii = q[row + ii];
      if (qii == 0) {
        continue;
      }
      double old = w[ii];
      double updated = shrink(xy[ii] - h[ii] + old * qii, l1) / qii;
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
    return wMax == 0 ? 0 : dMax / wMax;
  }

  /**
   * Sweeps over the {@code m} active coordinates on a compact copy of Q until the largest update
   * is below {@code innerTol} times the largest coefficient, then folds the changes back into the
   * full Q w.
   */
  private void activeGramSweeps(double l1, int m, double innerTol, int maxSweeps) {
    int p = problem.p;
    double[] q = problem.gram;
    double[] xy = problem.xy;
    double[] qa = activeGram;
    for (int a = 0; a < m; a++) {
      int row = active[a] * p;
      for (int b = 0; b < m; b++) {
        qa[a * m + b] = q[row + active[b]];
      }
      activeH[a] = state[active[a]];
      activeW[a] = w[active[a]];
      activeStart[a] = activeW[a];
    }
    newtonSteps(l1, m);
    for (int s = 0; s < maxSweeps; s++) {
      double wMax = 0;
      double dMax = 0;
      for (int a = 0; a < m; a++) {
        int row = a * m;
        double qaa = qa[row + a];
        double old = activeW[a];
        double updated = shrink(xy[active[a]] - activeH[a] + old * qaa, l1) / qaa;
        if (updated != old) {
          double d = updated - old;
          for (int b = 0; b < m; b++) {
            activeH[b] += d * qa[row + b];
          }
          activeW[a] = updated;
        }
        dMax = Math.max(dMax, Math.abs(updated - old));
        wMax = Math.max(wMax, Math.abs(updated));
      }
      if (wMax == 0 || dMax / wMax < innerTol) {
        break;
      }
    }
    for (int a = 0; a < m; a++) {
      double d = activeW[a] - activeStart[a];
      int j = active[a];
      if (d != 0) {
        int row = j * p;
        for (int k = 0; k < p; k++) {
          state[k] += d * q[row + k];
        }
      }
      w[j] = activeW[a];
    }
    for (int a = 0; a < m; a++) {
      state[active[a]] = activeH[a];
    }
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

  /**
   * Newton steps on the active set with the signs held fixed (the feature-sign search of Lee et
   * al., 2006): with signs s, the smooth piece of the objective is minimised by the solution z of
   * Q_AA z = X_A^T y - alpha n s. Move from w towards z, stopping where the first coefficient
   * reaches zero (the objective decreases all along that segment); drop that coefficient and
   * repeat, until z keeps every sign (the exact minimiser on the active set) or the factorisation
   * fails. This replaces the slow zig-zag of coordinate descent on correlated columns (lagged
   * series) by a few m^3/3 solves; the following sweeps and the duality gap still decide
   * convergence.
   */
  private void newtonSteps(double l1, int m) {
    double[] qa = activeGram;
    double[] l = factor;
    double[] z = newton;
    int[] live = liveIndex;
    for (int round = 0; round < m; round++) {
      int k = 0;
      for (int a = 0; a < m; a++) {
        if (activeW[a] != 0) {
          live[k++] = a;
        }
      }
      if (k == 0 || !choleskyOfLive(k, m)) {
        return;
      }
      for (int i = 0; i < k; i++) {
        int a = live[i];
        double sum = problem.xy[active[a]] - Math.copySign(l1, activeW[a]);
        int row = i * k;
        for (int c = 0; c < i; c++) {
          sum -= l[row + c] * z[c];
        }
        z[i] = sum / l[row + i];
      }
      for (int i = k - 1; i >= 0; i--) {
        double sum = z[i];
        for (int c = i + 1; c < k; c++) {
          sum -= l[c * k + i] * z[c];
        }
        z[i] = sum / l[i * k + i];
      }
      double t = 1.0;
      int crossing = -1;
      for (int i = 0; i < k; i++) {
        double wi = activeW[live[i]];
        if (z[i] == 0 || (z[i] > 0) != (wi > 0)) {
          double ti = wi / (wi - z[i]);
          if (ti < t) {
            t = ti;
            crossing = i;
          }
        }
      }
      for (int i = 0; i < k; i++) {
        int a = live[i];
        double target = i == crossing ? 0.0 : activeW[a] + t * (z[i] - activeW[a]);
        double d = target - activeW[a];
        if (d != 0) {
          int row = a * m;
          for (int b = 0; b < m; b++) {
            activeH[b] += d * qa[row + b];
          }
          activeW[a] = target;
        }
      }
      if (crossing < 0) {
        return;
      }
    }
  }

  /**
   * Cholesky factor of Q restricted to the {@code k} live active coordinates, into {@link
   * #factor} (row-major k x k, lower triangle); false when a pivot is not clearly positive.
   */
  private boolean choleskyOfLive(int k, int m) {
    double[] qa = activeGram;
    double[] l = factor;
    int[] live = liveIndex;
    for (int i = 0; i < k; i++) {
      int row = i * k;
      int qi = live[i] * m;
      for (int j = 0; j <= i; j++) {
        double sum = qa[qi + live[j]];
        int rowJ = j * k;
        for (int c = 0; c < j; c++) {
          sum -= l[row + c] * l[rowJ + c];
        }
        if (i == j) {
          if (!(sum > 1e-12 * qa[qi + live[i]])) {
            return false;
          }
          l[row + i] = Math.sqrt(sum);
        } else {
          l[row + j] = sum / l[rowJ + j];
        }
      }
    }
    return true;
  }

  /**
   * One sweep of the residual form over {@code coords[0..m)} (all coordinates when null); returns
   * the largest update over the largest coefficient.
   */
  private double residualSweep(double l1, int[] coords, int m) {
    int n = problem.n;
    double[] x = problem.columns;
    double[] norms = problem.columnNorms;
    double[] r = state;
    double wMax = 0;
    double dMax = 0;
    for (int c = 0; c < m; c++) {
      int ii = coords == null ? c : coords[c];
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
    return wMax == 0 ? 0 : dMax / wMax;
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
