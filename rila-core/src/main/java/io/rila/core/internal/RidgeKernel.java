package io.rila.core.internal;

import java.util.Objects;

/**
 * The data of a weighted Ridge problem, laid out once for many fits that differ only in their row
 * weights: the member solver of a bootstrap ensemble.
 *
 * <p>Each fit minimises {@code sum_i v_i (y_i - b - x_i . beta)^2 + alpha |beta|^2} for per-row
 * weights {@code v} (user weight times bootstrap count), with weighted-mean centring, exactly as
 * scikit-learn's {@code Ridge(fit_intercept=True).fit(x, y, sample_weight=v)}; {@code alpha} is
 * not rescaled by the weights. Fits run in a {@link RidgeWorkspace}, one per worker thread:
 *
 * <pre>{@code
 * RidgeKernel kernel = RidgeKernel.of(x, y);          // once, shared by all threads
 * RidgeWorkspace ws = kernel.newWorkspace();          // once per thread
 * double[] beta = new double[kernel.features()];
 * double b = ws.solve(v, 1.0, SolveForm.AUTO, beta);  // per member, allocation-free
 * }</pre>
 *
 * <p>The features are centred by their (unweighted) column means, and the target by its mean.
 * Ridge with an intercept is invariant to such shifts, and they keep the sums of the primal form
 * and the row Gram matrix of the dual form free of cancellation when features have large
 * offsets. The kernel keeps the caller's rows and the column means, not a centred copy: the
 * primal form centres the rows it reads on the fly, as {@code x[i][j] - center[j]}, the same
 * double a centred copy would hold, so its results are those of a copy, bit for bit, without the
 * copy's {@code rows x features} doubles (which, on tall data, also cost the garbage collector a
 * copy per young collection while a fit held them). The dual form, whose data are wide and
 * short, makes a centred copy of the rows once ({@link #centredRows()}) and computes its row Gram
 * matrix from a centred copy by columns made and dropped on the way. The caller must not change
 * {@code x} while the kernel is in use. Each row is its own array: HotSpot's C2 (Java 17)
 * vectorises a loop over two arrays only when they share the index expression, which rows of one
 * flat array never do.
 *
 * <p>The dual form needs the row Gram matrix {@code K = X X^T} ({@code rows x rows}). It is
 * computed lazily, once, on the first dual solve of any workspace (thread-safely, by
 * double-checked locking on a volatile field) and then shared: a kernel only ever used in the
 * primal form never pays for it.
 *
 * <p>Thread-safe, and immutable as long as the caller leaves {@code x} unchanged. Internal API:
 * not covered by compatibility guarantees.
 */
public final class RidgeKernel {

  final int rows;
  final int features;
  /** The caller's features by rows, not centred: {@code byRow[i][j] - center[j]} is. */
  final double[][] byRow;
  /** The column means subtracted from the features. */
  final double[] center;
  /** The centred target. */
  final double[] y;
  /** The mean subtracted from {@link #y}. */
  final double yMean;

  private volatile double[][] gram;
  /** The centred features by rows, for the dual form only; see {@link #centredRows()}. */
  private volatile double[][] centred;

  private RidgeKernel(double[][] byRow, double[] center, double[] y, double yMean) {
    this.rows = byRow.length;
    this.features = center.length;
    this.byRow = byRow;
    this.center = center;
    this.y = y;
    this.yMean = yMean;
  }

  /**
   * Validates a problem and keeps it: the features are not copied (see the class comment), the
   * target is copied centred.
   *
   * @param x features, {@code rows x features}, finite, rectangular
   * @param y target, one finite value per row
   * @throws NullPointerException if {@code x}, a row of it or {@code y} is null
   * @throws IllegalArgumentException if {@code x} is empty, ragged or not finite, or {@code y} has
   *     the wrong length or a value that is not finite
   */
  public static RidgeKernel of(double[][] x, double[] y) {
    Checks.finiteMatrix(x, "x");
    return ofValidated(x, y, columnScan(x).means());
  }

  /**
   * What one pass over the features finds, {@code features} values each.
   *
   * @param means the column means the kernel centres by (each column summed over the rows in
   *     order, then divided by the rows)
   * @param largest each column's largest magnitude, not finite when a value of the column is not
   */
  public record ColumnScan(double[] means, double[] largest) {

