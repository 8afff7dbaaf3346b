package io.rila.core.internal;

import io.rila.core.regression.SolveForm;
import java.util.Arrays;
import java.util.Objects;

/**
 * Buffers and solvers for the fits of one {@link RidgeKernel}, reused from fit to fit.
 *
 * <p>For row weights {@code v} let {@code S = {i : v_i > 0}}, {@code m = |S|},
 * {@code V = sum(v)}, {@code mu = X^T v / V} and {@code ybar = v . y / V}. The primal form solves
 * {@code (X~^T V X~ + alpha I) beta = X~^T V (y - ybar)} with {@code X~ = X - 1 mu^T}, centred
 * in two passes over the rows of {@code S} only (the weighted means first, then panels of centred
 * rows {@code Z} and their weighted copies {@code F}, whose products {@code F^T Z}
 * {@link WeightedGram} adds up), by
 * Cholesky: about {@code p^2 m / 2 + p^3 / 6} multiply-adds. The dual form builds the centred
 * Gram matrix on {@code S} from the kernel's {@code K = X X^T}, {@code G = K_SS - (Kv)_S 1^T / V
 * - 1 (Kv)_S^T / V + (v^T K v) / V^2}, solves {@code (D G D + alpha I) a = D (y_S - ybar)} with
 * {@code D = diag(sqrt(v_S))} by Cholesky and recovers {@code beta = X_S^T (c - v_S sum(c) / V)}
 * with {@code c = D a}: about {@code m n + m^3 / 6 + m p} multiply-adds and a single pass over the
 * features. The intercept is {@code ybar - mu . beta} in both.
 *
 * <p>From {@value #MIXED_MIN_FEATURES} features and {@code alpha > 0} the primal form solves in
 * mixed precision (see {@link #solveMixed}): the Gram matrix and its Cholesky factor in single
 * precision, then iterative refinement in double from the rows until the error left is below
 * {@value #CONVERGED} of the largest coefficient (or the residual's rounding floor, if that is
 * below {@value #ACCEPTED} of it), falling back to the direct solve otherwise.
 *
 * <p>Not thread-safe: use one workspace per thread. The constructor holds the row-sized buffers,
 * and the dual form's for up to {@code min(rows, features - 1)} rows with a positive weight when
 * the features are more than half the rows (where a bootstrap member may draw fewer distinct
 * rows than features). Every other buffer is allocated by the first solve that needs it and
 * kept: the primal form's, in single precision for a mixed-precision solve and in double for a
 * direct one (below {@value #MIXED_MIN_FEATURES} features, {@code alpha = 0}, the non-negative
 * solve, or the first fallback), and a larger dual system. Once every path a fit takes has run,
 * {@link #solve} allocates nothing. The first dual solve on a kernel computes its {@code K = X
 * X^T} once for all workspaces.
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class RidgeWorkspace {

  /**
   * With {@code alpha = 0} a Cholesky pivot below this fraction of its original diagonal entry
   * means the features are collinear to working precision.
   */
  private static final double SINGULAR_TOLERANCE = 1e-12;

  /**
   * The negative gradient of the non-negative problem must exceed this fraction of the magnitude
   * of the terms it is summed from before a coefficient leaves zero: below it, its sign is
   * rounding noise.
   */
  private static final double GRADIENT_TOLERANCE = 1e-12;

  /**
   * The fewest features for which the primal form solves in mixed precision. Measured on the
   * project's 2-core AMD EPYC (one thread, 5,000 rows): the mixed solve took 0.99 times the
   * direct one's time at 400 and 598 features (the double kernel's four result rows still fit
   * the first-level cache there), 0.82 at 800, 0.70 at 1,000 and 0.58 at 2,000.
   */
  public static final int MIXED_MIN_FEATURES = 700;

  /**
   * Refinement steps after which a mixed-precision solve that has not converged falls back. A
   * step costs two passes over the rows of S, a few per cent of the single-precision Gram matrix
   * at these widths; collinear features (lags of a trending series) contract by about 0.01 per
   * step, so converge in six to eight.
   */
  private static final int MAX_REFINEMENTS = 30;

  /**
   * A refinement has converged when the error left after its last correction, estimated from
   * that correction and the rate measured between the last two (the refinement converges
   * linearly), is below this fraction of the largest coefficient: below the double-precision
   * solve's own rounding.
   */
  private static final double CONVERGED = 1e-15;

  /**
   * A refinement whose correction no longer shrinks has reached the rounding floor of its
   * double-precision residual, about {@code cond * 2^-53} of the coefficients, as the direct
   * solve's own error is; it is accepted when that correction is below this fraction of the
   * largest coefficient (the error left is then about one correction), else the solve falls back
   * to the direct double-precision one. Collinear trending features measured a floor of 3.5e-12.
   */
  private static final double ACCEPTED = 1e-11;

  private final RidgeKernel kernel;
  private final int n;
  private final int p;

  /** Rows of S, in index order. */
  private final int[] support;
  /** v over S, compact. */
  private final double[] weight;
  private int m;
  private double total;
  private double yBar;
  private SolveForm lastForm;

  private final double[] mu;
  private double[][] primal;
  private double[] primalRhs;
  /** Rows of S, centred, one panel at a time. */
  private double[][] panel;
  /** The rows of {@link #panel} times their weights. */
  private double[][] weighted;

  /** Whether the primal form may solve in mixed precision; tests turn it off. */
  private boolean mixedPrecision = true;
  /** The single-precision {@code X~^T V X~ + alpha I}, then its factor. */
  private float[][] single;
  private float[][] singlePanel;
  private float[][] singleWeighted;
  private double[] correction;
  private long mixedSolves;
  private long mixedFallbacks;

  private double[][] dual;
  private int dualCapacity;
  private final double[] root;
  private final double[] kv;
  private final double[] g;
  private final double[] rootG;
  private final double[] dualRhs;

  private double[][] nnFull;
  private double[][] nnSub;
  private double[] nnZ;
  private int[] nnIndex;
  private boolean[] nnFree;
  private boolean[] nnSkip;

  RidgeWorkspace(RidgeKernel kernel) {
    this.kernel = kernel;
    this.n = kernel.rows;
    this.p = kernel.features;
    this.support = new int[n];
    this.weight = new double[n];
    this.mu = new double[p];
    this.root = new double[n];
    this.kv = new double[n];
    this.g = new double[n];
    this.rootG = new double[n];
    this.dualRhs = new double[n];
    if (2L * p > n) {
      ensureDual(Math.min(n, p - 1));
    }
  }

  /**
   * Fits one member.
   *
   * @param v per-row weights {@code >= 0} (user weight times bootstrap count), length
   *     {@code rows}, at least one {@code > 0}
   * @param alpha penalty {@code >= 0}; must be {@code > 0} in the dual form, and {@code 0} is
   *     accepted in the primal form only when the weighted, centred features have full rank
   * @param form {@code AUTO} chooses {@code DUAL} iff {@code features > m}
   * @param betaOut receives the coefficients, length {@code features}
   * @return the intercept
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a length is wrong, a weight is negative or not finite, all
   *     weights are zero, or {@code alpha} is negative, not finite, or too small for the system
   *     to be positive definite
   */
  public double solve(double[] v, double alpha, SolveForm form, double[] betaOut) {
    Objects.requireNonNull(form, "form");
    checkArguments(v, alpha, betaOut);
    scan(v);
    SolveForm used = form == SolveForm.AUTO ? (p > m ? SolveForm.DUAL : SolveForm.PRIMAL) : form;
    lastForm = used;
    return used == SolveForm.DUAL ? solveDual(alpha, betaOut) : solvePrimal(alpha, betaOut);
  }

  /**
   * Fits one member with the coefficients constrained to {@code beta >= 0} and a free intercept
   * (scikit-learn's {@code Ridge(positive=True)}), exactly: an active-set method (Lawson and
   * Hanson) on the weighted, centred normal equations, which ends at the point that satisfies
   * the optimality conditions to rounding.
   *
   * @param v per-row weights, as for {@link #solve}
   * @param alpha penalty {@code >= 0}; {@code 0} only where the free coefficients' system is
   *     non-singular
   * @param betaOut receives the coefficients, length {@code features}
   * @return the intercept
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as for {@link #solve}
   */
  public double solveNonNegative(double[] v, double alpha, double[] betaOut) {
    checkArguments(v, alpha, betaOut);
    scan(v);
    lastForm = SolveForm.PRIMAL;
    ensurePanels();
    ensureNonNegative();
    double[][] a = nnFull;
    double[] r = primalRhs;
    accumulatePrimal(a, r);
    for (int j = 0; j < p; j++) {
      double[] row = a[j];
      row[j] += alpha;
      for (int k = j + 1; k < p; k++) {
        a[k][j] = row[k];
      }
    }
    activeSet(a, r, alpha, betaOut);
    return intercept(betaOut, dot(mu, betaOut, p));
  }

  /**
   * The form the last call of {@link #solve} or {@link #solveNonNegative} used ({@code PRIMAL} or
   * {@code DUAL}), or {@code null} before the first call.
   */
  public SolveForm lastForm() {
    return lastForm;
  }

  private void checkArguments(double[] v, double alpha, double[] betaOut) {
    Checks.length(v, n, "v");
    Checks.length(betaOut, p, "betaOut");
    Checks.nonNegativeFinite(alpha, "alpha");
  }

  /** Validates {@code v} and collects S, V and the weighted mean of the centred target. */
  private void scan(double[] v) {
    double[] y = kernel.y;
    int count = 0;
    double sum = 0;
    double sy = 0;
    for (int i = 0; i < n; i++) {
      double w = v[i];
      if (!(w >= 0) || w == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("v[" + i + "]: " + w + " (expected: finite and >= 0)");
      }
      if (w > 0) {
        support[count] = i;
        weight[count] = w;
        count++;
        sum += w;
        sy += w * y[i];
      }
    }
    if (count == 0) {
      throw new IllegalArgumentException("v: all zero (expected: at least one > 0)");
    }
    m = count;
    total = sum;
    yBar = sy / sum;
  }

  private double solvePrimal(double alpha, double[] beta) {
    if (mixedPrecision && mixed(p, alpha)) {
      ensureSingle();
      mixedSolves++;
      if (solveMixed(alpha, beta)) {
        return intercept(beta, dot(mu, beta, p));
      }
      mixedFallbacks++;
    }
    ensureDirect();
    double[][] a = primal;
    double[] r = primalRhs;
    accumulatePrimal(a, r);
    for (int j = 0; j < p; j++) {
      a[j][j] += alpha;
    }
    int failed = Cholesky.factor(a, p, alpha == 0 ? SINGULAR_TOLERANCE : 0);
    if (failed >= 0) {
      throw singular(alpha, "feature", failed);
    }
    System.arraycopy(r, 0, beta, 0, p);
    Cholesky.solve(a, p, beta);
    return intercept(beta, dot(mu, beta, p));
  }

  /**
   * The primal form in mixed precision: {@code X~^T V X~ + alpha I} in single precision (the
   * centred rows and their weighted copies rounded to float, multiplied by the float {@link
   * WeightedGram} kernel with twice the vector lanes) and factored by the float {@link
   * Cholesky}; that factor then preconditions an iterative refinement in double, {@code beta +=
   * M^-1 (r - (X~^T V X~ + alpha I) beta)}, whose residual is computed from the rows in double.
   * Each step shrinks the error by about {@code cond * 2^-24}: two or three steps reach double
   * precision on a well-conditioned system, six to eight on collinear trending features. Each
   * step is judged by {@link #judge}. Returns false, leaving {@code beta} to be overwritten, when
   * the float factorisation fails (a pivot not positive or not finite), when a step fails, or
   * after {@value #MAX_REFINEMENTS} steps: the caller then solves directly in double.
   */
  private boolean solveMixed(double alpha, double[] beta) {
    float[][] a = single;
    double[] r = primalRhs;
    accumulateSingle(a, r);
    float shift = (float) alpha;
    for (int j = 0; j < p; j++) {
      a[j][j] += shift;
    }
    if (Cholesky.factor(a, p) >= 0) {
      return false;
    }
    System.arraycopy(r, 0, beta, 0, p);
    Cholesky.solve(a, p, beta);
    double[] d = correction;
    double previous = Double.POSITIVE_INFINITY;
    for (int step = 0; step < MAX_REFINEMENTS; step++) {
      residual(alpha, beta, d);
      Cholesky.solve(a, p, d);
      double change = 0;
      double size = 0;
      for (int j = 0; j < p; j++) {
        double b = beta[j] + d[j];
        beta[j] = b;
        change = Math.max(change, Math.abs(d[j]));
        size = Math.max(size, Math.abs(b));
      }
      Refinement verdict = judge(change, previous, size);
      if (verdict != Refinement.CONTINUE) {
        return verdict != Refinement.FAILED;
      }
      previous = change;
    }
    return false;
  }

  /** What a refinement step tells: go on, converged, at the rounding floor, or failed. */
  enum Refinement {
    CONTINUE, CONVERGED, FLOOR, FAILED
  }

  /**
   * Judges a refinement step from its correction {@code change} (largest magnitude), the previous
   * step's ({@code +infinity} before the second step) and the largest coefficient {@code size}.
   * The refinement converges linearly, at the rate {@code q = change / previous}: while {@code q
   * < 1} the error left is at most about {@code change q / (1 - q)}, and the refinement has
   * converged when that is at most {@value #CONVERGED} of {@code size}. A step that does not
   * shrink ({@code q >= 1}) has hit the rounding floor of the double-precision residual; the
   * solve is accepted there when the step is at most {@value #ACCEPTED} of {@code size} (the error
   * is then about one step) and failed otherwise. A value that is not finite fails.
   */
  static Refinement judge(double change, double previous, double size) {
    if (!(change <= Double.MAX_VALUE && size <= Double.MAX_VALUE)) {
      return Refinement.FAILED;
    }
    if (change == 0) {
      return Refinement.CONVERGED;
    }
    if (previous == Double.POSITIVE_INFINITY) {
      return Refinement.CONTINUE;
    }
    double rate = change / previous;
    if (rate < 1) {
      return change * rate / (1 - rate) <= CONVERGED * size
          ? Refinement.CONVERGED : Refinement.CONTINUE;
    }
    return change <= ACCEPTED * size ? Refinement.FLOOR : Refinement.FAILED;
  }

  /**
   * {@code out = r - (X~^T V X~ + alpha I) x} in double, from the rows of S: {@code r} is
   * {@link #primalRhs}, and each centred row {@code z_s = x_s - mu}, centred on the fly as the
   * direct solve centres it, enters as {@code v_s (z_s . x) z_s}. The dot products run on eight
   * fused accumulators (C2 does not vectorise a floating-point reduction, and eight chains keep
   * both fused multiply-add units busy).
   */
  private void residual(double alpha, double[] x, double[] out) {
    double[][] rows = kernel.byRow;
    double[] center = kernel.center;
    double[] r = primalRhs;
    Arrays.fill(out, 0, p, 0);
    int size = m;
    for (int s = 0; s < size; s++) {
      double[] row = rows[support[s]];
      double f = weight[s] * centredDot(row, center, mu, x, p);
      for (int k = 0; k < p; k++) {
        out[k] = Math.fma(-f, row[k] - center[k] - mu[k], out[k]);
      }
    }
    for (int j = 0; j < p; j++) {
      out[j] = (r[j] - alpha * x[j]) + out[j];
    }
  }

  /**
   * {@code (u - c - m) . w} over the first {@code length} entries, each {@code u - c - m}
   * evaluated left to right, on eight fused accumulators.
   */
  private static double centredDot(double[] u, double[] c, double[] m, double[] w,
      int length) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int i = 0;
    for (; i + 7 < length; i += 8) {
      s0 = Math.fma(u[i] - c[i] - m[i], w[i], s0);
      s1 = Math.fma(u[i + 1] - c[i + 1] - m[i + 1], w[i + 1], s1);
      s2 = Math.fma(u[i + 2] - c[i + 2] - m[i + 2], w[i + 2], s2);
      s3 = Math.fma(u[i + 3] - c[i + 3] - m[i + 3], w[i + 3], s3);
      s4 = Math.fma(u[i + 4] - c[i + 4] - m[i + 4], w[i + 4], s4);
      s5 = Math.fma(u[i + 5] - c[i + 5] - m[i + 5], w[i + 5], s5);
      s6 = Math.fma(u[i + 6] - c[i + 6] - m[i + 6], w[i + 6], s6);
      s7 = Math.fma(u[i + 7] - c[i + 7] - m[i + 7], w[i + 7], s7);
    }
    for (; i < length; i++) {
      s0 = Math.fma(u[i] - c[i] - m[i], w[i], s0);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /**
   * As {@link #accumulatePrimal}, with {@code a} in single precision: {@link #mu} and {@code r}
   * are computed in double exactly as there, and the panels are rounded to float.
   */
  private void accumulateSingle(float[][] a, double[] r) {
    double[][] rows = kernel.byRow;
    double[] center = kernel.center;
    double[] y = kernel.y;
    int size = m;
    weightedMeans();
    for (int j = 0; j < p; j++) {
      Arrays.fill(a[j], 0, p, 0f);
    }
    Arrays.fill(r, 0, p, 0);
    double yb = yBar;
    float[][] z = singlePanel;
    float[][] f = singleWeighted;
    int capacity = z.length;
    for (int s0 = 0; s0 < size; s0 += capacity) {
      int count = Math.min(capacity, size - s0);
      for (int t = 0; t < count; t++) {
        int i = support[s0 + t];
        double w = weight[s0 + t];
        double[] row = rows[i];
        float[] zt = z[t];
        float[] ft = f[t];
        double dy = y[i] - yb;
        for (int j = 0; j < p; j++) {
          double c = row[j] - center[j] - mu[j];
          double wc = w * c;
          zt[j] = (float) c;
          ft[j] = (float) wc;
          r[j] += dy * wc;
        }
      }
      WeightedGram.addUpper(a, f, z, count, p);
    }
  }

  /** Fills {@link #mu} with the weighted means of the rows of S. */
  private void weightedMeans() {
    double[][] rows = kernel.byRow;
    double[] center = kernel.center;
    Arrays.fill(mu, 0);
    for (int s = 0; s < m; s++) {
      double w = weight[s];
      double[] row = rows[support[s]];
      for (int j = 0; j < p; j++) {
        mu[j] += w * (row[j] - center[j]);
      }
    }
    double inv = 1.0 / total;
    for (int j = 0; j < p; j++) {
      mu[j] *= inv;
    }
  }

  /**
   * Fills {@link #mu}, the upper triangle of {@code a} with {@code X~^T V X~} and {@code r} with
   * {@code X~^T V (y - ybar)}, over the rows of S only: panels of them, centred, and the same rows
   * times their weights, are multiplied by {@link WeightedGram#addUpper}.
   */
  private void accumulatePrimal(double[][] a, double[] r) {
    double[][] rows = kernel.byRow;
    double[] center = kernel.center;
    double[] y = kernel.y;
    int size = m;
    weightedMeans();
    for (int j = 0; j < p; j++) {
      Arrays.fill(a[j], 0, p, 0);
    }
    Arrays.fill(r, 0, p, 0);
    double yb = yBar;
    double[][] z = panel;
    double[][] f = weighted;
    int capacity = z.length;
    for (int s0 = 0; s0 < size; s0 += capacity) {
      int count = Math.min(capacity, size - s0);
      for (int t = 0; t < count; t++) {
        int i = support[s0 + t];
        double w = weight[s0 + t];
        double[] row = rows[i];
        double[] zt = z[t];
        double[] ft = f[t];
        double dy = y[i] - yb;
        for (int j = 0; j < p; j++) {
          double c = row[j] - center[j] - mu[j];
          zt[j] = c;
          ft[j] = w * c;
          r[j] += dy * ft[j];
        }
      }
      WeightedGram.addUpper(a, f, z, count, p);
    }
  }

  private double solveDual(double alpha, double[] beta) {
    if (alpha == 0) {
      throw new IllegalArgumentException(
          "alpha: 0.0 (expected: > 0 in the dual form, whose centred Gram matrix is singular)");
    }
    double[][] k = kernel.gram();
    double[][] rows = kernel.centredRows();
    double[] y = kernel.y;
    int size = m;
    ensureDual(size);
    double[][] a = dual;
    supportSum(kv, n, weight, k);
    double inv = 1.0 / total;
    double vkv = 0;
    for (int s = 0; s < size; s++) {
      double kvs = kv[support[s]];
      vkv += weight[s] * kvs;
      g[s] = kvs * inv;
      root[s] = Math.sqrt(weight[s]);
    }
    double shift = vkv * inv * inv;
    for (int s = 0; s < size; s++) {
      rootG[s] = root[s] * g[s];
    }
    double yb = yBar;
    for (int s = 0; s < size; s++) {
      int i = support[s];
      double[] rowK = k[i];
      double[] rowA = a[s];
      for (int t = s; t < size; t++) {
        rowA[t] = rowK[support[t]];
      }
      double rs = root[s];
      double gs = g[s] - shift;
      for (int t = s; t < size; t++) {
        rowA[t] = rs * (root[t] * (rowA[t] - gs) - rootG[t]);
      }
      rowA[s] += alpha;
      dualRhs[s] = rs * (y[i] - yb);
    }
    int failed = Cholesky.factor(a, size, 0);
    if (failed >= 0) {
      throw singular(alpha, "row", support[failed]);
    }
    Cholesky.solve(a, size, dualRhs);
    double sumC = 0;
    for (int s = 0; s < size; s++) {
      double c = root[s] * dualRhs[s];
      dualRhs[s] = c;
      sumC += c;
    }
    double scale = sumC * inv;
    double muBeta = 0;
    for (int s = 0; s < size; s++) {
      double w = dualRhs[s] - weight[s] * scale;
      dualRhs[s] = w;
      muBeta += w * g[s];
    }
    supportSum(beta, p, dualRhs, rows);
    return intercept(beta, muBeta);
  }

  /**
   * {@code out = sum_s w[s] rows[support[s]]} over the rows of S in order and the first {@code
   * length} entries: four rows per pass over {@code out} ({@link #addRows}), then the rest one by
   * one.
   */
  private void supportSum(double[] out, int length, double[] w, double[][] rows) {
    Arrays.fill(out, 0, length, 0);
    int size = m;
    int s = 0;
    for (; s + 3 < size; s += 4) {
      addRows(out, length, w[s], rows[support[s]], w[s + 1], rows[support[s + 1]],
          w[s + 2], rows[support[s + 2]], w[s + 3], rows[support[s + 3]]);
    }
    for (; s < size; s++) {
      addRow(out, length, w[s], rows[support[s]]);
    }
  }

  /**
   * {@code out += w0 r0 + w1 r1 + w2 r2 + w3 r3} over the first {@code length} entries, each entry
   * as four fused multiply-adds in that order: one pass over {@code out} for four rows.
   */
  private static void addRows(double[] out, int length, double w0, double[] r0, double w1,
      double[] r1, double w2, double[] r2, double w3, double[] r3) {
    for (int j = 0; j < length; j++) {
      out[j] = Math.fma(w3, r3[j], Math.fma(w2, r2[j], Math.fma(w1, r1[j],
          Math.fma(w0, r0[j], out[j]))));
    }
  }

  /** {@code out += w r} over the first {@code length} entries, as fused multiply-adds. */
  private static void addRow(double[] out, int length, double w, double[] r) {
    for (int j = 0; j < length; j++) {
      out[j] = Math.fma(w, r[j], out[j]);
    }
  }

  /**
   * Lawson-Hanson on {@code min 1/2 b^T A b - r^T b, b >= 0} with {@code A} full (both
   * triangles): a coefficient is freed when its negative gradient is the largest positive one,
   * and the free set's unconstrained solution is accepted once it is positive, else the step
   * toward it stops at the first coefficient that reaches zero, which is bound again. A freed
   * coefficient whose first solution is not positive (possible only by rounding) is bound again
   * and skipped until the next accepted step, so the method cannot cycle on it.
   */
  private void activeSet(double[][] a, double[] r, double alpha, double[] beta) {
    double[][] sub = nnSub;
    double[] z = nnZ;
    int[] index = nnIndex;
    boolean[] free = nnFree;
    boolean[] skip = nnSkip;
    Arrays.fill(beta, 0);
    Arrays.fill(free, false);
    Arrays.fill(skip, false);
    int maxIterations = 3 * p + 10;
    outer:
    for (int iteration = 0; ; iteration++) {
      if (iteration > maxIterations) {
        throw new IllegalStateException(
            "non-negative ridge: no convergence after " + maxIterations + " active-set steps");
      }
      int enter = -1;
      double best = 0;
      for (int j = 0; j < p; j++) {
        double[] row = a[j];
        double s = r[j];
        double magnitude = Math.abs(s);
        for (int k = 0; k < p; k++) {
          double t = row[k] * beta[k];
          s -= t;
          magnitude += Math.abs(t);
        }
        if (!free[j] && !skip[j] && s > GRADIENT_TOLERANCE * magnitude && s > best) {
          best = s;
          enter = j;
        }
      }
      if (enter < 0) {
        return;
      }
      free[enter] = true;
      boolean first = true;
      while (true) {
        int size = 0;
        int entered = -1;
        for (int j = 0; j < p; j++) {
          if (free[j]) {
            entered = j == enter ? size : entered;
            index[size++] = j;
          }
        }
        for (int q = 0; q < size; q++) {
          double[] row = a[index[q]];
          double[] target = sub[q];
          for (int t = q; t < size; t++) {
            target[t] = row[index[t]];
          }
          z[q] = r[index[q]];
        }
        int failed = Cholesky.factor(sub, size, alpha == 0 ? SINGULAR_TOLERANCE : 0);
        if (failed >= 0) {
          throw singular(alpha, "feature", index[failed]);
        }
        Cholesky.solve(sub, size, z);
        if (first && z[entered] <= 0) {
          free[enter] = false;
          skip[enter] = true;
          continue outer;
        }
        first = false;
        double step = 1;
        int leave = -1;
        for (int q = 0; q < size; q++) {
          if (z[q] <= 0) {
            double b = beta[index[q]];
            double t = b / (b - z[q]);
            if (t < step) {
              step = t;
              leave = q;
            }
          }
        }
        if (leave < 0) {
          for (int q = 0; q < size; q++) {
            beta[index[q]] = z[q];
          }
          Arrays.fill(skip, false);
          continue outer;
        }
        for (int q = 0; q < size; q++) {
          int j = index[q];
          beta[j] += step * (z[q] - beta[j]);
          if (q == leave || beta[j] <= 0) {
            beta[j] = 0;
            free[j] = false;
          }
        }
      }
    }
  }

  private double intercept(double[] beta, double muBeta) {
    return kernel.yMean + yBar - muBeta - dot(kernel.center, beta, p);
  }

  /** A dot product with four accumulators: C2 does not vectorise a floating-point reduction. */
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

  private static IllegalArgumentException singular(double alpha, String what, int at) {
    return new IllegalArgumentException("alpha: " + alpha + " (expected: large enough that the"
        + " weighted, centred system is positive definite; it is singular at " + what + " " + at
        + ")");
  }

  /**
   * Whether the primal form solves a problem of {@code features} features at {@code alpha} in
   * mixed precision (the non-negative solve never does): the one rule the solver, its buffers and
   * {@code MemoryEstimate} follow.
   *
   * @param features the number of features
   * @param alpha the penalty
   * @return true from {@value #MIXED_MIN_FEATURES} features with {@code alpha > 0}
   */
  public static boolean mixed(int features, double alpha) {
    return alpha > 0 && features >= MIXED_MIN_FEATURES;
  }

  /** The mixed-precision solve's buffers. */
  private void ensureSingle() {
    if (single == null) {
      int rows = Math.min(n, WeightedGram.singlePanelRows(p));
      ensureRhs();
      single = new float[p][p];
      singlePanel = new float[rows][p];
      singleWeighted = new float[rows][p];
      correction = new double[p];
    }
  }

  /** The direct double-precision solve's buffers. */
  private void ensureDirect() {
    ensurePanels();
    if (primal == null) {
      primal = new double[p][p];
    }
  }

  /** The double-precision panels of centred rows and their weighted copies. */
  private void ensurePanels() {
    if (panel == null) {
      int rows = Math.min(n, WeightedGram.panelRows(p));
      ensureRhs();
      panel = new double[rows][p];
      weighted = new double[rows][p];
    }
  }

  private void ensureRhs() {
    if (primalRhs == null) {
      primalRhs = new double[p];
    }
  }

  /** Turns the mixed-precision primal solve off (tests compare it with the direct one). */
  void directOnly() {
    mixedPrecision = false;
  }

  /** Primal solves that tried mixed precision. */
  long mixedSolves() {
    return mixedSolves;
  }

  /** Mixed-precision primal solves that fell back to the direct double-precision solve. */
  long mixedFallbacks() {
    return mixedFallbacks;
  }

  private void ensureDual(int size) {
    if (size > dualCapacity) {
      int capacity = Math.min(n, Math.max(size, 2 * dualCapacity));
      dual = new double[capacity][capacity];
      dualCapacity = capacity;
    }
  }

  private void ensureNonNegative() {
    if (nnFull == null) {
      nnFull = new double[p][p];
      nnSub = new double[p][p];
      nnZ = new double[p];
      nnIndex = new int[p];
      nnFree = new boolean[p];
      nnSkip = new boolean[p];
    }
  }
}
