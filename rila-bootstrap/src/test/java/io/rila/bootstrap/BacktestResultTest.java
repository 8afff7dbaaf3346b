package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rila.core.frame.Frame;
import org.junit.jupiter.api.Test;

class BacktestResultTest {

  /**
   * Cutoffs 10..14, windows of 2: {10, 11}, {12, 13}, {14}. Actuals 1..5, forecasts (1, 3, 3, 3,
   * 6), medians (1, 3, 3, 3, 6.5), naive (0, 1, 2, 3, 4); the 0.9 band is [0.5, 1.5], [2.5, 3.5],
   * [3, 3], [3.5, 4.5], [6, 7], so actuals 1, 3 and 4 are inside (3 on both ends).
   */
  private static BacktestResult handBuilt() {
    return new BacktestResult(10, 15, new double[] {0.9}, 1, "naive(lag 1)", 2,
        new double[] {1, 2, 3, 4, 5},
        new double[] {1, 3, 3, 3, 6},
        new double[] {1, 3, 3, 3, 6.5},
        new double[] {0, 1, 2, 3, 4},
        new double[][] {{0.5, 2.5, 3, 3.5, 6}},
        new double[][] {{1.5, 3.5, 3, 4.5, 7}});
  }

  @Test
  void windows_consecutiveBlocksWithAShortLastOne() {
    BacktestResult r = handBuilt();
    assertThat(r.size()).isEqualTo(5);
    assertThat(r.windows()).isEqualTo(3);
    assertThat(r.windowLength()).isEqualTo(2);
    assertThat(r.windowStart(0)).isEqualTo(10);
    assertThat(r.windowEnd(0)).isEqualTo(12);
    assertThat(r.windowStart(2)).isEqualTo(14);
    assertThat(r.windowEnd(2)).isEqualTo(15);
  }

  /**
   * All cutoffs: errors (0, -1, 0, 1, -1), SS_res = 3, SS_tot = 10: R^2 = 0.7, RMSE = sqrt(0.6),
   * MAE = 0.6, MAPE = (0 + 1/2 + 0 + 1/4 + 1/5) / 5 = 0.19. Naive: every error is 1: R^2 = 0.5, RMSE
   * = MAE = 1, MAPE = (1 + 1/2 + 1/3 + 1/4 + 1/5) / 5.
   */
  @Test
  void metrics_handComputed() {
    BacktestResult r = handBuilt();
    ForecastMetrics m = r.metrics();
    assertThat(m.count()).isEqualTo(5);
    assertThat(m.r2()).isCloseTo(0.7, within(1e-15));
    assertThat(m.rmse()).isCloseTo(Math.sqrt(0.6), within(1e-15));
    assertThat(m.mae()).isCloseTo(0.6, within(1e-15));
    assertThat(m.mape()).isCloseTo(0.19, within(1e-15));
    ForecastMetrics n = r.naiveMetrics();
    assertThat(n.r2()).isCloseTo(0.5, within(1e-15));
    assertThat(n.rmse()).isEqualTo(1.0);
    assertThat(n.mae()).isEqualTo(1.0);
    assertThat(n.mape()).isCloseTo((1 + 0.5 + 1.0 / 3 + 0.25 + 0.2) / 5, within(1e-15));
    // window 0: actuals (1, 2), forecasts (1, 3): SS_res = 1, SS_tot = 0.5, R^2 = -1
    ForecastMetrics w0 = r.metrics(0);
    assertThat(w0.count()).isEqualTo(2);
    assertThat(w0.r2()).isCloseTo(-1.0, within(1e-15));
    assertThat(w0.mape()).isCloseTo(0.25, within(1e-15));
    assertThat(r.naiveMetrics(2).mae()).isEqualTo(1.0);
    assertThat(r.metrics(2).count()).isEqualTo(1);
  }

  @Test
  void coverage_countsEndsAsInside() {
    BacktestResult r = handBuilt();
    assertThat(r.coverage(0.9)).isCloseTo(0.6, within(1e-15));
    assertThat(r.coverage(0.9, 0)).isEqualTo(0.5);
    assertThat(r.coverage(0.9, 1)).isEqualTo(1.0);
    assertThat(r.coverage(0.9, 2)).isEqualTo(0.0);
  }

  @Test
  void accessors_returnCopies() {
    BacktestResult r = handBuilt();
    r.forecasts()[0] = 99;
    r.lower(0.9)[0] = 99;
    r.bands()[0] = 0.1;
    assertThat(r.forecasts()[0]).isEqualTo(1.0);
    assertThat(r.lower(0.9)[0]).isEqualTo(0.5);
    assertThat(r.upper(0.9)).containsExactly(1.5, 3.5, 3, 4.5, 7);
    assertThat(r.actuals()).containsExactly(1, 2, 3, 4, 5);
    assertThat(r.naiveForecasts()).containsExactly(0, 1, 2, 3, 4);
    assertThat(r.bands()).containsExactly(0.9);
    assertThat(r.naiveLag()).isEqualTo(1);
    assertThat(r.start()).isEqualTo(10);
    assertThat(r.end()).isEqualTo(15);
  }

  @Test
  void table_oneLinePerWindowAndTotal() {
    String table = handBuilt().table();
    String[] lines = table.split("\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[0]).startsWith("cutoffs").contains("naive MAPE %").endsWith("cover 0.900");
    assertThat(lines[1]).startsWith("10..11").endsWith("0.500");
    assertThat(lines[3]).startsWith("14..14");
    assertThat(lines[4]).startsWith("all 10..14").contains("0.700").contains("19.00")
        .endsWith("0.600");
    assertThat(handBuilt().toString()).startsWith("BacktestResult[cutoffs 10..14");
  }

  @Test
  void accessors_badInput() {
    BacktestResult r = handBuilt();
    assertThatThrownBy(() -> r.coverage(0.95))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("band: 0.95 (expected: one of [0.9])");
    assertThatThrownBy(() -> r.lower(0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("band: 0.5");
    assertThatThrownBy(() -> r.upper(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("band: NaN");
    assertThatThrownBy(() -> r.metrics(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window: 3 (expected: 0 <= window < 3)");
    assertThatThrownBy(() -> r.naiveMetrics(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window: -1");
    assertThatThrownBy(() -> r.coverage(0.9, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window: 5");
    assertThatThrownBy(() -> r.windowStart(3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window: 3");
    assertThatThrownBy(() -> r.windowEnd(-2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window: -2");
  }

  @Test
  void toFrame_oneRowPerCutoff() {
    Frame f = handBuilt().toFrame();
    assertThat(f.columnNames()).containsExactly("cutoff", "actual", "forecast", "benchmark",
        "lower_0.9", "upper_0.9");
    assertThat(f.column("cutoff")).containsExactly(10, 11, 12, 13, 14);
    assertThat(f.column("actual")).containsExactly(1, 2, 3, 4, 5);
    assertThat(f.column("forecast")).containsExactly(1, 3, 3, 3, 6);
    assertThat(f.column("benchmark")).containsExactly(0, 1, 2, 3, 4);
    assertThat(f.column("lower_0.9")).containsExactly(0.5, 2.5, 3, 3.5, 6);
    assertThat(f.column("upper_0.9")).containsExactly(1.5, 3.5, 3, 4.5, 7);
  }
}
