package io.rila.core.internal;

/**
 * Cholesky factorisation and solves of a symmetric positive definite matrix held as rows: the
 * small dense kernel behind every rila solver.
 *
 * <p>The matrix is the leading {@code n x n} block of {@code a}, one array per row. Only the upper
 * triangle is read, and it is overwritten by the factor {@code U} with {@code A = U^T U}; the
 * strict lower triangle is left untouched. Rows are separate arrays because HotSpot's C2 (Java
 * 17) vectorises {@code r[j] -= f * u[j]} only when both arrays share the index expression,
 * which a flat matrix with row offsets never does. The factorisation is right-looking, blocked by
 * four pivots: once four rows of the factor are done, the later rows take their outer products
 * two rows at a time in one contiguous pass, each entry as four fused multiply-adds in pivot
 * order, so each load of the four factor rows serves two rows. Up to {@value #PANEL} pivots that
 * is the whole algorithm; beyond, a finished panel of {@value #PANEL} rows updates the trailing
 * matrix at once by {@link WeightedGram#subtractUpper}. Measured on the project's 2-core AMD EPYC
 * machine (one thread), this factored a 95 x 95 matrix (a bootstrap member of the 150-row guide
 * shape, dual form) in about 11 us against 15 to 22 us for panels of 32 pivots with unfused
 * updates of one row at a time, and 600 x 600 in 1.7 against 2.4 ms; from about 1,000 pivots the
 * two ran within noise of each other. The single-precision factorisation keeps panels of {@value
 * #SINGLE_PANEL} pivots and one-row updates, as measured for the mixed-precision solve. The
 * blocking depends on {@code n} only. Nothing is allocated.
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class Cholesky {

  private static final int BLOCK = 4;
  /**
   * Pivots per panel of the double-precision factorisation, whose rows update the trailing matrix
   * at once.
   */
  private static final int PANEL = 512;
  /** Pivots per panel of the single-precision factorisation. */
  private static final int SINGLE_PANEL = 32;

  private Cholesky() {}

  /**
   * Factors the upper triangle of the leading {@code n x n} block of {@code a} in place.
   *
   * <p>A pivot fails when it is not positive or, with {@code relativeTolerance > 0}, when it is
   * at most {@code relativeTolerance} times the diagonal entry it was reduced from (the column is
   * then linearly dependent on the previous ones to that precision). On failure the block is left
   * partly factored.
   *
   * @return {@code -1} on success, else the index of the first failed pivot
   */
  public static int factor(double[][] a, int n, double relativeTolerance) {
    for (int p0 = 0; p0 < n; p0 += PANEL) {
      int p1 = Math.min(n, p0 + PANEL);
      for (int k0 = p0; k0 < p1; k0 += BLOCK) {
        int k1 = Math.min(p1, k0 + BLOCK);
        for (int k = k0; k < k1; k++) {
          double[] rowK = a[k];
          double pivot = rowK[k];
          if (!(pivot > 0)
              || relativeTolerance > 0 && pivot <= relativeTolerance * original(a, k, pivot)) {
            return k;
          }
          double d = Math.sqrt(pivot);
          rowK[k] = d;
          double inv = 1.0 / d;
          for (int j = k + 1; j < n; j++) {
            rowK[j] *= inv;
          }
          for (int i = k + 1; i < k1; i++) {
            double f = -rowK[i];
            double[] rowI = a[i];
            for (int j = i; j < n; j++) {
              rowI[j] = Math.fma(f, rowK[j], rowI[j]);
            }
          }
        }
        if (k1 == p1) {
          continue;
        }
        // The later rows of the panel less the outer products of rows k0..k0+3, two rows at a
        // time (each load of the four factored rows serves both), each entry as four fused
        // multiply-adds in pivot order. Written out here rather than in a method of its own:
        // C2 vectorised this loop about twice as fast inlined into the factorisation.
        double[] u0 = a[k0];
        double[] u1 = a[k0 + 1];
        double[] u2 = a[k0 + 2];
        double[] u3 = a[k0 + 3];
        int i = k1;
        for (; i + 1 < p1; i += 2) {
          double f0 = -u0[i];
          double f1 = -u1[i];
          double f2 = -u2[i];
          double f3 = -u3[i];
          double g0 = -u0[i + 1];
          double g1 = -u1[i + 1];
          double g2 = -u2[i + 1];
          double g3 = -u3[i + 1];
          double[] rowI = a[i];
          double[] rowNext = a[i + 1];
          rowI[i] = Math.fma(f3, u3[i], Math.fma(f2, u2[i], Math.fma(f1, u1[i],
              Math.fma(f0, u0[i], rowI[i]))));
          for (int j = i + 1; j < n; j++) {
            double x0 = u0[j];
            double x1 = u1[j];
            double x2 = u2[j];
            double x3 = u3[j];
            rowI[j] =
                Math.fma(f3, x3, Math.fma(f2, x2, Math.fma(f1, x1, Math.fma(f0, x0, rowI[j]))));
            rowNext[j] =
                Math.fma(g3, x3, Math.fma(g2, x2, Math.fma(g1, x1, Math.fma(g0, x0, rowNext[j]))));
          }
        }
        for (; i < p1; i++) {
          double f0 = -u0[i];
          double f1 = -u1[i];
          double f2 = -u2[i];
          double f3 = -u3[i];
          double[] rowI = a[i];
          for (int j = i; j < n; j++) {
            rowI[j] = Math.fma(f3, u3[j], Math.fma(f2, u2[j], Math.fma(f1, u1[j],
                Math.fma(f0, u0[j], rowI[j]))));
          }
        }
      }
      if (p1 < n) {
        WeightedGram.subtractUpper(a, p1, n, a, p0, p1);
      }
    }
    return -1;
  }

  /**
   * Factors the upper triangle of the leading {@code n x n} block of {@code a} in place, in
   * single precision: {@link #factor(double[][], int, double)}'s algorithm in float arithmetic, with
   * panels of {@value #SINGLE_PANEL} pivots and one-row updates within a panel, for the
   * preconditioner of the primal form's mixed-precision solve. A pivot fails when it is not
   * positive or not finite.
   *
   * @return {@code -1} on success, else the index of the first failed pivot
   */
  public static int factor(float[][] a, int n) {
    for (int p0 = 0; p0 < n; p0 += SINGLE_PANEL) {
      int p1 = Math.min(n, p0 + SINGLE_PANEL);
      for (int k0 = p0; k0 < p1; k0 += BLOCK) {
        int k1 = Math.min(p1, k0 + BLOCK);
        for (int k = k0; k < k1; k++) {
          float[] rowK = a[k];
          float pivot = rowK[k];
          if (!(pivot > 0) || pivot == Float.POSITIVE_INFINITY) {
            return k;
          }
          float d = (float) Math.sqrt(pivot);
          rowK[k] = d;
          float inv = 1.0f / d;
          for (int j = k + 1; j < n; j++) {
            rowK[j] *= inv;
          }
          for (int i = k + 1; i < k1; i++) {
            float f = rowK[i];
            float[] rowI = a[i];
            for (int j = i; j < n; j++) {
              rowI[j] -= f * rowK[j];
            }
          }
        }
        if (k1 < p1) {
          updatePanel(a, n, k0, p1);
        }
      }
      if (p1 < n) {
        WeightedGram.subtractUpper(a, p1, n, a, p0, p1);
      }
    }
    return -1;
  }

  /**
   * Subtracts the outer products of the four factored rows {@code k0..k0+3} from the later rows of
   * their panel, which ends at row {@code end}, one row at a time.
   */
  private static void updatePanel(float[][] a, int n, int k0, int end) {
    float[] u0 = a[k0];
    float[] u1 = a[k0 + 1];
    float[] u2 = a[k0 + 2];
    float[] u3 = a[k0 + 3];
    for (int i = k0 + BLOCK; i < end; i++) {
      float f0 = u0[i];
      float f1 = u1[i];
      float f2 = u2[i];
      float f3 = u3[i];
      float[] rowI = a[i];
      for (int j = i; j < n; j++) {
        rowI[j] -= f0 * u0[j] + f1 * u1[j] + f2 * u2[j] + f3 * u3[j];
      }
    }
  }

  /**
   * Solves {@code U^T U x = b} in place with a single-precision factor, in double arithmetic
   * ({@code b} becomes {@code x}): the preconditioning step of an iterative refinement.
   */
  public static void solve(float[][] u, int n, double[] b) {
    for (int k = 0; k < n; k++) {
      float[] rowK = u[k];
      double z = b[k] / rowK[k];
      b[k] = z;
      for (int j = k + 1; j < n; j++) {
        b[j] -= z * rowK[j];
      }
    }
    for (int k = n - 1; k >= 0; k--) {
      float[] rowK = u[k];
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int j = k + 1;
      for (; j + 3 < n; j += 4) {
        s0 += rowK[j] * b[j];
        s1 += rowK[j + 1] * b[j + 1];
        s2 += rowK[j + 2] * b[j + 2];
        s3 += rowK[j + 3] * b[j + 3];
      }
      for (; j < n; j++) {
        s0 += rowK[j] * b[j];
      }
      b[k] = (b[k] - ((s0 + s1) + (s2 + s3))) / rowK[k];
    }
  }

  /** The diagonal entry {@code (k, k)} before elimination: the pivot plus the squares above it. */
  private static double original(double[][] u, int k, double pivot) {
    double s = pivot;
    for (int i = 0; i < k; i++) {
      double x = u[i][k];
      s += x * x;
    }
    return s;
  }

  /**
   * Solves {@code U^T U x = b} in place ({@code b} becomes {@code x}) with a factored block. The
   * back substitution's dot products run on four accumulators, since C2 does not vectorise a
   * floating-point reduction.
   */
  public static void solve(double[][] u, int n, double[] b) {
    forward(u, n, b);
    for (int k = n - 1; k >= 0; k--) {
      double[] rowK = u[k];
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int j = k + 1;
      for (; j + 3 < n; j += 4) {
        s0 += rowK[j] * b[j];
        s1 += rowK[j + 1] * b[j + 1];
        s2 += rowK[j + 2] * b[j + 2];
        s3 += rowK[j + 3] * b[j + 3];
      }
      for (; j < n; j++) {
        s0 += rowK[j] * b[j];
      }
      b[k] = (b[k] - ((s0 + s1) + (s2 + s3))) / rowK[k];
    }
  }

  /** Solves {@code U^T z = b} in place ({@code b} becomes {@code z}) with a factored block. */
  public static void forward(double[][] u, int n, double[] b) {
    for (int k = 0; k < n; k++) {
      double[] rowK = u[k];
      double z = b[k] / rowK[k];
      b[k] = z;
      for (int j = k + 1; j < n; j++) {
        b[j] -= z * rowK[j];
      }
    }
  }

  /**
   * The diagonal entry {@code (j, j)} of {@code A^-1} from a factored block, using {@code work}
   * (length at least {@code n}) as scratch: the squared norm of {@code U^-T e_j}.
   */
  public static double inverseDiagonal(double[][] u, int n, int j, double[] work) {
    for (int i = j; i < n; i++) {
      work[i] = 0;
    }
    work[j] = 1;
    double s = 0;
    for (int k = j; k < n; k++) {
      double[] rowK = u[k];
      double z = work[k] / rowK[k];
      s += z * z;
      for (int i = k + 1; i < n; i++) {
        work[i] -= z * rowK[i];
      }
    }
    return s;
  }
}
