package io.rila.bootstrap;

import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What {@link BacktestTest} and {@link BacktestIntervalsTest} share: frame columns from a matrix,
 * and the alternative setup of docs/backtest.md on the real weekly data (not the production
 * recipe, which is {@link ProductionForecastTest}'s): weeks from 2022-04-01 without holiday
 * weeks, log1p of {@code sales_target_current}, the own rate and both competitor aggregates
 * negated, non-negative i.i.d. members with seed 42, weights {@code 0.98^(age in weeks)}
 * re-anchored at every cutoff, first forecast after 30 weeks, last week's target as the
 * benchmark, windows of 26 cutoffs.
 */
final class BacktestFixture {

  static final List<String> ALTERNATIVE_FEATURES = List.of(
      "prudential_rate_current", "competitor_mid_t2_negated", "competitor_top5_t3_negated");

  private BacktestFixture() {}

  /** Column {@code j} of a row-major matrix. */
  static double[] column(double[][] x, int j) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i][j];
    }
    return out;
  }

  static double[] negated(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = -values[i];
    }
    return out;
  }

  /** The alternative setup's rows (185 weeks), with the negated competitor columns added. */
  static Frame alternativeFrame() throws IOException {
    Frame weekly = FrameCsv.defaults().read(SharedData.dataFile("final_weekly_dataset.csv"));
    LocalDate first = LocalDate.of(2022, 4, 1);
    Frame kept = weekly.filterRows(
        i -> !weekly.date(i).isBefore(first) && weekly.get(i, "holiday") == 0);
    return kept
        .withColumn("competitor_mid_t2_negated", negated(kept.column("competitor_mid_t2")))
        .withColumn("competitor_top5_t3_negated", negated(kept.column("competitor_top5_t3")));
  }

  /** Each row's week, counted from the first row's date. */
  static int[] weeks(Frame data) {
    int[] weeks = new int[data.rows()];
    for (int i = 0; i < weeks.length; i++) {
      weeks[i] = (int) (ChronoUnit.DAYS.between(data.date(0), data.date(i)) / 7);
    }
    return weeks;
  }

  static BootstrapRidgeEnsemble alternativeEnsemble(int members) {
    return BootstrapRidgeEnsemble.newBuilder()
        .estimators(members).alpha(1.0).seed(42).nonNegative(true)
        .targetTransform(TargetTransform.LOG1P).build();
  }

  /** The alternative setup's backtest settings on {@code data}, bands 0.95 and 0.80. */
  static Backtest.Builder alternativeBacktest(Frame data, int members) {
    return Backtest.newBuilder().ensemble(alternativeEnsemble(members)).start(30)
        .weights(CutoffWeights.decay(0.98, weeks(data))).bands(0.95, 0.80).naiveLag(1)
        .windowLength(26);
  }
}
