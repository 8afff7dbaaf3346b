package io.rila.bootstrap;

/**
 * The scale on which the members are fitted. With {@code LOG1P}, each member is a Ridge
 * regression of {@code log1p(y)} on the features, and every member prediction is mapped back to
 * the scale of {@code y} with {@code expm1} before any mean, quantile or scenario difference is
 * taken (so an interval is the interval of back-transformed member predictions, as in the Python
 * system this library replaces).
 *
 * <pre>{@code
 * EnsembleModel model = BootstrapRidgeEnsemble.newBuilder()
 *     .targetTransform(TargetTransform.LOG1P)
 *     .build()
 *     .fit(x, sales, weights);                  // sales on their own scale; fitted as log1p(sales)
 * Summary next = model.predict(row);           // mean and quantiles of expm1(member predictions)
 * }</pre>
 *
 * <p>{@link BootstrapRidgeEnsemble#fit(double[][], double[])} takes the target on its own scale
 * and applies {@link #apply(double)}; {@link BootstrapRidgeEnsemble#fitTransformed(double[][],
 * double[])} takes a target that is already on the model's scale (for example a stored {@code
 * log1p(sales)} column). The members are the same either way.
 *
 * <p>Thread safety: immutable. Allocation: none.
 */
public enum TargetTransform {
  /** No transform: members are fitted on {@code y} and predict {@code y}. */
  IDENTITY,
  /** Members are fitted on {@code log(y)} (requires {@code y > 0}); predictions go back with {@code exp}. */
  LOG,
  /**
   * Members are fitted on {@code log1p(y) = log(1 + y)} (requires {@code y > -1}); predictions go
   * back with {@code expm1}.
   */
  LOG1P;

  /**
   * Maps a target value to the model's scale.
   *
   * @param y a value on the target's own scale
   * @return {@code y}, {@code log(y)} or {@code log1p(y)}
   * @throws IllegalArgumentException if {@code y} is NaN, infinite or outside the transform's
   *     domain ({@code y > 0} for {@code LOG}, {@code y > -1} for {@code LOG1P})
   */
  public double apply(double y) {
    if (!accepts(y)) {
      throw new IllegalArgumentException("y: " + y + " (expected: " + domain() + ")");
    }
    return forward(y);
  }

  /**
   * Maps a value on the model's scale back to the target's scale.
   *
   * @param z a value on the model's scale
   * @return {@code z}, {@code exp(z)} or {@code expm1(z)}
   */
  public double invert(double z) {
    switch (this) {
      case LOG:
        return Math.exp(z);
      case LOG1P:
        return Math.expm1(z);
      default:
        return z;
    }
  }

  /** Whether {@code y} is finite and inside this transform's domain. */
  boolean accepts(double y) {
    switch (this) {
      case LOG:
        return y > 0 && y < Double.POSITIVE_INFINITY;
      case LOG1P:
        return y > -1 && y < Double.POSITIVE_INFINITY;
      default:
        return Double.isFinite(y);
    }
  }

  /** The rule {@link #accepts(double)} checks, for error messages. */
  String domain() {
    switch (this) {
      case LOG:
        return "finite and > 0 for LOG";
      case LOG1P:
        return "finite and > -1 for LOG1P";
      default:
        return "finite";
    }
  }

  private double forward(double y) {
    switch (this) {
      case LOG:
        return Math.log(y);
      case LOG1P:
        return Math.log1p(y);
      default:
        return y;
    }
  }
}
