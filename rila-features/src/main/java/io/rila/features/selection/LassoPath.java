package io.rila.features.selection;

import java.util.Objects;

/**
 * Lasso solutions along a decreasing sequence of penalties, each warm-started from the previous
 * one (scikit-learn's {@code lasso_path}).
 *
 * <pre>{@code
 * Lasso lasso = Lasso.newBuilder().build();
 * LassoPath path = lasso.path(x, y, null, Lasso.alphaGrid(x, y, null, 100, 1e-3));
 * for (int i = 0; i < path.size(); i++) {
 *   System.out.println(path.alpha(i) + " " + path.fit(i).nonZeroCount());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LassoPath {

  private final LassoFit[] fits;

  LassoPath(LassoFit[] fits) {
    this.fits = fits;
  }

  /** The number of penalties on the path. */
  public int size() {
    return fits.length;
  }

  /**
   * The {@code i}-th penalty (penalties decrease along the path).
   *
   * @throws IndexOutOfBoundsException when i is not in {@code [0, size())}
   */
  public double alpha(int i) {
    Objects.checkIndex(i, fits.length);
    return fits[i].alpha();
  }

  /** The penalties, largest first. */
  public double[] alphas() {
    double[] a = new double[fits.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = fits[i].alpha();
    }
    return a;
  }

  /**
   * The solution at the {@code i}-th penalty.
   *
   * @throws IndexOutOfBoundsException when i is not in {@code [0, size())}
   */
  public LassoFit fit(int i) {
    Objects.checkIndex(i, fits.length);
    return fits[i];
  }

  @Override
  public String toString() {
    return "LassoPath{size=" + fits.length + ", alphas=" + fits[0].alpha() + " .. "
        + fits[fits.length - 1].alpha() + "}";
  }
}
