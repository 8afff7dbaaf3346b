package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CoverageResultTest {

  /**
   * Four replications, the mean response and one coefficient. Mean response: truths 1, 2, 3, 4 in
   * [0, 2], [2, 3], [3.5, 5], [0, 3]: covered twice (2 on the lower end). Coefficient (truth 0.5):
   * [0.4, 0.6], [0.5, 0.5], [0.6, 1], [-1, 0.7]: covered three times.
   */
  private static CoverageResult handBuilt() {
    return new CoverageResult(0.9, 50, Resampling.poisson(),
        new double[][] {{0, 2, 3.5, 0}, {0.4, 0.5, 0.6, -1}},
        new double[][] {{2, 3, 5, 3}, {0.6, 0.5, 1, 0.7}},
        new double[][] {{1, 2, 3, 4}, {0.5, 0.5, 0.5, 0.5}});
  }

  @Test
  void coverage_countsIntervalsContainingTheTruth() {
    CoverageResult r = handBuilt();
    assertThat(r.replications()).isEqualTo(4);
    assertThat(r.features()).isEqualTo(1);
    assertThat(r.coverage()).isEqualTo(0.5);
    assertThat(r.coefficientCoverage(0)).isEqualTo(0.75);
    // widths (2, 1, 1.5, 3) and (0.2, 0, 0.4, 1.7)
    assertThat(r.meanWidth()).isCloseTo(7.5 / 4, within(1e-15));
    assertThat(r.coefficientMeanWidth(0)).isCloseTo(2.3 / 4, within(1e-15));
  }

  /** Binomial: sqrt(0.5 * 0.5 / 4) = 0.25 and sqrt(0.75 * 0.25 / 4) = sqrt(3) / 8. */
  @Test
  void standardError_binomial() {
    CoverageResult r = handBuilt();
    assertThat(r.standardError()).isCloseTo(0.25, within(1e-15));
    assertThat(r.coefficientStandardError(0)).isCloseTo(Math.sqrt(3) / 8, within(1e-15));
    assertThat(CoverageResult.standardError(1.0, 200)).isEqualTo(0.0);
    assertThat(CoverageResult.standardError(0.95, 200)).isCloseTo(0.01541, within(1e-5));
  }

  @Test
  void accessors_settingsAndText() {
    CoverageResult r = handBuilt();
    assertThat(r.level()).isEqualTo(0.9);
    assertThat(r.estimators()).isEqualTo(50);
    assertThat(r.resampling()).isEqualTo(Resampling.poisson());
    assertThat(r.toString()).isEqualTo("CoverageResult[poisson() x 50 members, 4 replications, "
        + "0.9: mean 0.500 +- 0.250, b0 0.750 +- 0.217]");
  }

  @Test
  void coefficient_badIndex() {
    CoverageResult r = handBuilt();
    assertThatThrownBy(() -> r.coefficientCoverage(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature: 1 (expected: 0 <= feature < 1)");
    assertThatThrownBy(() -> r.coefficientStandardError(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature: -1");
    assertThatThrownBy(() -> r.coefficientMeanWidth(2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature: 2");
  }
}
