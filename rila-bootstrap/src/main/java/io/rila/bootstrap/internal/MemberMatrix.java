package io.rila.bootstrap.internal;

/**
 * The members' coefficients laid out feature-major ({@code features} arrays of {@code members}
 * values) for prediction: the prediction of row {@code x} for all members is {@code b + sum_j x_j
 * B[j]}, a sequence of axpy operations over members that the JIT vectorises, instead of one dot
 * product per member (a reduction it does not vectorise).
 *
 * <p>Rows are processed four at a time (each coefficient loaded once for four rows) and members in
 * windows of {@value #MEMBER_WINDOW}, so the window's coefficients stay in cache across the rows.
 *
 * <p>Precision. Single-precision coefficients are multiplied by the row values rounded to float
 * and summed in float over blocks of {@value #FEATURE_BLOCK} features; the block sums and the
 * intercept are added in double. Next to the rounding of the stored coefficients themselves
 * (relative {@code 2^-24} each), this adds a relative error of order {@code FEATURE_BLOCK x 2^-24}
 * of {@code sum_j |x_j b_j|} in the worst case and a few {@code 2^-24} typically. Double-precision
 * coefficients are multiplied and summed in double throughout. In both, each member's sum runs
 * over the features in order, so the result does not depend on how rows are grouped.
 *
 * <p>Thread safety: immutable after construction; {@link #predict} may run concurrently with one
 * {@link Scratch} per thread. Allocation: none in {@link #predict}.
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class MemberMatrix {

  /** Members per window: 2048 members x 32 features of floats is 256 KB, well inside L2. */
  static final int MEMBER_WINDOW = 2048;

  /**
   * Members per tile of the transposition: a tile of member-major rows stays in cache while each
   * feature's slice of it is written.
   */
  private static final int TRANSPOSE_TILE = 32;

  /** Features summed in float before the sum moves to double. */
  static final int FEATURE_BLOCK = 32;

  private final int members;
  private final int features;
  private final float[][] floatCoefficients;
  private final double[][] doubleCoefficients;
  private final double[] intercepts;

  private MemberMatrix(
      int members, int features, float[][] floatCoefficients, double[][] doubleCoefficients,
      double[] intercepts) {
    this.members = members;
    this.features = features;
    this.floatCoefficients = floatCoefficients;
    this.doubleCoefficients = doubleCoefficients;
    this.intercepts = intercepts;
  }

  /**
   * The feature-major copy of a store's members, in the store's precision.
   *
   * @param block the members
   * @return a new matrix
   */
  public static MemberMatrix of(MemberBlock block) {
    int members = block.members();
    int features = block.features();
    boolean single = block.single();
    float[][] floatsByFeature = single ? new float[features][members] : null;
    double[][] doublesByFeature = single ? null : new double[features][members];
    double[] intercepts = new double[members];
    for (int k0 = 0; k0 < members; k0 += TRANSPOSE_TILE) {
      int k1 = Math.min(members, k0 + TRANSPOSE_TILE);
      for (int j = 0; j < features; j++) {
        if (single) {
          float[] column = floatsByFeature[j];
          for (int k = k0; k < k1; k++) {
            column[k] = (float) block.get(k, j);
          }
        } else {
          double[] column = doublesByFeature[j];
          for (int k = k0; k < k1; k++) {
            column[k] = block.get(k, j);
          }
        }
      }
      for (int k = k0; k < k1; k++) {
        intercepts[k] = block.get(k, features);
      }
    }
    return new MemberMatrix(members, features, floatsByFeature, doublesByFeature, intercepts);
  }

  /**
   * A new scratch area for one thread.
   *
   * @return buffers sized for this matrix
   */
  public Scratch newScratch() {
    return new Scratch(floatCoefficients != null ? members : 0);
  }

  /**
   * Writes the member predictions of {@code rows[from .. to - 1]} (on the model's scale) into
   * {@code out[0 .. to - from - 1]}, each of length {@code >= members}.
   *
   * @param rows the rows, each of length {@code features}
   * @param from the first row
   * @param to one past the last row
   * @param out receives one array of member predictions per row
   * @param scratch this thread's scratch area
   */
  public void predict(double[][] rows, int from, int to, double[][] out, Scratch scratch) {
    for (int r0 = from; r0 < to; r0 += 4) {
      int count = Math.min(4, to - r0);
      for (int k0 = 0; k0 < members; k0 += MEMBER_WINDOW) {
        int width = Math.min(MEMBER_WINDOW, members - k0);
        for (int t = 0; t < count; t++) {
          System.arraycopy(intercepts, k0, out[r0 - from + t], k0, width);
        }
        if (floatCoefficients != null) {
          floatWindow(rows, r0, count, out, r0 - from, k0, width, scratch);
        } else {
          doubleWindow(rows, r0, count, out, r0 - from, k0, width);
        }
      }
    }
  }

  private void floatWindow(
      double[][] rows, int r0, int count, double[][] out, int o0, int k0, int width,
      Scratch scratch) {
    float[][] partial = scratch.partial;
    for (int j0 = 0; j0 < features; j0 += FEATURE_BLOCK) {
      int j1 = Math.min(features, j0 + FEATURE_BLOCK);
      if (count == 4) {
        double[] x0 = rows[r0];
        double[] x1 = rows[r0 + 1];
        double[] x2 = rows[r0 + 2];
        double[] x3 = rows[r0 + 3];
        float[] y0 = partial[0];
        float[] y1 = partial[1];
        float[] y2 = partial[2];
        float[] y3 = partial[3];
        int j = j0;
        for (; j + 1 < j1; j += 2) {
          axpy4x2(
              (float) x0[j], (float) x1[j], (float) x2[j], (float) x3[j], floatCoefficients[j],
              (float) x0[j + 1], (float) x1[j + 1], (float) x2[j + 1], (float) x3[j + 1],
              floatCoefficients[j + 1], y0, y1, y2, y3, k0, width);
        }
        for (; j < j1; j++) {
          axpy4(
              (float) x0[j], (float) x1[j], (float) x2[j], (float) x3[j], floatCoefficients[j],
              y0, y1, y2, y3, k0, width);
        }
      } else {
        for (int t = 0; t < count; t++) {
          double[] x = rows[r0 + t];
          for (int j = j0; j < j1; j++) {
            axpy((float) x[j], floatCoefficients[j], partial[t], k0, width);
          }
        }
      }
      for (int t = 0; t < count; t++) {
        flush(partial[t], out[o0 + t], k0, width);
      }
    }
  }

  private void doubleWindow(
      double[][] rows, int r0, int count, double[][] out, int o0, int k0, int width) {
    if (count == 4) {
      double[] x0 = rows[r0];
      double[] x1 = rows[r0 + 1];
      double[] x2 = rows[r0 + 2];
      double[] x3 = rows[r0 + 3];
      for (int j = 0; j < features; j++) {
        axpy4(
            x0[j], x1[j], x2[j], x3[j], doubleCoefficients[j],
            out[o0], out[o0 + 1], out[o0 + 2], out[o0 + 3], k0, width);
      }
    } else {
      for (int t = 0; t < count; t++) {
        double[] x = rows[r0 + t];
        double[] acc = out[o0 + t];
        for (int j = 0; j < features; j++) {
          axpy(x[j], doubleCoefficients[j], acc, k0, width);
        }
      }
    }
  }

  // The kernels index every array with the same offset: C2 (JDK 17) vectorises such loops, but
  // not loops whose arrays are indexed with different offsets, which it must assume may alias.

  private static void axpy(float a, float[] b, float[] y, int from, int width) {
    int end = from + width;
    for (int k = from; k < end; k++) {
      y[k] += a * b[k];
    }
  }

  private static void axpy4(
      float a0, float a1, float a2, float a3, float[] b, float[] y0, float[] y1, float[] y2,
      float[] y3, int from, int width) {
    int end = from + width;
    for (int k = from; k < end; k++) {
      float v = b[k];
      y0[k] += a0 * v;
      y1[k] += a1 * v;
      y2[k] += a2 * v;
      y3[k] += a3 * v;
    }
  }

  /**
   * {@link #axpy4} for two features in one pass, {@code y_t += a_t b + c_t d}, evaluated left to
   * right: the same roundings as two passes, with half the loads and stores of {@code y}.
   */
  private static void axpy4x2(
      float a0, float a1, float a2, float a3, float[] b, float c0, float c1, float c2, float c3,
      float[] d, float[] y0, float[] y1, float[] y2, float[] y3, int from, int width) {
    int end = from + width;
    for (int k = from; k < end; k++) {
      float v = b[k];
      float w = d[k];
      y0[k] = y0[k] + a0 * v + c0 * w;
      y1[k] = y1[k] + a1 * v + c1 * w;
      y2[k] = y2[k] + a2 * v + c2 * w;
      y3[k] = y3[k] + a3 * v + c3 * w;
    }
  }

  private static void axpy(double a, double[] b, double[] y, int from, int width) {
    int end = from + width;
    for (int k = from; k < end; k++) {
      y[k] += a * b[k];
    }
  }

  private static void axpy4(
      double a0, double a1, double a2, double a3, double[] b, double[] y0, double[] y1,
      double[] y2, double[] y3, int from, int width) {
    int end = from + width;
    for (int k = from; k < end; k++) {
      double v = b[k];
      y0[k] += a0 * v;
      y1[k] += a1 * v;
      y2[k] += a2 * v;
      y3[k] += a3 * v;
    }
  }

  /** Adds the float partial sums into the double accumulator and clears them. */
  private static void flush(float[] partial, double[] acc, int from, int width) {
    int end = from + width;
    for (int k = from; k < end; k++) {
      acc[k] += partial[k];
      partial[k] = 0f;
    }
  }

  /** One thread's buffers for {@link #predict}. */
  public static final class Scratch {
    final float[][] partial;

    Scratch(int members) {
      this.partial = new float[4][members];
    }
  }
}
