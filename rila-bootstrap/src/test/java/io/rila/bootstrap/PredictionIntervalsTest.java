package io.rila.bootstrap;

import static io.rila.bootstrap.IntervalsFixture.NEW;
import static io.rila.bootstrap.IntervalsFixture.W;
import static io.rila.bootstrap.IntervalsFixture.X;
import static io.rila.bootstrap.IntervalsFixture.Y;
import static io.rila.bootstrap.IntervalsFixture.ensemble;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The conformal methods against the papers' formulas written out here: the out-of-bag sets come
 * from {@link NaiveBootstrap.Stream} (each member's rows drawn again, a draw of weight zero
 * replaced by the next), every member's prediction is computed in double from its stored
 * coefficients, the out-of-bag prediction of row i is the mean over the members whose rows miss
 * i, and the quantiles are order statistics of sorted copies (Kim, Xu and Barber 2020; Xu and Xie
 * 2021) or the weighted quantile of Barber et al. 2023 evaluated point by point. None of it uses
 * the production out-of-bag sums, the aggregated coefficients or the production sort.
 */
class PredictionIntervalsTest {

  /** What the formulas need, computed independently of the production code. */
  private static final class Reference {
    final int n;
    final int members;
    final boolean[][] outOfBag;
    final double[][] coefficients;
    final double[] z;
    final double[] oob;
    final double[] residuals;

    Reference(EnsembleModel model, double[][] x, double[] y, double[] weights) {
      n = x.length;
      members = model.estimators();
      Resampling resampling = model.resampling();
      boolean probability = resampling.kind() == Resampling.Kind.SKLEARN
          && resampling.sklearnWeighting() == SklearnWeighting.PROBABILITY && weights != null;
      outOfBag = new boolean[members][n];
      coefficients = new double[members][model.features() + 1];
      for (int k = 0; k < members; k++) {
        NaiveBootstrap.Stream stream =
            new NaiveBootstrap.Stream(resampling, model.seed(), k, members, n, weights);
        int[] rows = stream.next();
        while (total(rows, probability ? null : weights) == 0) {
          rows = stream.next();
        }
        Arrays.fill(outOfBag[k], true);
        for (int r : rows) {
          outOfBag[k][r] = false;
        }
        model.coefficients().copyMember(k, coefficients[k]);
      }
      z = new double[n];
      oob = new double[n];
      residuals = new double[n];
      for (int i = 0; i < n; i++) {
        z[i] = model.targetTransform().apply(y[i]);
        oob[i] = looPrediction(i, x[i]);
        residuals[i] = Double.isNaN(oob[i]) ? Double.POSITIVE_INFINITY : Math.abs(z[i] - oob[i]);
      }
    }

    private static double total(int[] rows, double[] weights) {
      double sum = 0;
      for (int r : rows) {
        sum += weights == null ? 1.0 : weights[r];
      }
      return sum;
    }

    /** Member k's prediction on the model's scale, in double. */
    double member(int k, double[] row) {
      double[] c = coefficients[k];
      double v = c[row.length];
      for (int j = 0; j < row.length; j++) {
        v += c[j] * row[j];
      }
      return v;
    }

    /** mu_-i(row): the mean of the members that left row i out, NaN if none did. */
    double looPrediction(int i, double[] row) {
      double sum = 0;
      int count = 0;
      for (int k = 0; k < members; k++) {
        if (outOfBag[k][i]) {
          sum += member(k, row);
          count++;
        }
      }
      return count == 0 ? Double.NaN : sum / count;
    }

    int outOfBagCount(int i) {
      int count = 0;
      for (int k = 0; k < members; k++) {
        if (outOfBag[k][i]) {
          count++;
        }
      }
      return count;
    }
  }

  /** ceil(level (n + 1)) with the documented 1e-12 slack. */
  private static int rank(double level, int n) {
    return (int) Math.ceil(level * (n + 1) * (1 - 1e-12));
  }

  /** The k-th smallest (1-based) of values, +infinity past n, -infinity below 1. */
  private static double orderStatistic(double[] values, int k) {
    if (k > values.length) {
      return Double.POSITIVE_INFINITY;
    }
    if (k < 1) {
      return Double.NEGATIVE_INFINITY;
    }
    double[] s = values.clone();
    Arrays.sort(s);
    return s[k - 1];
  }

