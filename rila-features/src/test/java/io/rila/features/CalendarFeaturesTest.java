package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CalendarFeaturesTest {

  static final HolidayRule YEAR_END =
      HolidayRule.dayOfYearAtLeast(360).or(HolidayRule.dayOfYearAtMost(12));

  @Test
  void apply_reproducesFinalDatasetCalendarColumns() throws IOException {
    Frame expected = FrameCsv.defaults().read(SharedData.dataFile("final_weekly_dataset.csv"));
    Frame out = CalendarFeatures.newBuilder()
        .year("y").quarter("q").month("m").dayOfYear("doy").holiday("h", YEAR_END)
        .build()
        .apply(expected.select("Prudential"));
    assertThat(out.column("y")).containsExactly(expected.column("year"));
    assertThat(out.column("q")).containsExactly(expected.column("quarter"));
    assertThat(out.column("m")).containsExactly(expected.column("month"));
    assertThat(out.column("doy")).containsExactly(expected.column("day_of_year"));
    assertThat(out.column("h")).containsExactly(expected.column("holiday"));
    double flagged = 0;
    for (double v : out.column("h")) {
      flagged += v;
    }
    assertThat(flagged).isEqualTo(10);
  }

  @Test
  void apply_computesFromDates() {
    Frame f = Frame.newBuilder()
        .index(LocalDate.of(2024, 12, 31), LocalDate.of(2025, 4, 6))
        .build();
    Frame out = CalendarFeatures.newBuilder().dayOfYear("doy").quarter("q")
        .holiday("h", HolidayRule.dates(java.util.List.of(LocalDate.of(2025, 4, 6))))
        .build().apply(f);
    assertThat(out.columnNames()).containsExactly("doy", "q", "h");
    assertThat(out.column("doy")).containsExactly(366, 96);
    assertThat(out.column("q")).containsExactly(4, 2);
    assertThat(out.column("h")).containsExactly(0, 1);
  }

  @Test
  void apply_badInput() {
    CalendarFeatures step = CalendarFeatures.newBuilder().year("y").build();
    assertThatThrownBy(() -> step.apply(Frame.newBuilder().column("x", new double[1]).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input: has no date index");
    assertThatThrownBy(() -> step.apply(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> CalendarFeatures.newBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no outputs");
    assertThatThrownBy(() -> CalendarFeatures.newBuilder().year("a").month("a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name: 'a' is already an output");
    assertThatThrownBy(() -> CalendarFeatures.newBuilder().year(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> CalendarFeatures.newBuilder().holiday("h", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("rule");
  }

  @Test
  void spec_includesRule() {
    assertThat(CalendarFeatures.newBuilder().holiday("h", YEAR_END).build().spec())
        .isEqualTo("CalendarFeatures/1{HOLIDAY:\"h\":(dayOfYear>=360|dayOfYear<=12)}");
  }
}
