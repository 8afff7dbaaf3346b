package io.rila.core.internal;

/**
 * Cholesky factorisation and solves of a symmetric positive definite matrix held as rows: the
 * small dense kernel behind every rila solver.
 *
 * <p>The matrix is the leading {@code n x n} block of {@code a}, one array per row. Only the upper
 * triangle is read, and it is overwritten by the factor {@code U} with {@code A = U^T U}; the
 * strict lower triangle is left untouched. Rows are separate arrays because HotSpot's C2 (Java
 * 17) vectorises {@code r[j] -= f * u[j]} only when both arrays share the index expression,
 * which a flat matrix with row offsets never does. The factorisation is right-looking in panels
 * of {@value #PANEL} pivots: within a panel it is blocked by four pivots, so its inner loop updates
 * a row with four others in one contiguous pass, and a finished panel's rows update the trailing
 * matrix at once by {@link WeightedGram#subtractUpper}, which keeps four trailing rows in the
 * first-level cache while the panel's rows stream past, instead of streaming the whole trailing
 * matrix through the cache once per four pivots. The blocking depends on {@code n} only. Nothing
 * is allocated.
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class Cholesky {

  private static final int BLOCK = 4;
  /** Pivots per panel, whose rows update the trailing matrix at once. */
  private static final int PANEL = 32;

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
            double f = rowK[i];
            double[] rowI = a[i];
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
   * their panel, which ends at row {@code end}.
   */
  private static void updatePanel(double[][] a, int n, int k0, int end) {
    double[] u0 = a[k0];
    double[] u1 = a[k0 + 1];
    double[] u2 = a[k0 + 2];
    double[] u3 = a[k0 + 3];
    for (int i = k0 + BLOCK; i < end; i++) {
      double f0 = u0[i];
      double f1 = u1[i];
      double f2 = u2[i];
      double f3 = u3[i];
      double[] rowI = a[i];
      for (int j = i; j < n; j++) {
        rowI[j] -= f0 * u0[j] + f1 * u1[j] + f2 * u2[j] + f3 * u3[j];
      }
    }
  }

  /**
   * Factors the upper triangle of the leading {@code n x n} block of {@code a} in place, in
   * single precision: {@link #factor(double[][], int, double)}'s algorithm and blocking in float
   * arithmetic, for the preconditioner of the primal form's mixed-precision solve. A pivot fails
   * when it is not positive or not finite.
   *
   * @return {@code -1} on success, else the index of the first failed pivot
   */
  public static int factor(float[][] a, int n) {
    for (int p0 = 0; p0 < n; p0 += PANEL) {
      int p1 = Math.min(n, p0 + PANEL);
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

  /** The single-precision {@link #updatePanel(double[][], int, int, int)}. */
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
