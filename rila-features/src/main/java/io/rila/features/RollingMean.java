package io.rila.features;

import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Trailing means: each row gets the mean of the present ({@code non-NaN}) values of the window
 * that ends at it, or {@code NaN} when the window holds fewer than {@code minPeriods} of them.
 *
 * <pre>{@code
 * RollingMean weekMean = RollingMean.newBuilder()
 *     .windowDays(7)            // dates in (d - 7 days, d]
 *     .minPeriods(1)
 *     .columns("DGS5", "VIXCLS")
 *     .build();
 * }</pre>
 *
 * <p>The window is either {@link Builder#windowDays(int) N calendar days} (dates {@code d - N + 1}
 * .. {@code d}, so gaps in the index shrink it; needs a date index) or {@link
 * Builder#windowRows(int) N rows}. {@code minPeriods} defaults to 1. Without {@code columns} every
 * column is averaged. Averaged columns replace the originals in place, or, with {@link
 * Builder#suffix(String)}, are appended as {@code name + suffix}.
 *
 * <p>Each window is summed afresh, left to right (no running sum that drifts). The input's index,
 * when present, must be strictly increasing. Thread-safe and immutable; {@link #apply} allocates
 * the output columns.
 */
public final class RollingMean implements FeatureStep {

  private final Integer windowDays;
  private final Integer windowRows;
  private final int minPeriods;
  private final List<String> columns;
  private final String suffix;

  private RollingMean(Builder b) {
    this.windowDays = b.windowDays;
    this.windowRows = b.windowRows;
    this.minPeriods = b.minPeriods == null ? 1 : b.minPeriods;
    this.columns = b.columns;
    this.suffix = b.suffix == null ? "" : b.suffix;
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
   * @throws IllegalArgumentException if a named column is missing, the index is not strictly
   *     increasing, or a day window is asked of a frame without an index
   */
  @Override
  public Frame apply(Frame input) {
    Objects.requireNonNull(input, "input");
    Frames.requireIncreasingIndex(input, "input");
    if (windowDays != null) {
      Frames.requireIndex(input, "input", "a window of days");
    }
    int n = input.rows();
    int[] start = windowStarts(input, n);
    List<String> targets = columns != null ? columns : input.columnNames();
    int[] at = Frames.positions(input, targets);
    Frame.Builder out = Frame.newBuilder();
    double[] v = new double[n];
    double[] mean = new double[n];
    for (int k = 0; k < at.length; k++) {
      input.copyColumnInto(at[k], v);
      for (int i = 0; i < n; i++) {
        double sum = 0;
        int count = 0;
        for (int j = start[i]; j <= i; j++) {
          double x = v[j];
          if (x == x) {
            sum += x;
            count++;
          }
        }
        mean[i] = count >= minPeriods ? sum / count : Double.NaN;
      }
      out.column(targets.get(k) + suffix, mean);
    }
    return input.withColumns(out.build());
  }

  private int[] windowStarts(Frame input, int n) {
    int[] start = new int[n];
    if (windowRows != null) {
      for (int i = 0; i < n; i++) {
        start[i] = Math.max(0, i - windowRows + 1);
      }
      return start;
    }
    List<LocalDate> dates = input.dates();
    int lo = 0;
    for (int i = 0; i < n; i++) {
      LocalDate earliest = dates.get(i).minusDays(windowDays - 1L);
      while (dates.get(lo).isBefore(earliest)) {
        lo++;
      }
      start[i] = lo;
    }
    return start;
  }

  @Override
  public String spec() {
    return "RollingMean/1{window=" + (windowDays != null ? windowDays + "days" : windowRows + "rows")
        + ",minPeriods=" + minPeriods + ",columns="
        + (columns == null ? "all" : Specs.list(columns)) + ",suffix=" + Specs.quote(suffix) + "}";
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * Settings of a {@link RollingMean}: exactly one window; each setting may be made once. Not
   * thread-safe.
   */
  public static final class Builder {
    private Integer windowDays;
    private Integer windowRows;
    private Integer minPeriods;
    private List<String> columns;
    private String suffix;

    private Builder() {}

    /**
     * A window of {@code days} calendar days ending at each row's date.
     *
     * @param days the window in calendar days, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code days < 1}
     * @throws IllegalStateException if a window was already set
     */
    public Builder windowDays(int days) {
      checkWindowUnset();
      windowDays = Checks.atLeast(days, 1, "windowDays");
      return this;
    }

    /**
     * A window of {@code rows} rows ending at each row.
     *
     * @param rows the window in rows, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code rows < 1}
     * @throws IllegalStateException if a window was already set
     */
    public Builder windowRows(int rows) {
      checkWindowUnset();
      windowRows = Checks.atLeast(rows, 1, "windowRows");
      return this;
    }

    /**
     * The fewest present values a window needs (default 1).
     *
     * @param count at least 1 and at most a row window
     * @return this builder
     * @throws IllegalArgumentException if {@code count < 1}
     * @throws IllegalStateException if already set
     */
    public Builder minPeriods(int count) {
      Checks.unset(minPeriods == null, "minPeriods", minPeriods);
      minPeriods = Checks.atLeast(count, 1, "minPeriods");
      return this;
    }

    /**
     * The columns to average (default: all).
     *
     * @param names the columns, at least one
     * @return this builder
     * @throws NullPointerException if {@code names} or one of its names is null
     * @throws IllegalArgumentException if no name is given or a name repeats
     * @throws IllegalStateException if already set
     */
    public Builder columns(String... names) {
      Objects.requireNonNull(names, "names");
      Checks.unset(columns == null, "columns", columns);
      columns = Specs.uniqueNames(names, "columns");
      return this;
    }

    /**
     * Appends the means as {@code name + suffix} instead of replacing the columns.
     *
     * @param suffix appended to each averaged column's name, not empty
     * @return this builder
     * @throws NullPointerException if {@code suffix} is null
     * @throws IllegalArgumentException if {@code suffix} is empty
     * @throws IllegalStateException if already set
     */
    public Builder suffix(String suffix) {
      Objects.requireNonNull(suffix, "suffix");
      Checks.unset(this.suffix == null, "suffix", this.suffix);
      if (suffix.isEmpty()) {
        throw new IllegalArgumentException("suffix: '' (expected: not empty)");
      }
      this.suffix = suffix;
      return this;
    }

    /**
     * The configured step.
     *
     * @return a new immutable step; the builder can build again
     * @throws IllegalStateException if no window was set
     * @throws IllegalArgumentException if {@code minPeriods} exceeds a row window
     */
    public RollingMean build() {
      if (windowDays == null && windowRows == null) {
        throw new IllegalStateException("no window (expected: windowDays(n) or windowRows(n))");
      }
      int window = windowDays != null ? windowDays : windowRows;
      if (minPeriods != null && minPeriods > window) {
        throw new IllegalArgumentException(
            "minPeriods: " + minPeriods + " (expected: <= the window, " + window + ")");
      }
      return new RollingMean(this);
    }

    private void checkWindowUnset() {
      Checks.unset(windowDays == null, "window", windowDays + " days");
      Checks.unset(windowRows == null, "window", windowRows + " rows");
    }
  }
}
