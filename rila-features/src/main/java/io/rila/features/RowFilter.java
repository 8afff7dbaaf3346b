package io.rila.features;

import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the rows that pass every condition: a date range, excluded dates, a flag column that must
 * be zero, columns that must be present.
 *
 * <pre>{@code
 * RowFilter training = RowFilter.newBuilder()
 *     .from(LocalDate.of(2022, 9, 4))
 *     .to(LocalDate.of(2025, 9, 14))
 *     .excludeFlagged("holiday")               // drop rows where holiday != 0
 *     .dropMissing("competitor_mid_t2")        // drop rows where it is NaN
 *     .build();
 * }</pre>
 *
 * <p>{@code from} and {@code to} are inclusive and, like excluded dates, need a date index. A
 * flagged row is one whose flag is present and non-zero. Rows keep their order and the output
 * keeps every column. Thread-safe and immutable; {@link #apply} allocates the output.
 */
public final class RowFilter implements FeatureStep {

  private final LocalDate from;
  private final LocalDate to;
  private final Set<LocalDate> excluded;
  private final List<String> flags;
  private final List<String> required;

  private RowFilter(Builder b) {
    this.from = b.from;
    this.to = b.to;
    this.excluded = b.excluded == null ? Set.of() : Set.copyOf(b.excluded);
    this.flags = b.flags == null ? List.of() : b.flags;
    this.required = b.required == null ? List.of() : b.required;
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
   * @throws IllegalArgumentException if a named column is missing or a date condition is set and
   *     the input has no index
   */
  @Override
  public Frame apply(Frame input) {
    Objects.requireNonNull(input, "input");
    boolean byDate = from != null || to != null || !excluded.isEmpty();
    if (byDate) {
      Frames.requireIndex(input, "input", "a date filter");
    }
    int n = input.rows();
    boolean[] keep = new boolean[n];
    for (int i = 0; i < n; i++) {
      keep[i] = true;
    }
    if (byDate) {
      List<LocalDate> dates = input.dates();
      for (int i = 0; i < n; i++) {
        LocalDate d = dates.get(i);
        if ((from != null && d.isBefore(from)) || (to != null && d.isAfter(to))
            || excluded.contains(d)) {
          keep[i] = false;
        }
      }
    }
    double[] v = new double[n];
    for (String flag : flags) {
      input.copyColumnInto(flag, v);
      for (int i = 0; i < n; i++) {
        if (v[i] == v[i] && v[i] != 0) {
          keep[i] = false;
        }
      }
    }
    for (String name : required) {
      input.copyColumnInto(name, v);
      for (int i = 0; i < n; i++) {
        if (v[i] != v[i]) {
          keep[i] = false;
        }
      }
    }
    return input.filterRows(keep);
  }

  @Override
  public String spec() {
    return "RowFilter/1{from=" + from + ",to=" + to + ",exclude=" + new TreeSet<>(excluded)
        + ",flags=" + Specs.list(flags) + ",dropMissing=" + Specs.list(required) + "}";
  }

  @Override
  public String toString() {
    return spec();
  }

  /** Settings of a {@link RowFilter}; each set once, at least one. Not thread-safe. */
  public static final class Builder {
    private LocalDate from;
    private LocalDate to;
    private Set<LocalDate> excluded;
    private List<String> flags;
    private List<String> required;

    private Builder() {}

    /**
     * Keeps rows dated {@code day} or later.
     *
     * @param day the first day kept
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
     * Keeps rows dated {@code day} or earlier.
     *
     * @param day the last day kept
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
     * Drops rows with these dates.
     *
     * @param dates the dates dropped, at least one
     * @return this builder
     * @throws NullPointerException if {@code dates} or one of its dates is null
     * @throws IllegalArgumentException if {@code dates} is empty
     * @throws IllegalStateException if already set
     */
    public Builder excludeDates(Collection<LocalDate> dates) {
      Objects.requireNonNull(dates, "dates");
      Checks.unset(excluded == null, "excludeDates", excluded);
      if (dates.isEmpty()) {
        throw new IllegalArgumentException("excludeDates: empty (expected: at least one date)");
      }
      Set<LocalDate> set = new TreeSet<>();
      for (LocalDate d : dates) {
        set.add(Objects.requireNonNull(d, "dates contains null"));
      }
      excluded = set;
      return this;
    }

    /**
     * Drops rows where any of these columns is present and non-zero.
     *
     * @param columns the flag columns, at least one
     * @return this builder
     * @throws NullPointerException if {@code columns} or one of its names is null
     * @throws IllegalArgumentException if no name is given or a name repeats
     * @throws IllegalStateException if already set
     */
    public Builder excludeFlagged(String... columns) {
      Objects.requireNonNull(columns, "columns");
      Checks.unset(flags == null, "excludeFlagged", flags);
      flags = Specs.uniqueNames(columns, "excludeFlagged");
      return this;
    }

    /**
     * Drops rows where any of these columns is missing ({@code NaN}).
     *
     * @param columns the columns that must be present, at least one
     * @return this builder
     * @throws NullPointerException if {@code columns} or one of its names is null
     * @throws IllegalArgumentException if no name is given or a name repeats
     * @throws IllegalStateException if already set
     */
    public Builder dropMissing(String... columns) {
      Objects.requireNonNull(columns, "columns");
      Checks.unset(required == null, "dropMissing", required);
      required = Specs.uniqueNames(columns, "dropMissing");
      return this;
    }

    /**
     * The configured step.
     *
     * @return a new immutable step; the builder can build again
     * @throws IllegalStateException if no condition was set
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public RowFilter build() {
      if (from == null && to == null && excluded == null && flags == null && required == null) {
        throw new IllegalStateException(
            "no condition (expected: from, to, excludeDates, excludeFlagged or dropMissing)");
      }
      if (from != null && to != null && to.isBefore(from)) {
        throw new IllegalArgumentException(
            "to: " + to + " (expected: on or after from, " + from + ")");
      }
      return new RowFilter(this);
    }
  }
}
