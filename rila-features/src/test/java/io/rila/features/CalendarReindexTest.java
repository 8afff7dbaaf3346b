package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarReindexTest {

  private static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);

  /** Rows on Jan 2, Jan 4 (with a missing cell) and Jan 5. */
  private static Frame gappy() {
    return Frame.newBuilder()
        .index(JAN1.plusDays(1), JAN1.plusDays(3), JAN1.plusDays(4))
        .column("a", new double[] {1, 2, 3})
        .column("b", new double[] {10, Double.NaN, 30})
        .build();
  }

  @Test
  void apply_defaultRangeFillsGapsWithNan() {
    Frame out = CalendarReindex.newBuilder().build().apply(gappy());
    assertThat(out.dates())
        .containsExactly(JAN1.plusDays(1), JAN1.plusDays(2), JAN1.plusDays(3), JAN1.plusDays(4));
    assertThat(out.column("a")).containsExactly(1, Double.NaN, 2, 3);
    assertThat(out.column("b")).containsExactly(10, Double.NaN, Double.NaN, 30);
  }

  @Test
  void apply_explicitRangeDropsOutsideAndPadsEdges() {
    Frame out = CalendarReindex.newBuilder().from(JAN1).to(JAN1.plusDays(3)).build()
        .apply(gappy());
    assertThat(out.rows()).isEqualTo(4);
    assertThat(out.date(0)).isEqualTo(JAN1);
    assertThat(out.column("a")).containsExactly(Double.NaN, 1, Double.NaN, 2);
  }

  @Test
  void apply_extendLastRowRepeatsItAfterTheEndOnly() {
    Frame out = CalendarReindex.newBuilder().from(JAN1).to(JAN1.plusDays(6)).extendLastRow()
        .build().apply(gappy().rowRange(0, 2));
    assertThat(out.column("a")).containsExactly(Double.NaN, 1, Double.NaN, 2, 2, 2, 2);
    assertThat(out.column("b"))
        .containsExactly(Double.NaN, 10, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);
    Frame late = CalendarReindex.newBuilder().from(JAN1.plusDays(10)).to(JAN1.plusDays(11))
        .extendLastRow().build().apply(gappy());
    assertThat(late.column("a")).containsExactly(3, 3);
  }

  @Test
  void apply_badInput() {
    CalendarReindex step = CalendarReindex.newBuilder().build();
    assertThatThrownBy(() -> step.apply(gappy().withoutIndex()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input: has no date index");
    assertThatThrownBy(() -> step.apply(gappy().rowRange(0, 0)))
        .hasMessageContaining("input: 0 rows");
    assertThatThrownBy(() -> step.apply(
            gappy().withIndex(List.of(JAN1, JAN1.plusDays(5), JAN1.plusDays(2)))))
        .hasMessageContaining("row 2 has date 2024-01-03, earlier than row 1");
    assertThatThrownBy(() -> step.apply(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CalendarReindex.newBuilder().to(JAN1).build()
            .apply(gappy()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to: 2024-01-01 (expected: on or after from, 2024-01-02)");
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> CalendarReindex.newBuilder().from(JAN1).from(JAN1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("from was already set to 2024-01-01");
    assertThatThrownBy(() -> CalendarReindex.newBuilder().to(JAN1).to(JAN1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CalendarReindex.newBuilder().extendLastRow().extendLastRow())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CalendarReindex.newBuilder().from(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(() -> CalendarReindex.newBuilder().from(JAN1).to(JAN1.minusDays(1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to: 2023-12-31");
  }

  @Test
  void spec_namesSettings() {
    assertThat(CalendarReindex.newBuilder().from(JAN1).extendLastRow().build().spec())
        .isEqualTo("CalendarReindex/1{from=2024-01-01,to=null,extendLastRow=true}");
  }
}
