package io.rila.core.internal;

/**
 * The Gram matrix {@code Z^T Z} of a row panel {@code Z} added into the upper triangle of a
 * symmetric matrix (BLAS's {@code DSYRK}), or {@code F^T Z} for a second panel {@code F}: the
 * kernel that builds the primal form's {@code X~^T V X~} from the rows with a positive weight
 * (centred rows {@code Z}, and {@code F} the same rows times their weights), and the trailing
 * updates of {@link Cholesky}.
 *
 * <p>The update is an axpy over a row of the result: four result rows take two panel rows in one
 * contiguous pass, {@code a_j[k] += f0_j z0[k] + f1_j z1[k]}, as fused multiply-adds. HotSpot's C2
 * (Java 17) vectorises that loop (six arrays sharing one index expression), and the four result
 * rows stay in the first-level cache while the panel streams from the second. In a microbenchmark
 * on the project's 2-core AMD EPYC machine (948 x 598 panel), wider tiles (eight result rows, or
 * four panel rows) were not vectorised by C2 and ran three to seven times slower, and the
 * dot-product form ({@code a[j][k] = z_j . z_k} over the columns, a floating-point reduction that
 * C2 does not vectorise) ran at about a sixth of this kernel's speed.
 *
 * <p>Every entry is a sum over the panel rows in their order, each pair of rows fused as
 * {@code fma(f1_j, z1_k, fma(f0_j, z0_k, a))}: the result depends only on the panels, never on
 * the machine's vector width or the thread, so fits stay bit-identical across executors. Panels
 * are sized by {@link #panelRows(int)} from the number of features only.
 *
 * <p>Nothing is allocated. Internal API: not covered by compatibility guarantees.
 */
public final class WeightedGram {

  /** Bytes a row panel may take, so that it stays in a core's second-level cache. */
  private static final int PANEL_BYTES = 256 * 1024;
  /** Bytes a single-precision panel may take. */
  private static final int SINGLE_PANEL_BYTES = 512 * 1024;
  private static final int MIN_PANEL_ROWS = 16;
  private static final int MAX_PANEL_ROWS = 512;

  private WeightedGram() {}

  /**
   * The rows a panel of {@code features} columns holds: about {@value #PANEL_BYTES} bytes, at
   * least {@value #MIN_PANEL_ROWS} and at most {@value #MAX_PANEL_ROWS} rows, an even number (so
   * that no panel splits a pair of rows). Depends on {@code features} only, so the order of the
   * sums depends on the problem's shape only.
   */
  public static int panelRows(int features) {
    int rows = PANEL_BYTES / (Double.BYTES * Math.max(1, features));
    return Math.max(MIN_PANEL_ROWS, Math.min(MAX_PANEL_ROWS, rows)) & ~1;
  }

  /**
   * The rows a single-precision panel of {@code features} columns holds: about {@value
   * #SINGLE_PANEL_BYTES} bytes, at least {@value #MIN_PANEL_ROWS} and at most {@value
   * #MAX_PANEL_ROWS} rows, an even number. Twice the bytes of {@link #panelRows}, at half the
   * bytes a value: a single-precision Gram matrix of many features lives in the shared
   * third-level cache, and each panel streams it through a core once, so on two threads fitting
   * 2,000 features on 12,640 rows each, 64-row panels fitted about 10% faster than 16-row ones.
   * Depends on {@code features} only.
   */
  public static int singlePanelRows(int features) {
    int rows = SINGLE_PANEL_BYTES / (Float.BYTES * Math.max(1, features));
    return Math.max(MIN_PANEL_ROWS, Math.min(MAX_PANEL_ROWS, rows)) & ~1;
  }

  /**
   * Adds {@code Z^T Z} to {@code a}, where {@code Z} is the first {@code rows} rows of
   * {@code panel} and its first {@code p} columns. Writes the upper triangle of the leading
   * {@code p x p} block of {@code a}; the strict lower triangle is untouched.
   *
   * @param a the accumulated matrix, at least {@code p x p}, by rows
   * @param panel the rows of {@code Z}, each of length at least {@code p}
   * @param rows the rows of {@code panel} to add, {@code >= 0}
   * @param p the columns
   */
  public static void addUpper(double[][] a, double[][] panel, int rows, int p) {
    update(a, 0, p, panel, panel, 0, rows, 1.0);
  }

