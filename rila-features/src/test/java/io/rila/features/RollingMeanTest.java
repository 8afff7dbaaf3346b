package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollingMeanTest {

  private static final double NAN = Double.NaN;
  private static final LocalDate D = LocalDate.of(2024, 1, 1);

  /** Days 0, 1, 2, 5, 6 (a gap of two days). */
  private static Frame sample() {
    return Frame.newBuilder()
        .index(D, D.plusDays(1), D.plusDays(2), D.plusDays(5), D.plusDays(6))
        .column("x", new double[] {1, 2, NAN, 4, 8})
        .column("y", new double[] {1, 1, 1, 1, 1})
        .build();
  }

  @Test
  void apply_dayWindowCoversCalendarDays() {
    Frame out = RollingMean.newBuilder().windowDays(3).columns("x").build().apply(sample());
    // windows: {0}, {0,1}, {0,1,2}, {5} (days 3..5), {5,6}
    assertThat(out.column("x")).containsExactly(1, 1.5, 1.5, 4, 6);
    assertThat(out.column("y")).containsExactly(1, 1, 1, 1, 1);
  }

  @Test
  void apply_rowWindowAndMinPeriods() {
    Frame out = RollingMean.newBuilder().windowRows(3).minPeriods(2).suffix("_ma3").build()
        .apply(sample().withoutIndex());
    assertThat(out.columnNames()).containsExactly("x", "y", "x_ma3", "y_ma3");
    // windows of rows: {1}, {1,2}, {1,2,NaN}, {2,NaN,4}, {NaN,4,8}
    assertThat(out.column("x_ma3")).containsExactly(NAN, 1.5, 1.5, 3, 6);
    assertThat(out.column("x")).containsExactly(1, 2, NAN, 4, 8);
  }

  @Test
  void apply_matchesBruteForceMeanOfPresentValues() {
    double[] v = new double[40];
    LocalDate[] dates = new LocalDate[40];
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    LocalDate day = D;
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextInt(4) == 0 ? NAN : random.nextDouble() * 100;
      day = day.plusDays(1 + random.nextInt(3));
      dates[i] = day;
    }
    Frame f = Frame.newBuilder().index(dates).column("v", v).build();
    double[] got = RollingMean.newBuilder().windowDays(7).minPeriods(2).build().apply(f)
        .column("v");
    for (int i = 0; i < v.length; i++) {
      double sum = 0;
      int count = 0;
      for (int j = 0; j <= i; j++) {
        if (!dates[j].isBefore(dates[i].minusDays(6)) && !Double.isNaN(v[j])) {
          sum += v[j];
          count++;
        }
      }
      if (count < 2) {
        assertThat(got[i]).isNaN();
      } else {
        assertThat(got[i]).isCloseTo(sum / count, org.assertj.core.data.Offset.offset(1e-12));
      }
    }
  }

  @Test
  void apply_badInput() {
    assertThatThrownBy(() -> RollingMean.newBuilder().windowDays(2).build()
            .apply(sample().withoutIndex()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input: has no date index");
    assertThatThrownBy(() -> RollingMean.newBuilder().windowRows(2).columns("q").build()
            .apply(sample()))
        .hasMessageContaining("'q' not found");
    Frame duplicate = sample().withIndex(List.of(D, D, D.plusDays(2), D.plusDays(5),
        D.plusDays(6)));
    assertThatThrownBy(() -> RollingMean.newBuilder().windowRows(2).build().apply(duplicate))
        .hasMessageContaining("a duplicate of row 0");
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> RollingMean.newBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no window");
    assertThatThrownBy(() -> RollingMean.newBuilder().windowDays(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("windowDays: 0 (expected: >= 1)");
    assertThatThrownBy(() -> RollingMean.newBuilder().windowRows(-1))
        .hasMessageContaining("windowRows: -1");
    assertThatThrownBy(() -> RollingMean.newBuilder().windowDays(7).windowRows(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("window was already set to 7 days");
    assertThatThrownBy(() -> RollingMean.newBuilder().minPeriods(0))
        .hasMessageContaining("minPeriods: 0");
    assertThatThrownBy(() -> RollingMean.newBuilder().windowRows(3).minPeriods(4).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minPeriods: 4 (expected: <= the window, 3)");
    assertThatThrownBy(() -> RollingMean.newBuilder().suffix(""))
        .hasMessageContaining("suffix");
    assertThatThrownBy(() -> RollingMean.newBuilder().suffix("_a").suffix("_b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("suffix was already set to _a");
  }

  @Test
  void spec_namesWindow() {
    assertThat(RollingMean.newBuilder().windowDays(7).build().spec())
        .isEqualTo("RollingMean/1{window=7days,minPeriods=1,columns=all,suffix=\"\"}");
  }
}
