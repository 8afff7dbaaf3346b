package io.rila.features.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CentredRowsTest {

  private static final double[][] X = {{1, 2}, {3, 4}, {5, 0}};
  private static final double[] Y = {1, 2, 6};
  private static final double[] W = {1, 1, 2};

  @Test
  void of_weightedMeansAndScaledRows() {
    // by hand: sum w = 4, mu = (14 / 4, 6 / 4), ybar = 15 / 4
    CentredRows c = CentredRows.of(X, Y, W, null, false);
    assertThat(c.wsum).isEqualTo(4.0);
    assertThat(c.mu).containsExactly(3.5, 1.5);
    assertThat(c.ybar).isEqualTo(3.75);
    double r = Math.sqrt(2);
    assertThat(c.x).containsExactly(
        new double[] {-2.5, 0.5, -0.5, 2.5, 1.5 * r, -1.5 * r}, within(1e-15));
    assertThat(c.y).containsExactly(new double[] {-2.75, -1.75, 2.25 * r}, within(1e-15));
  }

  @Test
  void of_sumToRowsRescalesWeightsNotMeans() {
    CentredRows c = CentredRows.of(X, Y, W, null, true);
    assertThat(c.sw).containsExactly(0.75, 0.75, 1.5);
    assertThat(c.wsum).isEqualTo(3.0);
    assertThat(c.mu).containsExactly(3.5, 1.5);
    assertThat(c.y[2]).isCloseTo(Math.sqrt(1.5) * 2.25, within(1e-15));
  }

  @Test
  void of_subsetOfRowsInGivenOrder() {
    CentredRows c = CentredRows.of(X, Y, null, new int[] {2, 0}, true);
    assertThat(c.n).isEqualTo(2);
    assertThat(c.sw).containsExactly(1.0, 1.0);
    assertThat(c.mu).containsExactly(3.0, 1.0);
    assertThat(c.ybar).isEqualTo(3.5);
    assertThat(c.x).containsExactly(2, -1, -2, 1);
    assertThat(c.y).containsExactly(2.5, -2.5);
  }
}
