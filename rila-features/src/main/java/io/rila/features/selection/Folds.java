package io.rila.features.selection;

import io.rila.core.internal.Checks;
import java.util.Objects;

/**
 * How rows are split for cross-validation. Both schemes keep rows in order (no shuffling), which
 * suits weekly time series:
 *
 * <ul>
 *   <li>{@link #kFold(int)}: scikit-learn's unshuffled {@code KFold}. Fold f tests a contiguous
 *       block of rows and trains on all others; the first {@code n % k} folds hold one extra row.
 *   <li>{@link #timeSeries(int)}: scikit-learn's {@code TimeSeriesSplit}, an expanding window.
 *       With {@code t = n / (splits + 1)} test rows per split, split f tests rows
 *       {@code [n - (splits - f) t, n - (splits - f - 1) t)} and trains on every row before them.
 * </ul>
 *
 * <pre>{@code
 * Folds folds = Folds.timeSeries(5);
 * int[] train = folds.trainRows(150, 0);   // rows 0 .. 24
 * int[] test = folds.testRows(150, 0);     // rows 25 .. 49
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Folds {

  private final int count;
  private final boolean timeSeries;

  private Folds(int count, boolean timeSeries) {
    this.count = count;
    this.timeSeries = timeSeries;
  }

  /**
   * Unshuffled K-fold cross-validation.
   *
   * @throws IllegalArgumentException when k is below 2
   */
  public static Folds kFold(int k) {
    return new Folds(Checks.atLeast(k, 2, "k"), false);
  }

  /**
   * Expanding-window time-series splits.
   *
   * @throws IllegalArgumentException when splits is below 2
   */
  public static Folds timeSeries(int splits) {
    return new Folds(Checks.atLeast(splits, 2, "splits"), true);
  }

  /** The number of folds (splits). */
  public int count() {
    return count;
  }

  /** Whether training rows always precede the test rows (time-series splits). */
  public boolean isTimeSeries() {
    return timeSeries;
  }

  /**
   * The test rows of fold {@code fold} for {@code n} rows, in order.
   *
   * @throws IllegalArgumentException when n is too small for the folds
   * @throws IndexOutOfBoundsException when fold is not in {@code [0, count())}
   */
  public int[] testRows(int n, int fold) {
    check(n);
    Objects.checkIndex(fold, count);
    int start = testStart(n, fold);
    int end = testEnd(n, fold);
    int[] rows = new int[end - start];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = start + i;
    }
    return rows;
  }

  /**
   * The training rows of fold {@code fold} for {@code n} rows, in order.
   *
   * @throws IllegalArgumentException when n is too small for the folds
   * @throws IndexOutOfBoundsException when fold is not in {@code [0, count())}
   */
  public int[] trainRows(int n, int fold) {
    check(n);
    Objects.checkIndex(fold, count);
    int start = testStart(n, fold);
    int end = testEnd(n, fold);
    int after = timeSeries ? 0 : n - end;
    int[] rows = new int[start + after];
    for (int i = 0; i < start; i++) {
      rows[i] = i;
    }
    for (int i = 0; i < after; i++) {
      rows[start + i] = end + i;
    }
    return rows;
  }

  /**
   * Fails unless {@code n} rows suffice: {@code n >= k} for K-fold, {@code n >= splits + 1} for
   * time-series splits.
   */
  void check(int n) {
    int min = timeSeries ? count + 1 : count;
    if (n < min) {
      throw new IllegalArgumentException(
          "rows: " + n + " (expected: >= " + min + " for " + this + ")");
    }
  }

  private int testStart(int n, int fold) {
    if (timeSeries) {
      int size = n / (count + 1);
      return n - (count - fold) * size;
    }
    int base = n / count;
    int extra = n % count;
    return fold * base + Math.min(fold, extra);
  }

  private int testEnd(int n, int fold) {
    if (timeSeries) {
      return testStart(n, fold) + n / (count + 1);
    }
    return testStart(n, fold + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Folds && ((Folds) o).count == count && ((Folds) o).timeSeries == timeSeries;
  }

  @Override
  public int hashCode() {
    return 31 * count + (timeSeries ? 1 : 0);
  }

  @Override
  public String toString() {
    return (timeSeries ? "TimeSeriesSplit(" : "KFold(") + count + ")";
  }
}