    /** Whether every value of the scanned features is finite. */
    public boolean finite() {
      for (double v : largest) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * One pass over the features for their column means and largest magnitudes: a caller that
   * checks the data's magnitudes reads tall features once for both.
   *
   * @param x features, {@code rows x features}, rectangular (see {@link
   *     Checks#rectangular})
   * @return the means and the largest magnitudes
   */
  public static ColumnScan columnScan(double[][] x) {
    int n = x.length;
    int p = x[0].length;
    double[] center = new double[p];
    double[] largest = new double[p];
    for (double[] row : x) {
      for (int j = 0; j < p; j++) {
        double v = row[j];
        center[j] += v;
        largest[j] = Math.max(largest[j], Math.abs(v));
      }
    }
    for (int j = 0; j < p; j++) {
      center[j] /= n;
    }
    return new ColumnScan(center, largest);
  }

  /**
   * As {@link #of}, for a caller that has already checked {@code x} as {@link #of} does (not
   * null, not empty, rectangular, finite) and computed its column means by {@link #columnScan},
   * so that tall data are not read again for them; the target is still checked.
   *
   * @param x features, {@code rows x features}, already checked
   * @param y target, one finite value per row
   * @param center the column means of {@code x}, {@code columnScan(x).means()}
   * @throws NullPointerException if {@code y} is null
   * @throws IllegalArgumentException if {@code y} or {@code center} has the wrong length, or
   *     {@code y} a value that is not finite
   */
  public static RidgeKernel ofValidated(double[][] x, double[] y, double[] center) {
    int p = x[0].length;
    Objects.requireNonNull(y, "y");
    Checks.length(y, x.length, "y");
    Checks.finite(y, "y");
    Checks.length(center, p, "center");
    int n = x.length;
    double yMean = 0;
    for (double v : y) {
      yMean += v;
    }
    yMean /= n;
    double[] yc = new double[n];
    for (int i = 0; i < n; i++) {
      yc[i] = y[i] - yMean;
    }
    return new RidgeKernel(x, center, yc, yMean);
  }

  /** The number of rows. */
  public int rows() {
    return rows;
  }

  /** The number of features. */
  public int features() {
    return features;
  }

  /**
   * A new workspace for one thread. It holds the buffers of the primal form when
   * {@code features <= rows} and of the dual form up to {@code min(rows, features - 1)} rows with
   * a positive weight, which is all that {@code SolveForm.AUTO} can need.
   */
  public RidgeWorkspace newWorkspace() {
    return new RidgeWorkspace(this);
  }

  /**
   * The centred features by rows, {@code byRow[i][j] - center[j]}, computed once on the first
   * dual solve and then shared: the dual form recovers every member's coefficients from the rows
   * of its draw ({@code p m} multiply-adds, a large part of a dual member's work), and centring them
   * on the fly there cost about a tenth of the fit at the guide shape (598 x 150). The dual form
   * already holds {@code rows x rows} doubles for {@link #gram()}, so this copy is of the same
   * order; the primal form never makes it.
   */
  double[][] centredRows() {
    double[][] c = centred;
    if (c == null) {
      synchronized (this) {
        c = centred;
        if (c == null) {
          c = new double[rows][features];
          for (int i = 0; i < rows; i++) {
            double[] row = byRow[i];
            double[] copy = c[i];
            for (int j = 0; j < features; j++) {
              copy[j] = row[j] - center[j];
            }
          }
          centred = c;
        }
      }
    }
    return c;
  }

  /** The row Gram matrix of the centred features, {@code rows x rows} by rows, computed once. */
  double[][] gram() {
    double[][] g = gram;
    if (g == null) {
      synchronized (this) {
        g = gram;
        if (g == null) {
          g = computeGram();
          gram = g;
        }
      }
    }
    return g;
  }

  /**
   * {@code K = X X^T} as the sum over the features of {@code x_j x_j^T}: the columns of the
   * features, copied for the purpose (and dropped after), are the rows of the panels that {@link
   * WeightedGram#addUpper} adds into the upper triangle, which is then mirrored. The panels depend
   * on the number of rows only.
   */
  private double[][] computeGram() {
    int n = rows;
    int p = features;
    double[][] byColumn = new double[p][n];
    for (int i = 0; i < n; i++) {
      double[] row = byRow[i];
      for (int j = 0; j < p; j++) {
        byColumn[j][i] = row[j] - center[j];
      }
    }
    double[][] k = new double[n][n];
    int panel = WeightedGram.panelRows(n);
    for (int j0 = 0; j0 < p; j0 += panel) {
      WeightedGram.addUpper(k, byColumn, j0, Math.min(p, j0 + panel), n);
    }
    for (int i = 0; i < n; i++) {
      double[] rowK = k[i];
      for (int c = i + 1; c < n; c++) {
        k[c][i] = rowK[c];
      }
    }
    return k;
  }
}
