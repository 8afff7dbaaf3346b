package io.rila.features;

import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resamples a dated frame (usually daily) into weeks, each labelled by its last day, with one
 * {@link Aggregation} rule per column.
 *
 * <pre>{@code
 * WeeklyAggregation weekly = WeeklyAggregation.newBuilder()
 *     .rule(Aggregation.SUM, "sales", "counter")
 *     .rule(Aggregation.LAST, "DGS5", "VIXCLS")
 *     .build();                      // other columns: MEAN; weeks end on Sunday
 * Frame weeks = weekly.apply(daily); // index: the Sunday on or after each day
 * }</pre>
 *
 * <p>A row dated {@code d} belongs to the week labelled with the first {@link
 * Builder#weekEnd(DayOfWeek) week-end day} on or after {@code d} (Sunday by default, as pandas'
 * {@code W-SUN}). The output has one row per week from the first row's week to the last row's,
 * including weeks without rows (means {@code NaN}, sums {@code 0}). Columns keep their order;
 * columns without a rule use the {@link Builder#defaultRule(Aggregation) default rule}, {@link
 * Aggregation#MEAN} unless set.
 *
 * <p>The input must have a strictly increasing date index. Thread-safe and immutable; {@link
 * #apply} allocates the output and a few scratch arrays, reused for every column.
 */
public final class WeeklyAggregation implements FeatureStep {

  private final DayOfWeek weekEnd;
  private final Aggregation defaultRule;
  private final Map<String, Aggregation> rules;

  private WeeklyAggregation(Builder b) {
    this.weekEnd = b.weekEnd == null ? DayOfWeek.SUNDAY : b.weekEnd;
    this.defaultRule = b.defaultRule == null ? Aggregation.MEAN : b.defaultRule;
    this.rules = new LinkedHashMap<>(b.rules);
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
   * The label of the week holding {@code day}: the first week-end day on or after it.
   *
   * @param day any day
   * @return the week-end day on or after {@code day}
   * @throws NullPointerException if {@code day} is null
   */
  public LocalDate weekOf(LocalDate day) {
    Objects.requireNonNull(day, "day");
    int ahead = (weekEnd.getValue() - day.getDayOfWeek().getValue() + 7) % 7;
    return day.plusDays(ahead);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the input is empty, has no index or an index that is not
   *     strictly increasing, or lacks a column that has a rule
   */
  @Override
  public Frame apply(Frame input) {
    Frames.requireRows(input, "input");
    Frames.requireIndex(input, "input", "WeeklyAggregation");
    Frames.requireIncreasingIndex(input, "input");
    for (String name : rules.keySet()) {
      input.columnIndex(name);
    }
    List<LocalDate> dates = input.dates();
    int n = input.rows();
    LocalDate firstWeek = weekOf(dates.get(0));
    int weeks = Math.toIntExact(ChronoUnit.DAYS.between(firstWeek, weekOf(dates.get(n - 1))) / 7
        + 1);
    int[] week = new int[n];
    for (int i = 0; i < n; i++) {
      week[i] = (int) (ChronoUnit.DAYS.between(firstWeek, weekOf(dates.get(i))) / 7);
    }
    List<LocalDate> labels = new ArrayList<>(weeks);
    for (int w = 0; w < weeks; w++) {
      labels.add(firstWeek.plusWeeks(w));
    }
    Frame.Builder out = Frame.newBuilder().index(labels);
    double[] v = new double[n];
    double[] acc = new double[weeks];
    double[] comp = new double[weeks];
    int[] count = new int[weeks];
    for (int j = 0; j < input.columnCount(); j++) {
      String name = input.columnName(j);
      Aggregation rule = rules.getOrDefault(name, defaultRule);
      input.copyColumnInto(j, v);
      aggregate(rule, v, week, acc, comp, count);
      out.column(name, acc);
    }
    return out.build();
  }

  /** Writes the per-week result of {@code rule} into {@code acc}. */
  private static void aggregate(
      Aggregation rule, double[] v, int[] week, double[] acc, double[] comp, int[] count) {
    int weeks = acc.length;
    for (int w = 0; w < weeks; w++) {
      acc[w] = 0;
      comp[w] = 0;
      count[w] = 0;
    }
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      if (x != x) {
        continue;
      }
      int w = week[i];
      switch (rule) {
        case FIRST:
          if (count[w] == 0) {
            acc[w] = x;
          }
          break;
        case LAST:
          acc[w] = x;
          break;
        default:
          double s = acc[w];
          double t = s + x;
          if (Double.isFinite(t)) {
            comp[w] += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
          }
          acc[w] = t;
          break;
      }
      count[w]++;
    }
    for (int w = 0; w < weeks; w++) {
      switch (rule) {
        case SUM:
          acc[w] += comp[w];
          break;
        case MEAN:
          acc[w] = count[w] == 0 ? Double.NaN : (acc[w] + comp[w]) / count[w];
          break;
        default:
          if (count[w] == 0) {
            acc[w] = Double.NaN;
          }
          break;
      }
    }
  }

  @Override
  public String spec() {
    StringBuilder s = new StringBuilder("WeeklyAggregation/1{weekEnd=").append(weekEnd)
        .append(",default=").append(defaultRule).append(",rules=[");
    boolean first = true;
    for (Map.Entry<String, Aggregation> e : rules.entrySet()) {
      if (!first) {
        s.append(',');
      }
      first = false;
      s.append(Specs.quote(e.getKey())).append(':').append(e.getValue());
    }
    return s.append("]}").toString();
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * Settings of a {@link WeeklyAggregation}. Rules are added per column (a column gets one rule);
   * the week end and the default rule may be set once. Not thread-safe.
   */
  public static final class Builder {
    private DayOfWeek weekEnd;
    private Aggregation defaultRule;
    private final Map<String, Aggregation> rules = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The last day of each week (default {@link DayOfWeek#SUNDAY}).
     *
     * @param day the day that ends a week
     * @return this builder
     * @throws NullPointerException if {@code day} is null
     * @throws IllegalStateException if already set
     */
    public Builder weekEnd(DayOfWeek day) {
      Objects.requireNonNull(day, "weekEnd");
      Checks.unset(weekEnd == null, "weekEnd", weekEnd);
      weekEnd = day;
      return this;
    }

    /**
     * The rule of columns without one (default {@link Aggregation#MEAN}).
     *
     * @param rule the rule
     * @return this builder
     * @throws NullPointerException if {@code rule} is null
     * @throws IllegalStateException if already set
     */
    public Builder defaultRule(Aggregation rule) {
      Objects.requireNonNull(rule, "defaultRule");
      Checks.unset(defaultRule == null, "defaultRule", defaultRule);
      defaultRule = rule;
      return this;
    }

    /**
     * Aggregates {@code columns} with {@code rule}.
     *
     * @param rule the rule
     * @param columns the columns it aggregates, at least one
     * @return this builder
     * @throws NullPointerException if {@code rule}, {@code columns} or one of its names is null
     * @throws IllegalArgumentException if no column is given or a column already has a rule
     */
    public Builder rule(Aggregation rule, String... columns) {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(columns, "columns");
      for (String name : Specs.uniqueNames(columns, "columns")) {
        Aggregation before = rules.get(name);
        if (before != null) {
          throw new IllegalArgumentException(
              "columns: '" + name + "' already has rule " + before + " (expected: one rule)");
        }
      }
      for (String name : columns) {
        rules.put(name, rule);
      }
      return this;
    }

    /**
     * The configured step.
     *
     * @return a new immutable step; the builder can build again
     */
    public WeeklyAggregation build() {
      return new WeeklyAggregation(this);
    }
  }
}