  /**
   * Adds {@code Z^T Z} to the upper triangle of the leading {@code p x p} block of {@code a}, where
   * {@code Z} is rows {@code first .. last - 1} of {@code panel} and its first {@code p} columns.
   * The strict lower triangle is untouched.
   *
   * @param a the accumulated matrix, at least {@code p x p}, by rows
   * @param panel holds the rows of {@code Z}, each of length at least {@code p}
   * @param first the first row of {@code panel} to add
   * @param last the end of the rows of {@code panel} to add, exclusive
   * @param p the columns
   */
  public static void addUpper(double[][] a, double[][] panel, int first, int last, int p) {
    update(a, 0, p, panel, panel, first, last, 1.0);
  }

  /**
   * Adds {@code F^T Z} to the upper triangle of the leading {@code p x p} block of {@code a},
   * where {@code F} and {@code Z} are the first {@code rows} rows of {@code factors} and {@code
   * panel}: with {@code Z} the centred rows and {@code F} the same rows times their weights this
   * is the weighted Gram matrix {@code Z^T V Z}, without the square roots that {@link #addUpper}
   * needs. The strict lower triangle is untouched.
   *
   * @param a the accumulated matrix, at least {@code p x p}, by rows
   * @param factors the rows of {@code F}, each of length at least {@code p}
   * @param panel the rows of {@code Z}, each of length at least {@code p}
   * @param rows the rows to add, {@code >= 0}
   * @param p the columns
   */
  public static void addUpper(double[][] a, double[][] factors, double[][] panel, int rows,
      int p) {
    update(a, 0, p, factors, panel, 0, rows, 1.0);
  }

  /**
   * Subtracts {@code Z^T Z} from the block {@code [from, to) x [from, to)} of {@code a}, where
   * {@code Z} is rows {@code first .. last - 1} of {@code panel} and its columns {@code from ..
   * to - 1}: the trailing update of a blocked Cholesky factorisation, whose panel is the factor's
   * rows just computed. Writes the block's upper triangle only.
   *
   * @param a the updated matrix, by rows
   * @param from the block's first row and column
   * @param to the block's end, exclusive
   * @param panel holds the rows of {@code Z}
   * @param first the first row of {@code panel} to use
   * @param last the end of the rows of {@code panel} to use, exclusive
   */
  public static void subtractUpper(
      double[][] a, int from, int to, double[][] panel, int first, int last) {
    update(a, from, to, panel, panel, first, last, -1.0);
  }

  /**
   * The single-precision {@link #addUpper(double[][], double[][], double[][], int, int)}: adds
   * {@code F^T Z} to the upper triangle of the leading {@code p x p} block of {@code a}, in
   * float arithmetic (fused multiply-adds of floats, twice the vector lanes of doubles). The
   * primal form's mixed-precision solve factors this matrix as the preconditioner of an
   * iterative refinement computed in double.
   *
   * @param a the accumulated matrix, at least {@code p x p}, by rows
   * @param factors the rows of {@code F}, each of length at least {@code p}
   * @param panel the rows of {@code Z}, each of length at least {@code p}
   * @param rows the rows to add, {@code >= 0}
   * @param p the columns
   */
  public static void addUpper(float[][] a, float[][] factors, float[][] panel, int rows, int p) {
    update(a, 0, p, factors, panel, 0, rows, 1.0f);
  }

  /**
   * The single-precision {@link #subtractUpper(double[][], int, int, double[][], int, int)}, the
   * trailing update of {@link Cholesky#factor(float[][], int)}.
   *
   * @param a the updated matrix, by rows
   * @param from the block's first row and column
   * @param to the block's end, exclusive
   * @param panel holds the rows of {@code Z}
   * @param first the first row of {@code panel} to use
   * @param last the end of the rows of {@code panel} to use, exclusive
   */
  public static void subtractUpper(
      float[][] a, int from, int to, float[][] panel, int first, int last) {
    update(a, from, to, panel, panel, first, last, -1.0f);
  }

