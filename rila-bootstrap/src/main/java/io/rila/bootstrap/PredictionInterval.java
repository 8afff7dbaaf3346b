package io.rila.bootstrap;

import java.util.Locale;

/**
 * One conformal prediction interval {@code [lower, upper]} on the target's own scale, of nominal
 * level {@code level}: an interval meant to contain the <em>actual</em> value of a new row (next
 * week's sales), not its mean. An end may be infinite when the calibration rows are too few for
 * the level (see {@link PredictionIntervals}); after a {@code LOG} or {@code LOG1P} back-transform
 * an unbounded lower end is {@code 0} or {@code -1}, the edge of the transform's range.
 *
 * <pre>{@code
 * PredictionInterval next = calibrated.interval(row);
 * boolean hit = next.contains(actualSales);     // lower <= actual <= upper
 * double width = next.width();
 * }</pre>
 *
 * <p>Thread safety: immutable. Equality: same level and bit-identical ends.
 */
public final class PredictionInterval {

  private final double lower;
  private final double upper;
  private final double level;

  PredictionInterval(double lower, double upper, double level) {
    this.lower = lower;
    this.upper = upper;
    this.level = level;
  }

  /**
   * The lower end.
   *
   * @return the lower end, possibly the bottom of the transform's range
   */
  public double lower() {
    return lower;
  }

  /**
   * The upper end.
   *
   * @return the upper end, possibly {@code +infinity}
   */
  public double upper() {
    return upper;
  }

  /**
   * The nominal level the interval was built for.
   *
   * @return the level, in {@code (0, 1)}
   */
  public double level() {
    return level;
  }

  /**
   * {@code upper() - lower()}.
   *
   * @return the width, possibly infinite
   */
  public double width() {
    return upper - lower;
  }

  /**
   * Whether a value lies inside, ends included.
   *
   * @param value the value, on the target's own scale
   * @return {@code lower() <= value <= upper()}
   */
  public boolean contains(double value) {
    return value >= lower && value <= upper;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PredictionInterval)) {
      return false;
    }
    PredictionInterval other = (PredictionInterval) o;
    return Double.compare(lower, other.lower) == 0 && Double.compare(upper, other.upper) == 0
        && Double.compare(level, other.level) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(lower) * 31 * 31 + Double.hashCode(upper) * 31 + Double.hashCode(level);
  }

  /** Such as {@code PredictionInterval[0.9: 12.5, 19.25]}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "PredictionInterval[%s: %s, %s]", level, lower, upper);
  }
}
