package io.rila.features;

import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Columns computed from each row's date: year, quarter, month, day of year and holiday flags.
 *
 * <pre>{@code
 * CalendarFeatures calendar = CalendarFeatures.newBuilder()
 *     .year("year").quarter("quarter").month("month")
 *     .dayOfYear("day_of_year")
 *     .holiday("holiday", HolidayRule.dayOfYearAtLeast(360).or(HolidayRule.dayOfYearAtMost(12)))
 *     .build();
 * Frame weeks = calendar.apply(weekly);
 * }</pre>
 *
 * <p>Values are whole numbers stored as doubles; a holiday flag is 1 or 0. Columns are appended in
 * the order declared (a column of the same name is replaced in place). The input needs a date
 * index. Thread-safe and immutable; {@link #apply} allocates the new columns.
 */
public final class CalendarFeatures implements FeatureStep {

  private enum Kind {
    YEAR, QUARTER, MONTH, DAY_OF_YEAR, HOLIDAY
  }

  private static final class Output {
    final Kind kind;
    final String name;
    final HolidayRule rule;

    Output(Kind kind, String name, HolidayRule rule) {
      this.kind = kind;
      this.name = name;
      this.rule = rule;
    }
  }

  private final List<Output> outputs;

  private CalendarFeatures(Builder b) {
    this.outputs = List.copyOf(b.outputs);
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
   * @throws IllegalArgumentException if the input has no date index
   */
  @Override
  public Frame apply(Frame input) {
    Objects.requireNonNull(input, "input");
    Frames.requireIndex(input, "input", "CalendarFeatures");
    int n = input.rows();
    List<LocalDate> dates = input.dates();
    Frame.Builder generated = Frame.newBuilder();
    double[] v = new double[n];
    for (Output out : outputs) {
      for (int i = 0; i < n; i++) {
        LocalDate d = dates.get(i);
        switch (out.kind) {
          case YEAR:
            v[i] = d.getYear();
            break;
          case QUARTER:
            v[i] = (d.getMonthValue() - 1) / 3 + 1;
            break;
          case MONTH:
            v[i] = d.getMonthValue();
            break;
          case DAY_OF_YEAR:
            v[i] = d.getDayOfYear();
            break;
          default:
            v[i] = out.rule.test(d) ? 1 : 0;
            break;
        }
      }
      generated.column(out.name, v);
    }
    return input.withColumns(generated.build());
  }

  @Override
  public String spec() {
    StringBuilder s = new StringBuilder("CalendarFeatures/1{");
    for (int o = 0; o < outputs.size(); o++) {
      Output out = outputs.get(o);
      if (o > 0) {
        s.append(',');
      }
      s.append(out.kind).append(':').append(Specs.quote(out.name));
      if (out.rule != null) {
        s.append(':').append(out.rule.spec());
      }
    }
    return s.append('}').toString();
  }

  @Override
  public String toString() {
    return spec();
  }

  /** Settings of a {@link CalendarFeatures}: outputs added one by one. Not thread-safe. */
  public static final class Builder {
    private final List<Output> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private Builder() {}

    /**
     * Adds the calendar year.
     *
     * @param name the output column
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public Builder year(String name) {
      return add(Kind.YEAR, name, null);
    }

    /**
     * Adds the quarter, 1 to 4.
     *
     * @param name the output column
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public Builder quarter(String name) {
      return add(Kind.QUARTER, name, null);
    }

    /**
     * Adds the month, 1 to 12.
     *
     * @param name the output column
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public Builder month(String name) {
      return add(Kind.MONTH, name, null);
    }

    /**
     * Adds the day of year, 1 to 366.
     *
     * @param name the output column
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public Builder dayOfYear(String name) {
      return add(Kind.DAY_OF_YEAR, name, null);
    }

    /**
     * Adds a flag, 1 where {@code rule} marks the date, else 0.
     *
     * @param name the output column
     * @param rule the days flagged 1
     * @return this builder
     * @throws NullPointerException if {@code name} or {@code rule} is null
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public Builder holiday(String name, HolidayRule rule) {
      Objects.requireNonNull(rule, "rule");
      return add(Kind.HOLIDAY, name, rule);
    }

    private Builder add(Kind kind, String name, HolidayRule rule) {
      Objects.requireNonNull(name, "name");
      Checks.notBlank(name, "name");
      if (!names.add(name)) {
        throw new IllegalArgumentException("name: '" + name + "' is already an output");
      }
      outputs.add(new Output(kind, name, rule));
      return this;
    }

    /**
     * The configured step.
     *
     * @return a new immutable step; the builder can build again
     * @throws IllegalStateException if no output was added
     */
    public CalendarFeatures build() {
      if (outputs.isEmpty()) {
        throw new IllegalStateException(
            "no outputs (expected: year, quarter, month, dayOfYear or holiday)");
      }
      return new CalendarFeatures(this);
    }
  }
}
