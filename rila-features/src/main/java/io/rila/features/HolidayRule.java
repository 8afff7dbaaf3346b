package io.rila.features;

import io.rila.core.internal.Checks;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which dates are holidays, for {@link CalendarFeatures.Builder#holiday(String, HolidayRule)}:
 * composed from day-of-year bounds and explicit dates, with a canonical text form for feature
 * cache keys.
 *
 * <pre>{@code
 * // the Python system's year-end rule: the weeks ending on day 360 or later, or day 12 or earlier
 * HolidayRule yearEnd = HolidayRule.dayOfYearAtLeast(360).or(HolidayRule.dayOfYearAtMost(12));
 * boolean off = yearEnd.test(LocalDate.of(2023, 12, 31)); // true (day 365)
 * }</pre>
 *
 * <p>Day of year counts from 1 (January 1) to 365 or 366. Immutable and thread-safe.
 */
public final class HolidayRule {

  private final Predicate<LocalDate> test;
  private final String spec;

  private HolidayRule(Predicate<LocalDate> test, String spec) {
    this.test = test;
    this.spec = spec;
  }

  /**
   * Dates whose day of year is {@code day} or later.
   *
   * @throws IllegalArgumentException unless {@code 1 <= day <= 366}
   */
  public static HolidayRule dayOfYearAtLeast(int day) {
    Checks.inRange(day, 1, 366, "day");
    return new HolidayRule(d -> d.getDayOfYear() >= day, "dayOfYear>=" + day);
  }

  /**
   * Dates whose day of year is {@code day} or earlier.
   *
   * @throws IllegalArgumentException unless {@code 1 <= day <= 366}
   */
  public static HolidayRule dayOfYearAtMost(int day) {
    Checks.inRange(day, 1, 366, "day");
    return new HolidayRule(d -> d.getDayOfYear() <= day, "dayOfYear<=" + day);
  }

  /**
   * Exactly the given dates.
   *
   * @throws IllegalArgumentException if {@code dates} is empty
   */
  public static HolidayRule dates(Collection<LocalDate> dates) {
    Objects.requireNonNull(dates, "dates");
    if (dates.isEmpty()) {
      throw new IllegalArgumentException("dates: empty (expected: at least one date)");
    }
    Set<LocalDate> set = new TreeSet<>();
    for (LocalDate d : dates) {
      set.add(Objects.requireNonNull(d, "dates contains null"));
    }
    Set<LocalDate> frozen = Set.copyOf(set);
    return new HolidayRule(frozen::contains, "dates" + List.copyOf(set));
  }

  /** Dates that this rule or {@code other} marks. */
  public HolidayRule or(HolidayRule other) {
    Objects.requireNonNull(other, "other");
    Predicate<LocalDate> mine = test;
    Predicate<LocalDate> theirs = other.test;
    return new HolidayRule(d -> mine.test(d) || theirs.test(d), "(" + spec + "|" + other.spec + ")");
  }

  /** Whether {@code date} is a holiday. */
  public boolean test(LocalDate date) {
    return test.test(Objects.requireNonNull(date, "date"));
  }

  /** The canonical text of the rule, such as {@code (dayOfYear>=360|dayOfYear<=12)}. */
  public String spec() {
    return spec;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HolidayRule && ((HolidayRule) o).spec.equals(spec);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  @Override
  public String toString() {
    return "HolidayRule" + spec;
  }
}