  /** {@code a[j][k] += sign * sum_i f_i[j] z_i[k]} for {@code from <= j <= k < to}. */
  private static void update(double[][] a, int from, int to, double[][] factors,
      double[][] panel, int first, int last, double sign) {
    int j0 = from;
    for (; j0 + 3 < to; j0 += 4) {
      double[] a0 = a[j0];
      double[] a1 = a[j0 + 1];
      double[] a2 = a[j0 + 2];
      double[] a3 = a[j0 + 3];
      int i = first;
      for (; i + 1 < last; i += 2) {
        double[] z0 = panel[i];
        double[] z1 = panel[i + 1];
        double[] g0 = factors[i];
        double[] g1 = factors[i + 1];
        double f00 = sign * g0[j0];
        double f01 = sign * g0[j0 + 1];
        double f02 = sign * g0[j0 + 2];
        double f03 = sign * g0[j0 + 3];
        double f10 = sign * g1[j0];
        double f11 = sign * g1[j0 + 1];
        double f12 = sign * g1[j0 + 2];
        double f13 = sign * g1[j0 + 3];
        a0[j0] = Math.fma(f10, z1[j0], Math.fma(f00, z0[j0], a0[j0]));
        for (int k = j0 + 1; k < j0 + 4; k++) {
          double x0 = z0[k];
          double x1 = z1[k];
          a0[k] = Math.fma(f10, x1, Math.fma(f00, x0, a0[k]));
          a1[k] = Math.fma(f11, x1, Math.fma(f01, x0, a1[k]));
        }
        a2[j0 + 2] = Math.fma(f12, z1[j0 + 2], Math.fma(f02, z0[j0 + 2], a2[j0 + 2]));
        a2[j0 + 3] = Math.fma(f12, z1[j0 + 3], Math.fma(f02, z0[j0 + 3], a2[j0 + 3]));
        a3[j0 + 3] = Math.fma(f13, z1[j0 + 3], Math.fma(f03, z0[j0 + 3], a3[j0 + 3]));
        for (int k = j0 + 4; k < to; k++) {
          double x0 = z0[k];
          double x1 = z1[k];
          a0[k] = Math.fma(f10, x1, Math.fma(f00, x0, a0[k]));
          a1[k] = Math.fma(f11, x1, Math.fma(f01, x0, a1[k]));
          a2[k] = Math.fma(f12, x1, Math.fma(f02, x0, a2[k]));
          a3[k] = Math.fma(f13, x1, Math.fma(f03, x0, a3[k]));
        }
      }
      if (i < last) {
        double[] z0 = panel[i];
        double[] g0 = factors[i];
        double f0 = sign * g0[j0];
        double f1 = sign * g0[j0 + 1];
        double f2 = sign * g0[j0 + 2];
        double f3 = sign * g0[j0 + 3];
        a0[j0] = Math.fma(f0, z0[j0], a0[j0]);
        for (int k = j0 + 1; k < j0 + 4; k++) {
          double x0 = z0[k];
          a0[k] = Math.fma(f0, x0, a0[k]);
          a1[k] = Math.fma(f1, x0, a1[k]);
        }
        a2[j0 + 2] = Math.fma(f2, z0[j0 + 2], a2[j0 + 2]);
        a2[j0 + 3] = Math.fma(f2, z0[j0 + 3], a2[j0 + 3]);
        a3[j0 + 3] = Math.fma(f3, z0[j0 + 3], a3[j0 + 3]);
        for (int k = j0 + 4; k < to; k++) {
          double x0 = z0[k];
          a0[k] = Math.fma(f0, x0, a0[k]);
          a1[k] = Math.fma(f1, x0, a1[k]);
          a2[k] = Math.fma(f2, x0, a2[k]);
          a3[k] = Math.fma(f3, x0, a3[k]);
        }
      }
    }
    for (int j = j0; j < to; j++) {
      double[] aj = a[j];
      for (int i = first; i < last; i++) {
        double[] z0 = panel[i];
        double f0 = sign * factors[i][j];
        for (int k = j; k < to; k++) {
          aj[k] = Math.fma(f0, z0[k], aj[k]);
        }
      }
    }
  }

