package io.rila.features.selection;

import io.rila.core.internal.Checks;
import java.util.Objects;

/** Argument checks shared by the selection entry points. */
final class Inputs {

  private Inputs() {}

  /**
   * Checks a design matrix, its target and optional weights; returns the column count.
   *
   * @throws NullPointerException when x, a row of x or y is null
   * @throws IllegalArgumentException when x is empty or ragged, when y or weights do not have one
   *     entry per row of x, or when any value is not finite (weights also negative or all zero)
   */
  static int design(double[][] x, double[] y, double[] weights) {
    int p = Checks.finiteMatrix(x, "x");
    Objects.requireNonNull(y, "y");
    if (y.length != x.length) {
      throw new IllegalArgumentException(
          "y: length " + y.length + " (expected: " + x.length + ", the rows of x)");
    }
    Checks.finite(y, "y");
    if (weights != null && weights.length != x.length) {
      throw new IllegalArgumentException(
          "weights: length " + weights.length + " (expected: " + x.length + ", the rows of x)");
    }
    Checks.weights(weights, x.length, "weights");
    return p;
  }

  /**
   * Checks a grid of penalties: non-empty, each finite and {@code > 0}; returns a copy.
   *
   * @throws NullPointerException when alphas is null
   * @throws IllegalArgumentException when alphas is empty or holds a value that is not finite or
   *     not positive
   */
  static double[] alphas(double[] alphas) {
    Objects.requireNonNull(alphas, "alphas");
    if (alphas.length == 0) {
      throw new IllegalArgumentException("alphas: empty (expected: at least one alpha)");
    }
    for (int i = 0; i < alphas.length; i++) {
      Checks.positiveFinite(alphas[i], "alphas[" + i + "]");
    }
    return alphas.clone();
  }
}