  /**
   * Barber et al.'s weighted quantile: the level-quantile of sum_i w~_i delta(v_i) + w~_new
   * delta(+infinity), w~ = w / (sum w + 1), as inf { t : F(t) >= level }, F evaluated at every
   * candidate t by summing over all values.
   */
  private static double weightedQuantile(double[] v, double[] w, double level) {
    double total = 1;
    for (double x : w) {
      total += x;
    }
    double best = Double.POSITIVE_INFINITY;
    for (double t : v) {
      double f = 0;
      for (int i = 0; i < v.length; i++) {
        if (v[i] <= t) {
          f += w[i] / total;
        }
      }
      if (f >= level * (1 - 1e-12) && t < best) {
        best = t;
      }
    }
    return best;
  }

  private static double[] decayWeights(int n, double decay) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = Math.pow(decay, n - i);
    }
    return w;
  }

  private static double[] negated(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = -v[i];
    }
    return out;
  }

  private static void assertClose(double actual, double expected) {
    if (Double.isInfinite(expected) || expected == -1.0) {
      assertThat(actual).isEqualTo(expected);
    } else {
      assertThat(SharedRelative.error(actual, expected)).as("%s vs %s", actual, expected)
          .isLessThan(1e-12);
    }
  }

  /** J+aB: [ (n+1-k)-th smallest of mu_-i(x) - R_i, k-th smallest of mu_-i(x) + R_i ]. */
  @Test
  void jackknifePlusAfterBootstrap_matchesTheFormula() {
    List<EnsembleModel> models = List.of(
        ensemble(150).build().fit(X, Y, W),
        ensemble(90).resampling(Resampling.movingBlock(4)).build().fit(X, Y, W),
        ensemble(80, TargetTransform.LOG1P)
            .resampling(Resampling.sklearnCompatible(7, SklearnWeighting.PROBABILITY))
            .precision(Precision.DOUBLE).build().fit(X, Y, W));
    for (EnsembleModel model : models) {
      Reference ref = new Reference(model, X, Y, W);
      for (double level : new double[] {0.8, 0.9, 0.95}) {
        for (double decay : new double[] {1.0, 0.9}) {
          CalibratedIntervals cal = PredictionIntervals.jackknifePlusAfterBootstrap(level)
              .withDecay(decay).calibrate(model, X, Y, W);
          for (int i = 0; i < ref.n; i++) {
            assertThat(cal.outOfBagMembers()[i]).isEqualTo(ref.outOfBagCount(i));
            assertClose(cal.outOfBagPredictions()[i], ref.oob[i]);
            assertClose(cal.residuals()[i], ref.residuals[i]);
          }
          double[] lower = new double[NEW.length];
          double[] upper = new double[NEW.length];
          cal.intervals(NEW, lower, upper);
          for (int r = 0; r < NEW.length; r++) {
            double[] up = new double[ref.n];
            double[] down = new double[ref.n];
            for (int i = 0; i < ref.n; i++) {
              double m = ref.looPrediction(i, NEW[r]);
              up[i] = m + ref.residuals[i];
              down[i] = m - ref.residuals[i];
            }
            double hi;
            double lo;
            if (decay == 1.0) {
              int k = rank(level, ref.n);
              hi = orderStatistic(up, k);
              lo = orderStatistic(down, ref.n + 1 - k);
            } else {
              double[] w = decayWeights(ref.n, decay);
              hi = weightedQuantile(up, w, level);
              lo = -weightedQuantile(negated(down), w, level);
            }
            assertClose(upper[r], Math.expm1(hi));
            assertClose(lower[r], Math.expm1(lo));
            PredictionInterval one = cal.interval(NEW[r]);
            assertThat(one.lower()).isEqualTo(lower[r]);
            assertThat(one.upper()).isEqualTo(upper[r]);
            assertThat(one.level()).isEqualTo(level);
          }
        }
      }
    }
  }

  /**
   * EnbPI: centre = mean over i of mu_-i(x), half width = k-th smallest residual (weighted with a
   * decay); each update drops the oldest residual and appends |z - centre(x)|.
   */
  @Test
  void enbpi_matchesTheFormulaThroughUpdates() {
    EnsembleModel model = ensemble(120).build().fit(X, Y, W);
    Reference ref = new Reference(model, X, Y, W);
    double[] newY = {1.8, 2.4, 3.1, 0.9, 2.0, 2.6};
    for (double level : new double[] {0.8, 0.9, 0.95}) {
      for (double decay : new double[] {1.0, 0.95}) {
        CalibratedIntervals cal =
            PredictionIntervals.enbpi(level).withDecay(decay).calibrate(model, X, Y, W);
        List<Double> window = new ArrayList<>();
        for (double r : ref.residuals) {
          window.add(r);
        }
        for (int r = 0; r < NEW.length; r++) {
          double centre = 0;
          for (int i = 0; i < ref.n; i++) {
            centre += ref.looPrediction(i, NEW[r]);
          }
          centre /= ref.n;
          double[] res = window.stream().mapToDouble(Double::doubleValue).toArray();
          double q = decay == 1.0 ? orderStatistic(res, rank(level, ref.n))
              : weightedQuantile(res, decayWeights(ref.n, decay), level);
          PredictionInterval got = cal.interval(NEW[r]);
          assertClose(got.lower(), Math.expm1(centre - q));
          assertClose(got.upper(), Math.expm1(centre + q));
          assertClose(cal.center(NEW[r]), Math.expm1(centre));
          double[] current = cal.residuals();
          for (int i = 0; i < res.length; i++) {
            assertClose(current[i], res[i]);
          }

          cal = cal.update(NEW[r], newY[r]);
          window.remove(0);
          window.add(Math.abs(Math.log1p(newY[r]) - centre));
          double[] expected = window.stream().mapToDouble(Double::doubleValue).toArray();
          double[] actual = cal.residuals();
          for (int i = 0; i < expected.length; i++) {
            assertClose(actual[i], expected[i]);
          }
        }
      }
    }
  }

  /**
   * With 3 members, rows that every member drew have no out-of-bag prediction: their residual is
   * +infinity (they stay in n), and with too few finite terms for the level the ends are the
   * transform's edges (-1 for LOG1P, +infinity).
   */
  @Test
  void calibrate_rowsWithoutOutOfBagMembersCountAsInfinite() {
    double[][] x = Arrays.copyOf(X, 12);
    double[] y = Arrays.copyOf(Y, 12);
    EnsembleModel model = ensemble(3).build().fit(x, y);
    Reference ref = new Reference(model, x, y, null);
    CalibratedIntervals cal =
        PredictionIntervals.jackknifePlusAfterBootstrap(0.8).calibrate(model, x, y);
    int missing = 0;
    for (int i = 0; i < 12; i++) {
      assertThat(cal.outOfBagMembers()[i]).isEqualTo(ref.outOfBagCount(i));
      if (ref.outOfBagCount(i) == 0) {
        missing++;
        assertThat(cal.residuals()[i]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(cal.outOfBagPredictions()[i]).isNaN();
      }
    }
    assertThat(missing).as("seed chosen so that some row is in every draw").isPositive();
    double[] up = new double[12];
    double[] down = new double[12];
    for (int i = 0; i < 12; i++) {
      double m = ref.looPrediction(i, NEW[0]);
      up[i] = Double.isNaN(m) ? Double.POSITIVE_INFINITY : m + ref.residuals[i];
      down[i] = Double.isNaN(m) ? Double.NEGATIVE_INFINITY : m - ref.residuals[i];
    }
    int k = rank(0.8, 12);
    PredictionInterval got = cal.interval(NEW[0]);
    assertClose(got.upper(), Math.expm1(orderStatistic(up, k)));
    assertClose(got.lower(), Math.expm1(orderStatistic(down, 13 - k)));

    PredictionInterval wide =
        PredictionIntervals.enbpi(0.95).calibrate(model, x, y).interval(NEW[0]);
    assertThat(wide.upper()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(wide.lower()).isEqualTo(-1.0);
    assertThat(wide.contains(1e300)).isTrue();
  }

  /** ceil(0.95 x 13) = 13 > 12: the upper end is the new row's own mass at +infinity. */
  @Test
  void interval_levelBeyondTheCalibrationRows() {
    double[][] x = Arrays.copyOf(X, 12);
    double[] y = Arrays.copyOf(Y, 12);
    EnsembleModel model = ensemble(200).build().fit(x, y);
    PredictionInterval jab =
        PredictionIntervals.jackknifePlusAfterBootstrap(0.95).calibrate(model, x, y)
            .interval(NEW[1]);
    assertThat(jab.upper()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(jab.lower()).isEqualTo(-1.0);
    PredictionInterval finite =
        PredictionIntervals.jackknifePlusAfterBootstrap(0.9).calibrate(model, x, y)
            .interval(NEW[1]);
    assertThat(finite.upper()).isFinite();
    assertThat(finite.lower()).isGreaterThan(-1.0);
  }

  /** Each transform: the model-scale ends of the formula, mapped back with its inverse. */
  @Test
  void interval_backTransformFollowsTheModel() {
    for (TargetTransform t : TargetTransform.values()) {
      EnsembleModel model = ensemble(100, t).seed(4).build().fit(X, Y);
      Reference ref = new Reference(model, X, Y, null);
      CalibratedIntervals cal = PredictionIntervals.enbpi(0.9).calibrate(model, X, Y);
      double q = orderStatistic(ref.residuals, rank(0.9, ref.n));
      double centre = 0;
      for (int i = 0; i < ref.n; i++) {
        centre += ref.looPrediction(i, NEW[2]);
      }
      centre /= ref.n;
      PredictionInterval got = cal.interval(NEW[2]);
      double lo = centre - q;
      double hi = centre + q;
      double[] expected = t == TargetTransform.IDENTITY ? new double[] {lo, hi}
          : t == TargetTransform.LOG ? new double[] {Math.exp(lo), Math.exp(hi)}
          : new double[] {Math.expm1(lo), Math.expm1(hi)};
      assertClose(got.lower(), expected[0]);
      assertClose(got.upper(), expected[1]);
    }
  }

  /**
   * Independent rows (y = 1 + x . beta + N(0, 1), 60 rows, 100 members, 400 replications): the
   * 90% J+aB and EnbPI intervals cover a new row's actual value about 90% of the time (Monte Carlo
   * standard error 1.5 points; bounds at 3.5 of them), the members' 90% percentile band far less.
   */
  @Test
  void interval_coversNewActualsOnIndependentData() {
    Random random = new Random(99);
    int reps = 400;
    int n = 60;
    int jab = 0;
    int enbpi = 0;
    int band = 0;
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder().estimators(100)
        .alpha(1.0).seed(3).build();
    for (int r = 0; r < reps; r++) {
      double[][] x = new double[n + 1][3];
      double[] y = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        for (int j = 0; j < 3; j++) {
          x[i][j] = random.nextGaussian();
        }
        y[i] = 1 + x[i][0] - 0.5 * x[i][1] + 0.25 * x[i][2] + random.nextGaussian();
      }
      double[][] train = Arrays.copyOf(x, n);
      double[] target = Arrays.copyOf(y, n);
      EnsembleModel model = ensemble.fit(train, target);
      if (PredictionIntervals.jackknifePlusAfterBootstrap(0.9).calibrate(model, train, target)
          .interval(x[n]).contains(y[n])) {
        jab++;
      }
      if (PredictionIntervals.enbpi(0.9).calibrate(model, train, target).interval(x[n])
          .contains(y[n])) {
        enbpi++;
      }
      Summary s = model.predict(x[n], 0.05, 0.95);
      if (y[n] >= s.quantileAt(0) && y[n] <= s.quantileAt(1)) {
        band++;
      }
    }
    assertThat(jab / (double) reps).isBetween(0.85, 0.95);
    assertThat(enbpi / (double) reps).isBetween(0.85, 0.95);
    assertThat(band / (double) reps).isLessThan(0.5);
  }

  /** A model fitted on log(y) directly calibrates on log(y) to the same intervals. */
  @Test
  void calibrateTransformed_equalsCalibrateOnTheOwnScale() {
    BootstrapRidgeEnsemble e = ensemble(80, TargetTransform.LOG).seed(6).build();
    double[] z = new double[Y.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.log(Y[i]);
    }
    EnsembleModel own = e.fit(X, Y, W);
    EnsembleModel stored = e.fitTransformed(X, z, W);
    assertThat(stored.coefficients()).isEqualTo(own.coefficients());
    PredictionIntervals m = PredictionIntervals.jackknifePlusAfterBootstrap(0.9);
    CalibratedIntervals a = m.calibrate(own, X, Y, W);
    CalibratedIntervals b = m.calibrateTransformed(stored, X, z, W);
    for (double[] row : NEW) {
      assertThat(b.interval(row)).isEqualTo(a.interval(row));
    }
    EnsembleModel unweighted = e.fitTransformed(X, z);
    assertThat(m.calibrateTransformed(unweighted, X, z).interval(NEW[0]))
        .isEqualTo(m.calibrate(e.fit(X, Y), X, Y).interval(NEW[0]));
    double[] bad = z.clone();
    bad[2] = Double.NaN;
    assertThatThrownBy(() -> m.calibrateTransformed(unweighted, X, bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y[2]: NaN (expected: finite, on the model's scale)");
    assertThatThrownBy(() -> m.calibrateTransformed(unweighted, X, z, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("weights");
  }

  @Test
  void factories_badValues() {
    for (double bad : new double[] {0.0, 1.0, -0.1, Double.NaN}) {
      assertThatThrownBy(() -> PredictionIntervals.jackknifePlusAfterBootstrap(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level: " + bad);
      assertThatThrownBy(() -> PredictionIntervals.enbpi(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level: ");
    }
    for (double bad : new double[] {0.0, 1.01, Double.NaN}) {
      assertThatThrownBy(() -> PredictionIntervals.enbpi(0.9).withDecay(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decay: " + bad);
    }
  }

  @Test
  void calibrate_badInput() {
    EnsembleModel model = ensemble(30).build().fit(X, Y);
    PredictionIntervals m = PredictionIntervals.enbpi(0.9);
    assertThatThrownBy(() -> m.calibrate(null, X, Y)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("model");
    assertThatThrownBy(() -> m.calibrate(model, null, Y)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("x");
    assertThatThrownBy(() -> m.calibrate(model, X, null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("y");
    assertThatThrownBy(() -> m.calibrate(model, X, Y, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("weights");
    assertThatThrownBy(() -> m.calibrate(model, Arrays.copyOf(X, 30), Arrays.copyOf(Y, 30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x: 30 rows (expected: 36");
    double[][] narrow = new double[36][2];
    assertThatThrownBy(() -> m.calibrate(model, narrow, Y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 2 columns");
    double[][] nan = X.clone();
    nan[4] = X[4].clone();
    nan[4][1] = Double.NaN;
    assertThatThrownBy(() -> m.calibrate(model, nan, Y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 4, column 1");
    assertThatThrownBy(() -> m.calibrate(model, X, Arrays.copyOf(Y, 35)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: length 35");
    double[] outside = Y.clone();
    outside[7] = -2;
    assertThatThrownBy(() -> m.calibrate(model, X, outside))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[7]: -2.0");
    double[] negative = W.clone();
    negative[3] = -1;
    assertThatThrownBy(() -> m.calibrate(model, X, Y, negative))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[3]");
    assertThatThrownBy(() -> m.calibrate(model, X, Y, new double[36]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all zero");
  }

  @Test
  void settings_equalityAndText() {
    assertThat(PredictionIntervals.enbpi(0.9).withDecay(0.98))
        .isEqualTo(PredictionIntervals.enbpi(0.9).withDecay(0.98))
        .hasSameHashCodeAs(PredictionIntervals.enbpi(0.9).withDecay(0.98))
        .isNotEqualTo(PredictionIntervals.enbpi(0.9))
        .hasToString("enbpi(0.9).withDecay(0.98)");
    assertThat(PredictionIntervals.jackknifePlusAfterBootstrap(0.8))
        .hasToString("jackknifePlusAfterBootstrap(0.8)")
        .isNotEqualTo(PredictionIntervals.enbpi(0.8));
    assertThat(PredictionIntervals.enbpi(0.9).decay()).isEqualTo(1.0);
    assertThat(PredictionIntervals.enbpi(0.9).method())
        .isEqualTo(PredictionIntervals.Method.ENBPI);
  }

  @Test
  void interval_namedRowEqualsThePositionalRow() {
    Random random = new Random(12);
    double[][] x = NaiveBootstrap.matrix(random, 40, 2);
    double[] y = NaiveBootstrap.target(random, x);
    double[] a = new double[40];
    double[] b = new double[40];
    for (int i = 0; i < 40; i++) {
      a[i] = x[i][0];
      b[i] = x[i][1];
    }
    Frame frame = Frame.newBuilder().column("a", a)
        .column("b", b).column("y", y).build();
    EnsembleModel model = BootstrapRidgeEnsemble.newBuilder().estimators(60).seed(2).build()
        .fit(frame, "y", List.of("b", "a"));
    double[][] rows = new double[40][];
    for (int i = 0; i < 40; i++) {
      rows[i] = new double[] {b[i], a[i]};
    }
    CalibratedIntervals c = PredictionIntervals.jackknifePlusAfterBootstrap(0.9)
        .calibrate(model, rows, y);
    assertThat(c.interval(Map.of("a", 0.5, "b", -1.0)))
        .isEqualTo(c.interval(new double[] {-1.0, 0.5}));
    assertThatThrownBy(() -> c.interval(Map.of("a", 0.5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no value for [b]");
  }
}
