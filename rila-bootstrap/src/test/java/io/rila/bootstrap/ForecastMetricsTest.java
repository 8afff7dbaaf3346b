package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

  /**
   * By hand: errors y - f = (-0.5, 0, 1, -1), squares sum 2.25, ybar = 2.5, SS_tot = 5, so R^2 =
   * 0.55, RMSE = sqrt(2.25 / 4) = 0.75, MAE = 2.5 / 4 = 0.625 and MAPE = (1/2 + 0 + 1/3 + 1/4) / 4
   * = 13/48.
   */
  @Test
  void of_handComputedSeries() {
    ForecastMetrics m = ForecastMetrics.of(new double[] {1, 2, 3, 4}, new double[] {1.5, 2, 2, 5});
    assertThat(m.count()).isEqualTo(4);
    assertThat(m.r2()).isCloseTo(0.55, within(1e-15));
    assertThat(m.rmse()).isCloseTo(0.75, within(1e-15));
    assertThat(m.mae()).isCloseTo(0.625, within(1e-15));
    assertThat(m.mape()).isCloseTo(13.0 / 48.0, within(1e-15));
  }

  /** Forecasting the mean gives R^2 = 0; worse than the mean gives a negative R^2. */
  @Test
  void of_r2RelativeToTheMean() {
    double[] y = {1, 2, 3};
    assertThat(ForecastMetrics.of(y, new double[] {2, 2, 2}).r2()).isEqualTo(0.0);
    // errors (-2, 0, 2): SS_res = 8, SS_tot = 2, R^2 = 1 - 4 = -3
    assertThat(ForecastMetrics.of(y, new double[] {3, 2, 1}).r2()).isCloseTo(-3.0, within(1e-15));
    assertThat(ForecastMetrics.of(y, y).r2()).isEqualTo(1.0);
  }

  /** scikit-learn's force_finite: constant actuals give 1 for a perfect forecast, else 0. */
  @Test
  void of_constantActuals() {
    double[] y = {2, 2};
    assertThat(ForecastMetrics.of(y, new double[] {2, 2}).r2()).isEqualTo(1.0);
    assertThat(ForecastMetrics.of(y, new double[] {2, 3}).r2()).isEqualTo(0.0);
    ForecastMetrics single = ForecastMetrics.of(new double[] {5}, new double[] {4});
    assertThat(single.r2()).isEqualTo(0.0);
    assertThat(single.mae()).isEqualTo(1.0);
    assertThat(single.mape()).isCloseTo(0.2, within(1e-16));
  }

  /** A zero actual divides by numpy's eps = 2^-52, as scikit-learn does. */
  @Test
  void of_zeroActualUsesEpsilon() {
    ForecastMetrics m = ForecastMetrics.of(new double[] {0, 1}, new double[] {1, 1});
    assertThat(m.mape()).isEqualTo(Math.pow(2, 52) / 2);
  }

  @Test
  void of_badInput() {
    double[] ok = {1, 2};
    assertThatThrownBy(() -> ForecastMetrics.of(null, ok))
        .isInstanceOf(NullPointerException.class).hasMessage("actuals");
    assertThatThrownBy(() -> ForecastMetrics.of(ok, null))
        .isInstanceOf(NullPointerException.class).hasMessage("forecasts");
    assertThatThrownBy(() -> ForecastMetrics.of(new double[0], new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actuals: empty");
    assertThatThrownBy(() -> ForecastMetrics.of(ok, new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("forecasts: length 3 (expected: 2");
    assertThatThrownBy(() -> ForecastMetrics.of(new double[] {1, Double.NaN}, ok))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actuals[1]: NaN");
    assertThatThrownBy(() -> ForecastMetrics.of(ok, new double[] {Double.NEGATIVE_INFINITY, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("forecasts[0]: -Infinity");
  }

  @Test
  void equals_byValue() {
    ForecastMetrics a = ForecastMetrics.of(new double[] {1, 2, 3}, new double[] {1, 2, 4});
    ForecastMetrics b = ForecastMetrics.of(new double[] {1, 2, 3}, new double[] {1, 2, 4});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(ForecastMetrics.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}));
    assertThat(a.toString()).startsWith("ForecastMetrics[n=3, r2=");
  }
}