  /** The single-precision {@link #update}, term for term. */
  private static void update(float[][] a, int from, int to, float[][] factors,
      float[][] panel, int first, int last, float sign) {
    int j0 = from;
    for (; j0 + 3 < to; j0 += 4) {
      float[] a0 = a[j0];
      float[] a1 = a[j0 + 1];
      float[] a2 = a[j0 + 2];
      float[] a3 = a[j0 + 3];
      int i = first;
      for (; i + 1 < last; i += 2) {
        float[] z0 = panel[i];
        float[] z1 = panel[i + 1];
        float[] g0 = factors[i];
        float[] g1 = factors[i + 1];
        float f00 = sign * g0[j0];
        float f01 = sign * g0[j0 + 1];
        float f02 = sign * g0[j0 + 2];
        float f03 = sign * g0[j0 + 3];
        float f10 = sign * g1[j0];
        float f11 = sign * g1[j0 + 1];
        float f12 = sign * g1[j0 + 2];
        float f13 = sign * g1[j0 + 3];
        a0[j0] = Math.fma(f10, z1[j0], Math.fma(f00, z0[j0], a0[j0]));
        for (int k = j0 + 1; k < j0 + 4; k++) {
          float x0 = z0[k];
          float x1 = z1[k];
          a0[k] = Math.fma(f10, x1, Math.fma(f00, x0, a0[k]));
          a1[k] = Math.fma(f11, x1, Math.fma(f01, x0, a1[k]));
        }
        a2[j0 + 2] = Math.fma(f12, z1[j0 + 2], Math.fma(f02, z0[j0 + 2], a2[j0 + 2]));
        a2[j0 + 3] = Math.fma(f12, z1[j0 + 3], Math.fma(f02, z0[j0 + 3], a2[j0 + 3]));
        a3[j0 + 3] = Math.fma(f13, z1[j0 + 3], Math.fma(f03, z0[j0 + 3], a3[j0 + 3]));
        for (int k = j0 + 4; k < to; k++) {
          float x0 = z0[k];
          float x1 = z1[k];
          a0[k] = Math.fma(f10, x1, Math.fma(f00, x0, a0[k]));
          a1[k] = Math.fma(f11, x1, Math.fma(f01, x0, a1[k]));
          a2[k] = Math.fma(f12, x1, Math.fma(f02, x0, a2[k]));
          a3[k] = Math.fma(f13, x1, Math.fma(f03, x0, a3[k]));
        }
      }
      if (i < last) {
        float[] z0 = panel[i];
        float[] g0 = factors[i];
        float f0 = sign * g0[j0];
        float f1 = sign * g0[j0 + 1];
        float f2 = sign * g0[j0 + 2];
        float f3 = sign * g0[j0 + 3];
        a0[j0] = Math.fma(f0, z0[j0], a0[j0]);
        for (int k = j0 + 1; k < j0 + 4; k++) {
          float x0 = z0[k];
          a0[k] = Math.fma(f0, x0, a0[k]);
          a1[k] = Math.fma(f1, x0, a1[k]);
        }
        a2[j0 + 2] = Math.fma(f2, z0[j0 + 2], a2[j0 + 2]);
        a2[j0 + 3] = Math.fma(f2, z0[j0 + 3], a2[j0 + 3]);
        a3[j0 + 3] = Math.fma(f3, z0[j0 + 3], a3[j0 + 3]);
        for (int k = j0 + 4; k < to; k++) {
          float x0 = z0[k];
          a0[k] = Math.fma(f0, x0, a0[k]);
          a1[k] = Math.fma(f1, x0, a1[k]);
          a2[k] = Math.fma(f2, x0, a2[k]);
          a3[k] = Math.fma(f3, x0, a3[k]);
        }
      }
    }
    for (int j = j0; j < to; j++) {
      float[] aj = a[j];
      for (int i = first; i < last; i++) {
        float[] z0 = panel[i];
        float f0 = sign * factors[i][j];
        for (int k = j; k < to; k++) {
          aj[k] = Math.fma(f0, z0[k], aj[k]);
        }
      }
    }
  }
}
