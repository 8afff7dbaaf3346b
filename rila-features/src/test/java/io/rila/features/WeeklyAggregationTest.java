package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeeklyAggregationTest {

  private static final double NAN = Double.NaN;
  /** A Friday. */
  private static final LocalDate FRI = LocalDate.of(2021, 1, 1);

  /** Fri Jan 1 .. Tue Jan 12 2021, without Jan 4 .. 10 except Jan 10 (Sunday). */
  private static Frame daily() {
    List<LocalDate> dates = new ArrayList<>();
    for (int d : new int[] {0, 1, 2, 9, 10, 11}) {
      dates.add(FRI.plusDays(d));
    }
    return Frame.newBuilder()
        .index(dates)
        .column("rate", new double[] {1, 2, NAN, 4, 5, 7})
        .column("sales", new double[] {10, 20, 30, NAN, 1, 2})
        .column("yield", new double[] {NAN, 3, NAN, 6, NAN, NAN})
        .build();
  }

  @Test
  void apply_labelsSundaysAndAppliesRules() {
    Frame out = WeeklyAggregation.newBuilder()
        .rule(Aggregation.SUM, "sales")
        .rule(Aggregation.LAST, "yield")
        .build()
        .apply(daily());
    assertThat(out.dates())
        .containsExactly(LocalDate.of(2021, 1, 3), LocalDate.of(2021, 1, 10),
            LocalDate.of(2021, 1, 17));
    assertThat(out.columnNames()).containsExactly("rate", "sales", "yield");
    assertThat(out.column("rate")).containsExactly(1.5, 4, 6);
    assertThat(out.column("sales")).containsExactly(60, 0, 3);
    assertThat(out.column("yield")).containsExactly(3, 6, NAN);
  }

  @Test
  void apply_emptyWeeksAndOtherWeekEnd() {
    Frame sparse = daily().filterRows(i -> i != 3);
    Frame out = WeeklyAggregation.newBuilder()
        .weekEnd(DayOfWeek.SATURDAY)
        .defaultRule(Aggregation.FIRST)
        .rule(Aggregation.SUM, "sales")
        .build()
        .apply(sparse);
    // Saturday weeks: Jan 2 (Fri 1, Sat 2), Jan 9 (Sun 3 only), Jan 16 (Mon 11, Tue 12)
    assertThat(out.dates())
        .containsExactly(LocalDate.of(2021, 1, 2), LocalDate.of(2021, 1, 9),
            LocalDate.of(2021, 1, 16));
    assertThat(out.column("rate")).containsExactly(1, NAN, 5);
    assertThat(out.column("sales")).containsExactly(30, 30, 3);
  }

  @Test
  void apply_sumIsCompensated() {
    List<LocalDate> dates = new ArrayList<>();
    double[] v = new double[7];
    for (int i = 0; i < 7; i++) {
      dates.add(LocalDate.of(2021, 1, 4).plusDays(i));
      v[i] = i % 2 == 0 ? 1e16 : 1.0;
    }
    v[6] = -3e16;
    Frame f = Frame.newBuilder().index(dates).column("v", v).build();
    double sum = WeeklyAggregation.newBuilder().rule(Aggregation.SUM, "v").build().apply(f)
        .get(0, "v");
    assertThat(sum).isEqualTo(3.0);
  }

  @Test
  void weekOf_isFirstWeekEndOnOrAfter() {
    WeeklyAggregation sunday = WeeklyAggregation.newBuilder().build();
    assertThat(sunday.weekOf(LocalDate.of(2021, 1, 3))).isEqualTo(LocalDate.of(2021, 1, 3));
    assertThat(sunday.weekOf(LocalDate.of(2021, 1, 4))).isEqualTo(LocalDate.of(2021, 1, 10));
    assertThat(sunday.weekOf(FRI)).isEqualTo(LocalDate.of(2021, 1, 3));
  }

  @Test
  void apply_badInput() {
    WeeklyAggregation step = WeeklyAggregation.newBuilder().build();
    assertThatThrownBy(() -> step.apply(daily().withoutIndex()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input: has no date index");
    assertThatThrownBy(() -> step.apply(daily().rowRange(0, 0)))
        .hasMessageContaining("input: 0 rows");
    Frame unsorted = daily().withIndex(
        List.of(FRI, FRI.plusDays(2), FRI.plusDays(1), FRI.plusDays(9), FRI.plusDays(10),
            FRI.plusDays(11)));
    assertThatThrownBy(() -> step.apply(unsorted))
        .hasMessageContaining("row 2 has date 2021-01-02, earlier than row 1");
    assertThatThrownBy(() -> WeeklyAggregation.newBuilder().rule(Aggregation.SUM, "nope").build()
            .apply(daily()))
        .hasMessageContaining("'nope' not found");
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> WeeklyAggregation.newBuilder().rule(Aggregation.SUM, "a")
            .rule(Aggregation.LAST, "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' already has rule SUM");
    assertThatThrownBy(() -> WeeklyAggregation.newBuilder().rule(Aggregation.SUM))
        .hasMessageContaining("columns: no names");
    assertThatThrownBy(() -> WeeklyAggregation.newBuilder().rule(null, "a"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("rule");
    assertThatThrownBy(() -> WeeklyAggregation.newBuilder().weekEnd(DayOfWeek.MONDAY)
            .weekEnd(DayOfWeek.MONDAY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("weekEnd was already set to MONDAY");
    assertThatThrownBy(() -> WeeklyAggregation.newBuilder().defaultRule(Aggregation.SUM)
            .defaultRule(Aggregation.SUM))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void spec_listsRules() {
    assertThat(WeeklyAggregation.newBuilder().rule(Aggregation.SUM, "s").build().spec())
        .isEqualTo("WeeklyAggregation/1{weekEnd=SUNDAY,default=MEAN,rules=[\"s\":SUM]}");
  }
}
