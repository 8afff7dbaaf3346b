package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowFilterTest {

  private static final LocalDate D = LocalDate.of(2024, 1, 7);

  private static Frame sample() {
    return Frame.newBuilder()
        .index(D, D.plusWeeks(1), D.plusWeeks(2), D.plusWeeks(3), D.plusWeeks(4))
        .column("v", new double[] {0, 1, 2, Double.NaN, 4})
        .column("holiday", new double[] {0, 1, 0, 0, Double.NaN})
        .build();
  }

  @Test
  void apply_dateRangeIsInclusive() {
    Frame out = RowFilter.newBuilder().from(D.plusWeeks(1)).to(D.plusWeeks(3)).build()
        .apply(sample());
    assertThat(out.column("v")).containsExactly(1, 2, Double.NaN);
    assertThat(out.dates()).containsExactly(D.plusWeeks(1), D.plusWeeks(2), D.plusWeeks(3));
  }

  @Test
  void apply_excludedDatesFlagsAndMissing() {
    Frame out = RowFilter.newBuilder()
        .excludeDates(List.of(D))
        .excludeFlagged("holiday")
        .dropMissing("v")
        .build()
        .apply(sample());
    assertThat(out.column("v")).containsExactly(2, 4);
    Frame flagsOnly = RowFilter.newBuilder().excludeFlagged("holiday").build()
        .apply(sample().withoutIndex());
    assertThat(flagsOnly.column("v")).containsExactly(0, 2, Double.NaN, 4);
  }

  @Test
  void apply_badInput() {
    assertThatThrownBy(() -> RowFilter.newBuilder().from(D).build()
            .apply(sample().withoutIndex()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input: has no date index");
    assertThatThrownBy(() -> RowFilter.newBuilder().dropMissing("x").build().apply(sample()))
        .hasMessageContaining("'x' not found");
    assertThatThrownBy(() -> RowFilter.newBuilder().excludeFlagged("x").build().apply(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> RowFilter.newBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no condition");
    assertThatThrownBy(() -> RowFilter.newBuilder().from(D).to(D.minusDays(1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to: 2024-01-06 (expected: on or after from, 2024-01-07)");
    assertThatThrownBy(() -> RowFilter.newBuilder().from(D).from(D))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("from was already set");
    assertThatThrownBy(() -> RowFilter.newBuilder().excludeDates(List.of()))
        .hasMessageContaining("excludeDates: empty");
    assertThatThrownBy(() -> RowFilter.newBuilder().excludeFlagged())
        .hasMessageContaining("excludeFlagged: no names");
    assertThatThrownBy(() -> RowFilter.newBuilder().dropMissing("a").dropMissing("b"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void spec_namesConditions() {
    assertThat(RowFilter.newBuilder().from(D).excludeFlagged("holiday").build().spec())
        .isEqualTo(
            "RowFilter/1{from=2024-01-07,to=null,exclude=[],flags=[\"holiday\"],dropMissing=[]}");
  }
}
