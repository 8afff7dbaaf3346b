package io.rila.features.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link LassoCv}: the penalty grid, the test error of every penalty in every fold,
 * the chosen penalty and the fit on all rows at that penalty, plus {@link #screen(int)} to keep the
 * features with the largest coefficients.
 *
 * <pre>{@code
 * LassoCvResult cv = LassoCv.newBuilder().build().fit(x, y);
 * double alpha = cv.alpha();
 * List<String> top = cv.screen(10, featureNames);
 * }</pre>
 *
 * <p>Immutable and thread-safe; accessors copy.
 */
public final class LassoCvResult {

  private final Folds folds;
  private final double[] alphas;
  private final double[] mse;
  private final double[] meanMse;
  private final int best;
  private final LassoFit fit;

  LassoCvResult(
      Folds folds, double[] alphas, double[] mse, double[] meanMse, int best, LassoFit fit) {
    this.folds = folds;
    this.alphas = alphas;
    this.mse = mse;
    this.meanMse = meanMse;
    this.best = best;
    this.fit = fit;
  }

  /** The fold scheme used. */
  public Folds folds() {
    return folds;
  }

  /** The penalties, largest first. */
  public double[] alphas() {
    return alphas.clone();
  }

  /** The number of penalties. */
  public int alphaCount() {
    return alphas.length;
  }

  /**
   * The test mean squared error of penalty {@code alphaIndex} in fold {@code fold}.
   *
   * @throws IndexOutOfBoundsException when an index is out of range
   */
  public double mse(int fold, int alphaIndex) {
    Objects.checkIndex(fold, folds.count());
    Objects.checkIndex(alphaIndex, alphas.length);
    return mse[fold * alphas.length + alphaIndex];
  }

  /**
   * The test mean squared error of penalty {@code alphaIndex}, averaged over folds.
   *
   * @throws IndexOutOfBoundsException when alphaIndex is out of range
   */
  public double meanMse(int alphaIndex) {
    Objects.checkIndex(alphaIndex, alphas.length);
    return meanMse[alphaIndex];
  }

  /** The index of the chosen penalty (smallest mean error; the first on ties). */
  public int bestIndex() {
    return best;
  }

  /** The chosen penalty. */
  public double alpha() {
    return alphas[best];
  }

  /** The fit on all rows at the chosen penalty (from zero coefficients, as scikit-learn). */
  public LassoFit fit() {
    return fit;
  }

  /**
   * The {@code k} columns with the largest absolute coefficient at the chosen penalty, largest
   * first, ties (zeros included) in column order. Compare {@code k} with {@code
   * fit().nonZeroCount()} to see whether the Lasso kept that many.
   *
   * @throws IllegalArgumentException when k is not in {@code [1, featureCount]}
   */
  public int[] screen(int k) {
    int p = fit.featureCount();
    if (k < 1 || k > p) {
      throw new IllegalArgumentException("k: " + k + " (expected: 1 <= k <= " + p + ")");
    }
    List<Integer> order = new ArrayList<>(p);
    for (int j = 0; j < p; j++) {
      order.add(j);
    }
    Collections.sort(
        order,
        (a, b) -> {
          int c = Double.compare(Math.abs(fit.coefficient(b)), Math.abs(fit.coefficient(a)));
          return c != 0 ? c : Integer.compare(a, b);
        });
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = order.get(i);
    }
    return out;
  }

  /**
   * The names of the {@link #screen(int)} columns.
   *
   * @param names one name per column
   * @throws NullPointerException when names or one of them is null
   * @throws IllegalArgumentException when names does not have one entry per column, or k is not in
   *     {@code [1, featureCount]}
   */
  public List<String> screen(int k, List<String> names) {
    Objects.requireNonNull(names, "names");
    if (names.size() != fit.featureCount()) {
      throw new IllegalArgumentException(
          "names: " + names.size() + " names (expected: " + fit.featureCount()
              + ", one per column)");
    }
    int[] cols = screen(k);
    List<String> out = new ArrayList<>(k);
    for (int c : cols) {
      out.add(Objects.requireNonNull(names.get(c), "names[" + c + "]"));
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "LassoCvResult{folds=" + folds + ", alpha=" + alpha() + ", meanMse=" + meanMse[best]
        + ", nonZero=" + fit.nonZeroCount() + "/" + fit.featureCount() + "}";
  }
}
