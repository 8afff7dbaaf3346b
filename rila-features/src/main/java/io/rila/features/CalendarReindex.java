package io.rila.features;

import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reindexes a dated frame to every calendar day of a range: a day with a row keeps its values, a
 * day without one gets {@code NaN} in every column, rows outside the range are dropped.
 *
 * <pre>{@code
 * CalendarReindex calendar = CalendarReindex.newBuilder()
 *     .from(LocalDate.of(2021, 1, 1))
 *     .to(LocalDate.of(2026, 1, 30))
 *     .extendLastRow()          // days after the last row reuse it (a stale daily file)
 *     .build();
 * Frame daily = calendar.apply(competitorRates);
 * }</pre>
 *
 * <p>Without {@code from}/{@code to} the range runs from the first to the last date of the
 * input. {@link Builder#extendLastRow()} fills the days after the input's last row with that row
 * (values, {@code NaN}s included); other gaps stay missing (use {@link FillMissing} to carry values
 * forward).
 *
 * <p>The input must have a strictly increasing date index. Thread-safe and immutable; {@link
 * #apply} allocates the output columns.
 */
public final class CalendarReindex implements FeatureStep {

  private final LocalDate from;
  private final LocalDate to;
  private final boolean extendLastRow;

  private CalendarReindex(Builder b) {
    this.from = b.from;
    this.to = b.to;
    this.extendLastRow = b.extendLastRow != null && b.extendLastRow;
  }

  /**
   * A new builder.
   *
   * @return a builder with nothing set
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the input is empty, has no index or an index that is not
   *     strictly increasing
   */
  @Override
  public Frame apply(Frame input) {
    Frames.requireRows(input, "input");
    Frames.requireIndex(input, "input", "CalendarReindex");
    Frames.requireIncreasingIndex(input, "input");
    List<LocalDate> dates = input.dates();
    int n = input.rows();
    LocalDate first = from != null ? from : dates.get(0);
    LocalDate last = to != null ? to : dates.get(n - 1);
    if (last.isBefore(first)) {
      throw new IllegalArgumentException(
          "to: " + last + " (expected: on or after from, " + first + ")");
    }
    int days = Math.toIntExact(ChronoUnit.DAYS.between(first, last) + 1);
    int[] source = new int[days];
    LocalDate lastInput = dates.get(n - 1);
    Arrays.fill(source, -1);
    for (int i = 0; i < n; i++) {
      long d = ChronoUnit.DAYS.between(first, dates.get(i));
      if (d >= 0 && d < days) {
        source[(int) d] = i;
      }
    }
    if (extendLastRow) {
      long after = ChronoUnit.DAYS.between(first, lastInput) + 1;
      for (long d = Math.max(0, after); d < days; d++) {
        source[(int) d] = n - 1;
      }
    }
    List<LocalDate> calendar = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      calendar.add(first.plusDays(d));
    }
    Frame.Builder out = Frame.newBuilder().index(calendar);
    double[] src = new double[n];
    double[] dst = new double[days];
    for (int j = 0; j < input.columnCount(); j++) {
      input.copyColumnInto(j, src);
      for (int d = 0; d < days; d++) {
        int i = source[d];
        dst[d] = i < 0 ? Double.NaN : src[i];
      }
      out.column(input.columnName(j), dst);
    }
    return out.build();
  }

  @Override
  public String spec() {
    return "CalendarReindex/1{from=" + from + ",to=" + to + ",extendLastRow=" + extendLastRow
        + "}";
  }

  @Override
  public String toString() {
    return spec();
  }

  /** Settings of a {@link CalendarReindex}; each may be set once. Not thread-safe. */
  public static final class Builder {
    private LocalDate from;
    private LocalDate to;
    private Boolean extendLastRow;

    private Builder() {}

    /**
     * The first day of the calendar (default: the input's first date).
     *
     * @param day the first day
     * @return this builder
     * @throws NullPointerException if {@code day} is null
     * @throws IllegalStateException if already set
     */
    public Builder from(LocalDate day) {
      Objects.requireNonNull(day, "from");
      Checks.unset(from == null, "from", from);
      from = day;
      return this;
    }

    /**
     * The last day of the calendar, inclusive (default: the input's last date).
     *
     * @param day the last day
     * @return this builder
     * @throws NullPointerException if {@code day} is null
     * @throws IllegalStateException if already set
     */
    public Builder to(LocalDate day) {
      Objects.requireNonNull(day, "to");
      Checks.unset(to == null, "to", to);
      to = day;
      return this;
    }

    /**
     * Fills the days after the input's last row with that row.
     *
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder extendLastRow() {
      Checks.unset(extendLastRow == null, "extendLastRow", extendLastRow);
      extendLastRow = true;
      return this;
    }

    /**
     * The configured step.
     *
     * @return a new immutable step; the builder can build again
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public CalendarReindex build() {
      if (from != null && to != null && to.isBefore(from)) {
        throw new IllegalArgumentException(
            "to: " + to + " (expected: on or after from, " + from + ")");
      }
      return new CalendarReindex(this);
    }
  }
}
