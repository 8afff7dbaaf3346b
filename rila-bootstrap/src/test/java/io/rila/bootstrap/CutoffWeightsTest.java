package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class CutoffWeightsTest {

  /** numpy 2.4: {@code (0.98 ** (191 - np.arange(191) - 1))[0]} and {@code [30]}. */
  private static final double NUMPY_098_POW_190 = 0.021525556177446156;

  private static final double NUMPY_098_POW_160 = 0.03946136563891706;

  @Test
  void equal_givesNoWeights() {
    assertThat(CutoffWeights.equal().at(5, 6)).isNull();
    assertThat(CutoffWeights.equal()).hasToString("equal()");
  }

  @Test
  void fixed_usesThePrefix() {
    double[] w = {0.5, 0.0, 2.0, 1.0};
    CutoffWeights fixed = CutoffWeights.fixed(w);
    w[0] = 99;
    assertThat(fixed.at(3, 4)).containsExactly(0.5, 0.0, 2.0);
    assertThat(fixed).hasToString("fixed(4 weights)");
  }

  /**
   * rate^(N - 1 - i) over the whole data, the same at every cutoff: numpy's 0.98 ** (n - k - 1)
   * for n = 191 rows, as the production forecasting stage computes it once; the values are
   * numpy 2.4's, printed with repr.
   */
  @Test
  void fixedDecay_anchoredAtTheLastRowOfTheData() {
    CutoffWeights w = CutoffWeights.fixedDecay(0.5);
    assertThat(w.at(3, 5)).containsExactly(1.0 / 16, 1.0 / 8, 1.0 / 4);
    assertThat(w.at(2, 5)).containsExactly(1.0 / 16, 1.0 / 8);
    assertThat(w).hasToString("fixedDecay(0.5)");
    double[] production = CutoffWeights.fixedDecay(0.98).at(190, 191);
    assertThat(production[189]).isEqualTo(0.98);
    assertThat(production[0]).isEqualTo(NUMPY_098_POW_190);
    assertThat(production[30]).isEqualTo(NUMPY_098_POW_160);
  }

  /** rate^(c - i): at cutoff 3 the rows 0, 1, 2 are 3, 2 and 1 rows old. */
  @Test
  void decay_anchoredAtTheCutoff() {
    assertThat(CutoffWeights.decay(0.5).at(3, 4)).containsExactly(0.125, 0.25, 0.5);
    assertThat(CutoffWeights.decay(0.5).at(1, 4)).containsExactly(0.5);
    assertThat(CutoffWeights.decay(1.0).at(2, 4)).containsExactly(1.0, 1.0);
  }

  /** rate^(periods[c] - periods[i]): a dropped period still ages the older rows. */
  @Test
  void decay_withPeriodsCountsDroppedPeriods() {
    CutoffWeights w = CutoffWeights.decay(0.5, new int[] {0, 1, 3, 4});
    assertThat(w.at(3, 4)).containsExactly(1.0 / 16, 1.0 / 8, 1.0 / 2);
    assertThat(w.at(2, 4)).containsExactly(1.0 / 8, 1.0 / 4);
    assertThat(w).hasToString("decay(0.5, periods)");
  }

  /**
   * The production training matrix (152 rows: the weekly frame from 2022-09-04 to 2025-09-14 less 7
   * holiday weeks) has weight 0.99^(159 - k) for frame row k. Ages in weeks since 2022-09-04,
   * anchored at the next kept week (2025-09-21, week 159), give exactly those weights.
   */
  @Test
  void decay_reproducesTheProductionWeights() throws IOException {
    Frame weekly = FrameCsv.defaults().read(SharedData.dataFile("final_weekly_dataset.csv"));
    Frame matrix = FrameCsv.defaults().read(SharedData.dataFile("inference_training_matrix.csv"));
    LocalDate first = LocalDate.of(2022, 9, 4);
    Frame kept = weekly.filterRows(
        i -> !weekly.date(i).isBefore(first) && weekly.get(i, "holiday") == 0);
    int[] weeks = new int[kept.rows()];
    for (int i = 0; i < weeks.length; i++) {
      weeks[i] = (int) (ChronoUnit.DAYS.between(first, kept.date(i)) / 7);
    }
    double[] expected = matrix.column("weight");
    double[] frameRow = matrix.column("row_in_filtered");
    assertThat(expected).hasSize(152);
    for (int i = 0; i < 152; i++) {
      assertThat(kept.date(i)).isEqualTo(matrix.date(i));
      assertThat(weeks[i]).isEqualTo((int) frameRow[i]);
    }
    assertThat(weeks[152]).isEqualTo(159);
    double[] actual = CutoffWeights.decay(0.99, weeks).at(152, weeks.length);
    for (int i = 0; i < 152; i++) {
      assertThat(SharedData.relativeError(actual[i], expected[i])).as("row %d", i)
          .isLessThan(1e-13);
    }
  }

  @Test
  void check_lengthMustMatchTheData() {
    assertThatThrownBy(() -> CutoffWeights.fixed(new double[] {1, 1}).check(3, 1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights: length 2 (expected: 3");
    assertThatThrownBy(() -> CutoffWeights.decay(0.9, new int[] {1, 2}).check(3, 1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("periods: length 2 (expected: 3");
    assertThatThrownBy(() -> CutoffWeights.fixed(new double[] {0, 0, 1, 1}).check(4, 2, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights: rows 0 .. 1 all weigh 0");
    CutoffWeights.fixed(new double[] {0, 0, 1, 1}).check(4, 3, 4);
    CutoffWeights.decay(0.9).check(7, 2, 7);
  }

  @Test
  void fixed_badInput() {
    assertThatThrownBy(() -> CutoffWeights.fixed(null))
        .isInstanceOf(NullPointerException.class).hasMessage("weights");
    assertThatThrownBy(() -> CutoffWeights.fixed(new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: empty");
    assertThatThrownBy(() -> CutoffWeights.fixed(new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]: NaN");
    assertThatThrownBy(() -> CutoffWeights.fixed(new double[] {-1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[0]: -1.0");
    assertThatThrownBy(() -> CutoffWeights.fixed(new double[] {Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights[0]: Infinity");
  }

  @Test
  void decay_badInput() {
    for (double rate : new double[] {0, -0.5, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> CutoffWeights.decay(rate))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rate: " + rate + " (expected: 0 < rate <= 1)");
      assertThatThrownBy(() -> CutoffWeights.fixedDecay(rate))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rate: " + rate + " (expected: 0 < rate <= 1)");
    }
    assertThatThrownBy(() -> CutoffWeights.decay(0.9, null))
        .isInstanceOf(NullPointerException.class).hasMessage("periods");
    assertThatThrownBy(() -> CutoffWeights.decay(0.9, new int[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("periods: empty");
    assertThatThrownBy(() -> CutoffWeights.decay(0.9, new int[] {0, 2, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("periods[2]: 2 (expected: > periods[1] = 2");
    assertThatThrownBy(() -> CutoffWeights.decay(2, new int[] {0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate: 2.0");
  }
}
