package io.rila.bootstrap;

import static io.rila.bootstrap.IntervalsFixture.NEW;
import static io.rila.bootstrap.IntervalsFixture.W;
import static io.rila.bootstrap.IntervalsFixture.X;
import static io.rila.bootstrap.IntervalsFixture.Y;
import static io.rila.bootstrap.IntervalsFixture.ensemble;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link CalibratedIntervals} adds to a calibration: scenario rows, other settings from one
 * calibration, EnbPI updates and bad input. The intervals themselves are checked against the
 * papers' formulas in {@link PredictionIntervalsTest}.
 */
class CalibratedIntervalsTest {

  /** A scenario's interval is the interval of the baseline with the override applied. */
  @Test
  void scenarioIntervals_areIntervalsOfTheScenarioRows() {
    EnsembleModel model = ensemble(100).build().fit(X, Y);
    CalibratedIntervals cal =
        PredictionIntervals.jackknifePlusAfterBootstrap(0.9).calibrate(model, X, Y);
    List<PredictionInterval> got = cal.scenarioIntervals(NEW[0], Scenario.sweep("x1", 0.5, 2.0));
    double[] row = NEW[0].clone();
    row[1] = 0.5;
    assertThat(got.get(0)).isEqualTo(cal.interval(row));
    row[1] = 2.0;
    assertThat(got.get(1)).isEqualTo(cal.interval(row));
    assertThat(got.get(1).upper()).isNotEqualTo(got.get(0).upper());
  }

  /** with(other) gives exactly what calibrating with other gives; not J+aB after an update. */
  @Test
  void with_equalsCalibratingWithTheOtherSettings() {
    EnsembleModel model = ensemble(60).build().fit(X, Y, W);
    CalibratedIntervals base = PredictionIntervals.enbpi(0.9).calibrate(model, X, Y, W);
    for (PredictionIntervals other : List.of(
        PredictionIntervals.jackknifePlusAfterBootstrap(0.8),
        PredictionIntervals.jackknifePlusAfterBootstrap(0.95).withDecay(0.9),
        PredictionIntervals.enbpi(0.8).withDecay(0.97))) {
      CalibratedIntervals direct = other.calibrate(model, X, Y, W);
      CalibratedIntervals derived = base.with(other);
      assertThat(derived.settings()).isEqualTo(other);
      for (double[] row : NEW) {
        assertThat(derived.interval(row)).isEqualTo(direct.interval(row));
      }
    }
    CalibratedIntervals updated = base.update(NEW[0], 2.0);
    assertThat(updated.with(PredictionIntervals.enbpi(0.8)).residuals())
        .isEqualTo(updated.residuals());
    assertThatThrownBy(() -> updated.with(PredictionIntervals.jackknifePlusAfterBootstrap(0.9)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("updated");
    assertThatThrownBy(() -> base.with(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void update_jackknifePlusIsRefused() {
    EnsembleModel model = ensemble(50).build().fit(X, Y);
    CalibratedIntervals cal =
        PredictionIntervals.jackknifePlusAfterBootstrap(0.9).calibrate(model, X, Y);
    assertThatThrownBy(() -> cal.update(NEW[0], 2.0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("update").hasMessageContaining("enbpi");
    CalibratedIntervals e = PredictionIntervals.enbpi(0.9).calibrate(model, X, Y);
    assertThatThrownBy(() -> e.update(NEW[0], -1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actual: -1.0");
    assertThatThrownBy(() -> e.update(new double[2], 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row: length 2");
  }

  @Test
  void intervals_badInput() {
    EnsembleModel model = ensemble(30).build().fit(X, Y);
    CalibratedIntervals cal = PredictionIntervals.enbpi(0.9).calibrate(model, X, Y);
    assertThatThrownBy(() -> cal.interval((double[]) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cal.interval(new double[] {1, Double.POSITIVE_INFINITY, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row[1] (x1)");
    assertThatThrownBy(() -> cal.intervals(new double[0][], new double[1], new double[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows: 0 rows");
    assertThatThrownBy(() -> cal.intervals(NEW, new double[2], new double[6]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower/upper");
    assertThatThrownBy(() -> cal.intervals(new double[][] {{1, 2}}, new double[1], new double[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows[0]: length 2");
    assertThatThrownBy(() -> cal.scenarioIntervals(NEW[0], List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scenarios: empty");
    assertThatThrownBy(() -> cal.scenarioIntervals(NEW[0], List.of(Scenario.of("s")
        .set("nope", 1.0)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void center_badInput() {
    CalibratedIntervals cal =
        PredictionIntervals.enbpi(0.9).calibrate(ensemble(30).build().fit(X, Y), X, Y);
    assertThatThrownBy(() -> cal.center(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cal.center(new double[] {Double.NaN, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row[0] (x0): NaN");
    assertThatThrownBy(() -> cal.scenarioIntervals(null, Scenario.sweep("x1", 1.0)))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("baselineRow");
    assertThatThrownBy(() -> cal.scenarioIntervals(NEW[0], null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("scenarios");
    assertThat(cal.toString()).isEqualTo("CalibratedIntervals[enbpi(0.9), 36 residuals, LOG1P]");
    assertThat(cal.size()).isEqualTo(36);
  }
}
