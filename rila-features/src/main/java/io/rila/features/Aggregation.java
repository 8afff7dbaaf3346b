package io.rila.features;

/**
 * How {@link WeeklyAggregation} turns the present ({@code non-NaN}) values of a period into one
 * value. Sums use compensated (Neumaier) summation in date order.
 */
public enum Aggregation {
  /** The mean of the present values; {@code NaN} when there are none. */
  MEAN,
  /** The sum of the present values; {@code 0} when there are none. */
  SUM,
  /** The earliest present value; {@code NaN} when there are none. */
  FIRST,
  /** The latest present value; {@code NaN} when there are none. */
  LAST
}
