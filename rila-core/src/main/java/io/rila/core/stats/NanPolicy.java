package io.rila.core.stats;

/**
 * What a quantile does when its data hold NaN (not-a-number) values.
 *
 * <pre>{@code
 * double[] q = Quantiles.linear(values, NanPolicy.OMIT, 0.025, 0.5, 0.975); // numpy.nanpercentile
 * }</pre>
 */
public enum NanPolicy {

  /**
   * Fail with an {@link IllegalArgumentException} that names the index of the first value that is
   * NaN or infinite. The default: bad data are reported where they enter, not as a NaN interval
   * later.
   */
  REJECT,

  /**
   * Return NaN for every level when any value is NaN, as {@code numpy.percentile} does. Infinite
   * values take part in numpy's arithmetic, so a level whose interpolation touches an infinity can
   * be NaN too (numpy gives NaN for the 0th percentile of {@code [1, inf]}).
   */
  PROPAGATE,

  /**
   * Ignore NaN values, as {@code numpy.nanpercentile} does; every level is NaN when all values are
   * NaN. Infinite values are kept and take part in numpy's arithmetic, as under {@link #PROPAGATE}.
   */
  OMIT
}
