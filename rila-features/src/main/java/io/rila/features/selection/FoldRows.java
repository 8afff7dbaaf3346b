package io.rila.features.selection;

/**
 * The training and test rows of every fold of a {@link Folds} scheme for {@code n} rows, split
 * once and checked before any fold is fitted: enough rows for the folds and, with weights, a
 * positive weight on each side of every fold.
 */
final class FoldRows {

  /** {@code train[f]}: the training rows of fold {@code f}, in order. */
  final int[][] train;
  /** {@code test[f]}: the test rows of fold {@code f}, in order. */
  final int[][] test;

  private FoldRows(int[][] train, int[][] test) {
    this.train = train;
    this.test = test;
  }

  /**
   * Splits {@code n} rows.
   *
   * @param weights sample weights (already checked), or null for none
   * @throws IllegalArgumentException when n is too small for the folds, or the training or test
   *     rows of a fold have only zero weights
   */
  static FoldRows of(Folds folds, int n, double[] weights) {
    folds.check(n);
    int k = folds.count();
    int[][] train = new int[k][];
    int[][] test = new int[k][];
    for (int f = 0; f < k; f++) {
      train[f] = folds.trainRows(n, f);
      test[f] = folds.testRows(n, f);
      if (weights != null) {
        checkWeights(weights, train[f], "training", f);
        checkWeights(weights, test[f], "test", f);
      }
    }
    return new FoldRows(train, test);
  }

  private static void checkWeights(double[] weights, int[] rows, String part, int fold) {
    for (int r : rows) {
      if (weights[r] > 0) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "weights: all zero on the " + part + " rows of fold " + fold
            + " (expected: at least one > 0)");
  }
}
