package io.rila.bootstrap;

import static io.rila.bootstrap.BacktestFixture.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class BacktestTest {

  private static final Random DATA = new Random(11);
  private static final double[][] X = NaiveBootstrap.matrix(DATA, 48, 3);
  private static final double[] Y = positive(NaiveBootstrap.target(DATA, X));

  /** exp(0.3 z): a positive target, so that LOG and LOG1P apply. */
  private static double[] positive(double[] z) {
    double[] y = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      y[i] = Math.exp(0.3 * z[i]);
    }
    return y;
  }

  private static BootstrapRidgeEnsemble.Builder ensemble() {
    return BootstrapRidgeEnsemble.newBuilder().estimators(120).alpha(0.5).seed(9)
        .targetTransform(TargetTransform.LOG1P);
  }

  private static BootstrapRidgeEnsemble small() {
    return BootstrapRidgeEnsemble.newBuilder().estimators(10).alpha(0.5).seed(9)
        .targetTransform(TargetTransform.LOG1P).build();
  }

  private static Backtest.Builder backtest(BootstrapRidgeEnsemble ensemble) {
    return Backtest.newBuilder().ensemble(ensemble).start(20);
  }

  /**
   * The forecast at cutoff c is the template fitted directly on rows 0 .. c - 1 with the weights
   * 0.97^(c - i) (written out here), predicting row c: same mean and band ends, bit for bit.
   */
  @Test
  void run_forecastsEqualADirectFitOnThePrefix() {
    List<BootstrapRidgeEnsemble> templates = List.of(
        ensemble().build(),
        ensemble().nonNegative(true).resampling(Resampling.movingBlock(4)).build(),
        BootstrapRidgeEnsemble.newBuilder().estimators(80)
            .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY))
            .precision(Precision.DOUBLE).build());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (BootstrapRidgeEnsemble template : templates) {
        BacktestResult r = backtest(template).end(27).weights(CutoffWeights.decay(0.97))
            .bands(0.9, 0.5).executor(pool).build().run(X, Y);
        assertThat(r.size()).isEqualTo(7);
        for (int c = 20; c < 27; c++) {
          double[] w = new double[c];
          for (int i = 0; i < c; i++) {
            w[i] = StrictMath.pow(0.97, c - i);
          }
          EnsembleModel direct =
              template.fit(Arrays.copyOf(X, c), Arrays.copyOf(Y, c), w);
          double lo90 = (1 - 0.9) / 2;
          double lo50 = (1 - 0.5) / 2;
          double hi90 = (1 + 0.9) / 2;
          double hi50 = (1 + 0.5) / 2;
          Summary s = direct.predict(X[c], lo90, lo50, hi90, hi50);
          int i = c - 20;
          assertThat(r.forecasts()[i]).as("%s cutoff %d", template, c).isEqualTo(s.mean());
          assertThat(r.lower(0.9)[i]).isEqualTo(s.quantile(lo90));
          assertThat(r.upper(0.9)[i]).isEqualTo(s.quantile(hi90));
          assertThat(r.lower(0.5)[i]).isEqualTo(s.quantile(lo50));
          assertThat(r.upper(0.5)[i]).isEqualTo(s.quantile(hi50));
          assertThat(r.actuals()[i]).isEqualTo(Y[c]);
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Equal weights fit without sample weights, and fixed weights use the given prefix. */
  @Test
  void run_equalAndFixedWeightsMatchDirectFits() {
    BootstrapRidgeEnsemble template = ensemble().build();
    double[] w = NaiveBootstrap.weights(new Random(3), X.length);
    BacktestResult equal = backtest(template).end(23).build().run(X, Y);
    BacktestResult fixed =
        backtest(template).end(23).weights(CutoffWeights.fixed(w)).build().run(X, Y);
    for (int c = 20; c < 23; c++) {
      double[][] x = Arrays.copyOf(X, c);
      double[] y = Arrays.copyOf(Y, c);
      assertThat(equal.forecasts()[c - 20]).isEqualTo(template.fit(x, y).predict(X[c]).mean());
      assertThat(fixed.forecasts()[c - 20])
          .isEqualTo(template.fit(x, y, Arrays.copyOf(w, c)).predict(X[c]).mean());
    }
  }

  @Test
  void run_naiveForecastIsTheValueLagRowsBack() {
    BootstrapRidgeEnsemble small = BootstrapRidgeEnsemble.newBuilder().estimators(10).build();
    BacktestResult r = backtest(small).naiveLag(3).build().run(X, Y);
    assertThat(r.end()).isEqualTo(X.length);
    assertThat(r.naiveLag()).isEqualTo(3);
    double[] naive = r.naiveForecasts();
    for (int c = 20; c < X.length; c++) {
      assertThat(naive[c - 20]).isEqualTo(Y[c - 3]);
    }
  }

  /** Metrics, windows and coverage are those of the stored forecasts, counted independently. */
  @Test
  void run_metricsAreThoseOfTheForecasts() {
    BacktestResult r = backtest(ensemble().build()).windowLength(10).bands(0.8).build().run(X, Y);
    double[] a = r.actuals();
    double[] f = r.forecasts();
    assertThat(r.metrics()).isEqualTo(ForecastMetrics.of(a, f));
    assertThat(r.naiveMetrics()).isEqualTo(ForecastMetrics.of(a, r.naiveForecasts()));
    assertThat(r.windows()).isEqualTo(3);
    assertThat(r.metrics(2)).isEqualTo(
        ForecastMetrics.of(Arrays.copyOfRange(a, 20, 28), Arrays.copyOfRange(f, 20, 28)));
    double[] lo = r.lower(0.8);
    double[] hi = r.upper(0.8);
    int inside = 0;
    for (int i = 0; i < a.length; i++) {
      assertThat(lo[i]).isLessThanOrEqualTo(hi[i]);
      if (lo[i] <= a[i] && a[i] <= hi[i]) {
        inside++;
      }
    }
    assertThat(r.coverage(0.8)).isEqualTo((double) inside / a.length);
  }

  @Test
  void run_sameResultOnEveryExecutor() {
    BootstrapRidgeEnsemble template = ensemble().resampling(Resampling.poisson()).build();
    ExecutorService fixed = Executors.newFixedThreadPool(3);
    ForkJoinPool forkJoin = new ForkJoinPool(2);
    try {
      BacktestResult inline = backtest(template).executor(Runnable::run).build().run(X, Y);
      for (BacktestResult other : List.of(
          backtest(template).executor(fixed).build().run(X, Y),
          backtest(template).executor(forkJoin).build().run(X, Y),
          backtest(template).build().run(X, Y))) {
        assertThat(other.forecasts()).isEqualTo(inline.forecasts());
        assertThat(other.lower(0.95)).isEqualTo(inline.lower(0.95));
        assertThat(other.upper(0.8)).isEqualTo(inline.upper(0.8));
        assertThat(other.metrics()).isEqualTo(inline.metrics());
      }
    } finally {
      fixed.shutdown();
      forkJoin.shutdown();
    }
  }

  @Test
  void run_interruptedCallerCancels() {
    Backtest b = backtest(ensemble().build()).executor(Runnable::run).build();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> b.run(X, Y)).isInstanceOf(CancellationException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(b.run(X, Y).size()).isEqualTo(28);
  }

  @Test
  void run_frameEqualsMatrix() {
    Frame frame = Frame.newBuilder()
        .column("a", column(X, 0)).column("b", column(X, 1)).column("c", column(X, 2))
        .column("y", Y).build();
    Backtest backtest = backtest(ensemble().build()).end(25).build();
    BacktestResult fromFrame = backtest.run(frame, "y", List.of("a", "b", "c"));
    BacktestResult fromMatrix = backtest.run(X, Y);
    assertThat(fromFrame.forecasts()).isEqualTo(fromMatrix.forecasts());
    assertThat(fromFrame.upper(0.95)).isEqualTo(fromMatrix.upper(0.95));
  }

  /** A frame of X, Y and two extra columns: {@code actual} and {@code bench}. */
  private static Frame frameWithExtras(double[] actual, double[] bench) {
    return Frame.newBuilder()
        .column("a", column(X, 0)).column("b", column(X, 1)).column("c", column(X, 2))
        .column("y", Y).column("actual", actual).column("bench", bench).build();
  }

  private static double[] scaled(double[] v, double factor, double shift) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = factor * v[i] + shift;
    }
    return out;
  }

  /**
   * actualColumn changes what is scored, not what is fitted: the forecasts equal the plain run's,
   * the actuals are the column at the cutoff rows, and the metrics are those of the forecasts
   * against that column.
   */
  @Test
  void run_actualColumnScoresAgainstThatColumn() {
    double[] actual = scaled(Y, 1.3, 0.1);
    Frame frame = frameWithExtras(actual, Y);
    List<String> features = List.of("a", "b", "c");
    BacktestResult plain = backtest(ensemble().build()).end(26).build().run(frame, "y", features);
    BacktestResult r = backtest(ensemble().build()).end(26).actualColumn("actual").build()
        .run(frame, "y", features);
    assertThat(r.forecasts()).isEqualTo(plain.forecasts());
    assertThat(r.upper(0.95)).isEqualTo(plain.upper(0.95));
    assertThat(r.actuals()).isEqualTo(Arrays.copyOfRange(actual, 20, 26));
    assertThat(r.metrics()).isEqualTo(ForecastMetrics.of(r.actuals(), r.forecasts()));
    assertThat(r.metrics()).isNotEqualTo(plain.metrics());
    assertThat(r.naiveForecasts()).isEqualTo(Arrays.copyOfRange(Y, 19, 25));
    assertThat(r.naiveMetrics())
        .isEqualTo(ForecastMetrics.of(r.actuals(), Arrays.copyOfRange(Y, 19, 25)));
  }

  @Test
  void run_benchmarkColumnReadsThatColumnLagRowsBack() {
    double[] bench = scaled(Y, 0.5, 2.0);
    Frame frame = frameWithExtras(Y, bench);
    List<String> features = List.of("a", "b", "c");
    for (int lag : new int[] {0, 1, 5, 20}) {
      BacktestResult r = backtest(small()).end(30)
          .benchmarkColumn("bench", lag).build().run(frame, "y", features);
      assertThat(r.naiveLag()).isEqualTo(lag);
      assertThat(r.benchmark()).isEqualTo("bench(lag " + lag + ")");
      for (int c = 20; c < 30; c++) {
        assertThat(r.naiveForecasts()[c - 20]).as("lag %d cutoff %d", lag, c)
            .isEqualTo(bench[c - lag]);
      }
      assertThat(r.naiveMetrics()).isEqualTo(ForecastMetrics.of(r.actuals(), r.naiveForecasts()));
    }
    BacktestResult naive = backtest(small()).end(30).build()
        .run(frame, "y", features);
    assertThat(naive.benchmark()).isEqualTo("naive(lag 1)");
    assertThat(naive.toString()).contains("naive(lag 1) ForecastMetrics");
  }

  /** NaN outside the rows a column is read at is fine; inside, the message names the cell. */
  @Test
  void run_actualAndBenchmarkColumnsChecked() {
    double[] actual = Y.clone();
    double[] bench = Y.clone();
    actual[5] = Double.NaN;   // before the first cutoff: never read
    bench[47] = Double.NaN;   // the last row, never read at lag 1
    Frame frame = frameWithExtras(actual, bench);
    List<String> features = List.of("a", "b", "c");
    Backtest ok = backtest(small()).actualColumn("actual")
        .benchmarkColumn("bench", 1).build();
    assertThat(ok.run(frame, "y", features).size()).isEqualTo(28);

    actual[33] = Double.POSITIVE_INFINITY;
    bench[2] = Double.NaN;
    Frame bad = frameWithExtras(actual, bench);
    assertThatThrownBy(() -> backtest(ensemble().build()).actualColumn("actual").build()
        .run(bad, "y", features))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("actualColumn: column 'actual', row 33 is Infinity (expected: finite)");
    assertThatThrownBy(() -> backtest(ensemble().build()).benchmarkColumn("bench", 18).build()
        .run(bad, "y", features))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("benchmarkColumn: column 'bench', row 2 is NaN (expected: finite)");
    assertThatThrownBy(() -> backtest(ensemble().build()).actualColumn("sales").build()
        .run(bad, "y", features))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("actualColumn: no column 'sales'");
    assertThatThrownBy(() -> backtest(ensemble().build()).benchmarkColumn("sales", 1).build()
        .run(bad, "y", features))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("benchmarkColumn: no column 'sales'");
    assertThatThrownBy(() -> backtest(ensemble().build()).benchmarkColumn("bench", 21).build()
        .run(frame, "y", features))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("benchmarkColumn: lag 21 (expected: <= start = 20");
  }

  /** The matrix entry point has no columns to read: a column option there is a usage error. */
  @Test
  void run_columnOptionsNeedAFrame() {
    assertThatThrownBy(() -> backtest(ensemble().build()).actualColumn("actual").build()
        .run(X, Y))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("actualColumn: set to 'actual', a frame column");
    assertThatThrownBy(() -> backtest(ensemble().build()).benchmarkColumn("bench", 1).build()
        .run(X, Y))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("benchmarkColumn: set to 'bench', a frame column");
  }

  @Test
  void builder_columnOptionsBadValues() {
    Backtest.Builder b = Backtest.newBuilder();
    assertThatThrownBy(() -> b.actualColumn(null))
        .isInstanceOf(NullPointerException.class).hasMessage("actualColumn");
    assertThatThrownBy(() -> b.actualColumn(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("actualColumn: ' ' (expected: not blank)");
    assertThatThrownBy(() -> b.benchmarkColumn(null, 1))
        .isInstanceOf(NullPointerException.class).hasMessage("benchmarkColumn");
    assertThatThrownBy(() -> b.benchmarkColumn("", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("benchmarkColumn: '' (expected: not blank)");
    assertThatThrownBy(() -> b.benchmarkColumn("x", -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lag: -1 (expected: >= 0)");
  }

  @Test
  void builder_columnOptionsSetTwice() {
    assertThatThrownBy(() -> Backtest.newBuilder().actualColumn("a").actualColumn("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("actualColumn was already set to a");
    assertThatThrownBy(() -> Backtest.newBuilder().benchmarkColumn("a", 1).benchmarkColumn("b", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("benchmarkColumn was already set to 'a', lag 1");
    assertThatThrownBy(() -> Backtest.newBuilder().naiveLag(2).benchmarkColumn("b", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("benchmarkColumn: the benchmark was already set by naiveLag to 2");
    assertThatThrownBy(() -> Backtest.newBuilder().benchmarkColumn("b", 3).naiveLag(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("naiveLag: the benchmark was already set by benchmarkColumn to 'b', "
            + "lag 3");
  }

  @Test
  void builder_columnOptionsInToString() {
    Backtest b = backtest(ensemble().build()).benchmarkColumn("bench", 1).actualColumn("actual")
        .weights(CutoffWeights.fixedDecay(0.98)).build();
    assertThat(b.toString()).contains("weights=fixedDecay(0.98)")
        .contains("benchmarkColumn=bench, lag=1, actualColumn=actual");
  }

  /**
   * fixedDecay(rate) is fixed(w) with w[i] = rate^(N - 1 - i) written out; with the scikit-learn
   * >= 1.8 weighting the weights only set draw probabilities, so it gives the re-anchored decay's
   * forecasts, while with weighted i.i.d. members its smaller weights let the penalty shrink more.
   */
  @Test
  void run_fixedDecayIsTheWholeDataDecayVector() {
    double[] w = new double[X.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = StrictMath.pow(0.9, X.length - 1 - i);
    }
    BootstrapRidgeEnsemble iid = ensemble().build();
    BacktestResult fixedDecay = backtest(iid).end(26)
        .weights(CutoffWeights.fixedDecay(0.9)).build().run(X, Y);
    BacktestResult fixed = backtest(iid).end(26).weights(CutoffWeights.fixed(w)).build().run(X, Y);
    BacktestResult reanchored = backtest(iid).end(26)
        .weights(CutoffWeights.decay(0.9)).build().run(X, Y);
    assertThat(fixedDecay.forecasts()).isEqualTo(fixed.forecasts());
    assertThat(fixedDecay.lower(0.95)).isEqualTo(fixed.lower(0.95));
    for (int i = 0; i < 6; i++) {
      assertThat(fixedDecay.forecasts()[i]).isNotEqualTo(reanchored.forecasts()[i]);
    }

    BootstrapRidgeEnsemble probability = BootstrapRidgeEnsemble.newBuilder().estimators(50)
        .alpha(0.5).resampling(Resampling.sklearnCompatible(42, SklearnWeighting.PROBABILITY))
        .targetTransform(TargetTransform.LOG).build();
    double[] a = backtest(probability).end(26).weights(CutoffWeights.fixedDecay(0.9)).build()
        .run(X, Y).forecasts();
    double[] b = backtest(probability).end(26).weights(CutoffWeights.decay(0.9)).build()
        .run(X, Y).forecasts();
    for (int i = 0; i < a.length; i++) {
      assertThat(SharedData.relativeError(a[i], b[i])).as("cutoff %d", 20 + i).isLessThan(1e-12);
    }
  }

  /**
   * An alternative to the production recipe (that one is {@link ProductionForecastTest}), on the
   * real weekly data ({@link BacktestFixture#alternativeBacktest}, 200 members), scored against the
   * target with last week's target as the benchmark. What is asserted is what the data shows;
   * docs/backtest.md has the table, labelled as this alternative.
   */
  @Test
  void run_alternativeVariantOnWeeklyData() throws IOException {
    Frame data = BacktestFixture.alternativeFrame();
    List<String> features = BacktestFixture.ALTERNATIVE_FEATURES;
    int[] weeks = BacktestFixture.weeks(data);
    BootstrapRidgeEnsemble template = BacktestFixture.alternativeEnsemble(200);
    Backtest.Builder settings = BacktestFixture.alternativeBacktest(data, 200);
    BacktestResult r = settings.build().run(data, "sales_target_current", features);
    System.out.println("alternative weekly backtest, " + data.date(30) + " .. "
        + data.date(data.rows() - 1) + "\n" + r.table());

    assertThat(data.rows()).isEqualTo(185);
    assertThat(r.size()).isEqualTo(155);
    ForecastMetrics m = r.metrics();
    ForecastMetrics n = r.naiveMetrics();
    for (double v : new double[] {m.r2(), m.mape(), m.rmse(), m.mae(), n.r2(), n.mape()}) {
      assertThat(v).isFinite();
    }
    assertThat(m.mape()).isBetween(0.0, 1.0);
    // as measured: last week's sales forecast next week's better than the three rates do
    assertThat(n.rmse()).isLessThan(m.rmse());
    assertThat(n.r2()).isGreaterThan(m.r2());
    // the bands are intervals for the fitted mean, far narrower than week-to-week noise
    assertThat(r.coverage(0.95)).isLessThan(0.95);
    assertThat(r.coverage(0.80)).isLessThanOrEqualTo(r.coverage(0.95));

    // the last cutoff by hand: weights 0.98^(weeks[c] - weeks[i]), a direct fit on the prefix
    int c = data.rows() - 1;
    double[] w = new double[c];
    for (int i = 0; i < c; i++) {
      w[i] = StrictMath.pow(0.98, weeks[c] - weeks[i]);
    }
    double[][] x = data.toRowMatrix(features);
    double[] y = data.column("sales_target_current");
    Summary direct = template.fit(Arrays.copyOf(x, c), Arrays.copyOf(y, c), w).predict(x[c]);
    assertThat(r.forecasts()[c - 30]).isEqualTo(direct.mean());
    assertThat(r.medians()[c - 30]).isEqualTo(direct.quantile(0.5));
    assertThat(r.naiveForecasts()[c - 30]).isEqualTo(y[c - 1]);

    BacktestResult again =
        settings.executor(Runnable::run).build().run(data, "sales_target_current", features);
    assertThat(again.forecasts()).isEqualTo(r.forecasts());
    assertThat(again.metrics()).isEqualTo(m);
  }

  @Test
  void run_cutoffOutsideTheData() {
    BootstrapRidgeEnsemble e = ensemble().build();
    assertThatThrownBy(() -> Backtest.newBuilder().ensemble(e).start(48).build().run(X, Y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start: 48 (expected: < 48, the rows of the data)");
    assertThatThrownBy(() -> backtest(e).end(49).build().run(X, Y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end: 49 (expected: <= 48, the rows of the data)");
    assertThatThrownBy(() -> Backtest.newBuilder().ensemble(e).start(60).end(70).build()
        .run(X, Y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end: 70");
  }

  /** With 3 features the first fit needs 5 rows: an intercept, 3 slopes and one to spare. */
  @Test
  void run_fewerRowsThanCoefficients() {
    BootstrapRidgeEnsemble e = ensemble().build();
    assertThatThrownBy(() -> Backtest.newBuilder().ensemble(e).start(4).build().run(X, Y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start: 4 (expected: >= 5, features + 2");
    BacktestResult r = Backtest.newBuilder().ensemble(e).start(5).end(6).build().run(X, Y);
    assertThat(r.size()).isEqualTo(1);
  }

  @Test
  void run_naiveLagBeyondStart() {
    assertThatThrownBy(() -> backtest(ensemble().build()).naiveLag(21).build().run(X, Y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("naiveLag: 21 (expected: <= start = 20");
  }

  @Test
  void run_blockLongerThanTheFirstFit() {
    BootstrapRidgeEnsemble e = ensemble().resampling(Resampling.circularBlock(25)).build();
    assertThatThrownBy(() -> backtest(e).build().run(X, Y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start: 20 rows in the first fit")
        .hasMessageContaining("circularBlock(25)");
  }

  @Test
  void run_weightsOfTheWrongLength() {
    assertThatThrownBy(() -> backtest(ensemble().build())
        .weights(CutoffWeights.fixed(new double[47])).build().run(X, Y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights: length 47 (expected: 48");
    assertThatThrownBy(() -> backtest(ensemble().build())
        .weights(CutoffWeights.fixed(new double[48])).build().run(X, Y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights: rows 0 .. 19 all weigh 0");
  }

  @Test
  void run_badData() {
    Backtest b = backtest(ensemble().build()).build();
    assertThatThrownBy(() -> b.run((double[][]) null, Y))
        .isInstanceOf(NullPointerException.class).hasMessage("x");
    assertThatThrownBy(() -> b.run(X, null))
        .isInstanceOf(NullPointerException.class).hasMessage("y");
    assertThatThrownBy(() -> b.run(new double[0][], new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 0 rows");
    double[][] nan = copy(X);
    nan[7][2] = Double.NaN;
    assertThatThrownBy(() -> b.run(nan, Y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x: row 7, column 2 is NaN");
    double[][] ragged = copy(X);
    ragged[3] = new double[2];
    assertThatThrownBy(() -> b.run(ragged, Y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 3 has 2 columns");
    assertThatThrownBy(() -> b.run(X, Arrays.copyOf(Y, 47)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y: length 47 (expected: 48");
    double[] y = Y.clone();
    y[30] = Double.POSITIVE_INFINITY;
    assertThatThrownBy(() -> b.run(X, y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y[30]: Infinity (expected: finite and > -1 for LOG1P)");
    y[30] = -1;
    assertThatThrownBy(() -> b.run(X, y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[30]: -1.0");
  }

  private static double[][] copy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }

  @Test
  void run_badFrame() {
    double[] a = column(X, 0);
    a[12] = Double.NaN;
    double[] y = Y.clone();
    y[40] = Double.NaN;
    Frame frame = Frame.newBuilder().column("a", a).column("b", column(X, 1)).column("y", Y)
        .column("yNaN", y).build();
    Backtest b = backtest(ensemble().build()).build();
    assertThatThrownBy(() -> b.run(null, "y", List.of("a")))
        .isInstanceOf(NullPointerException.class).hasMessage("frame");
    assertThatThrownBy(() -> b.run(frame, null, List.of("a")))
        .isInstanceOf(NullPointerException.class).hasMessage("target");
    assertThatThrownBy(() -> b.run(frame, "y", null))
        .isInstanceOf(NullPointerException.class).hasMessage("features");
    assertThatThrownBy(() -> b.run(frame, "y", Arrays.asList("b", null)))
        .isInstanceOf(NullPointerException.class).hasMessage("features[1]");
    assertThatThrownBy(() -> b.run(frame, "y", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features: empty");
    assertThatThrownBy(() -> b.run(frame, "y", List.of("b", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features: 'b' appears twice");
    assertThatThrownBy(() -> b.run(frame, "y", List.of("c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features: no column 'c'");
    assertThatThrownBy(() -> b.run(frame, "sales", List.of("b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target: no column 'sales'");
    assertThatThrownBy(() -> b.run(frame, "y", List.of("b", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features: column 'a', row 12 is NaN (expected: finite)");
    assertThatThrownBy(() -> b.run(frame, "yNaN", List.of("b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target: column 'yNaN', row 40 is NaN");
  }

  @Test
  void builder_required() {
    assertThatThrownBy(() -> Backtest.newBuilder().start(5).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ensemble: not set");
    assertThatThrownBy(() -> Backtest.newBuilder().ensemble(ensemble().build()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("start: not set");
    assertThatThrownBy(() -> backtest(ensemble().build()).end(20).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("end: set to 20, not after start = 20");
  }

  @Test
  void builder_badValues() {
    Backtest.Builder b = Backtest.newBuilder();
    assertThatThrownBy(() -> b.ensemble(null))
        .isInstanceOf(NullPointerException.class).hasMessage("ensemble");
    assertThatThrownBy(() -> b.start(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start: 0 (expected: >= 1)");
    assertThatThrownBy(() -> b.end(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end: 1 (expected: >= 2)");
    assertThatThrownBy(() -> b.weights(null))
        .isInstanceOf(NullPointerException.class).hasMessage("weights");
    assertThatThrownBy(() -> b.bands((double[]) null))
        .isInstanceOf(NullPointerException.class).hasMessage("bands");
    assertThatThrownBy(() -> b.bands())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bands: empty");
    assertThatThrownBy(() -> b.bands(0.9, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bands[1]: 1.0 (expected: 0 < band < 1)");
    assertThatThrownBy(() -> b.bands(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bands[0]: NaN");
    assertThatThrownBy(() -> b.bands(0.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bands[0]: 0.0");
    assertThatThrownBy(() -> b.bands(0.8, 0.9, 0.8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bands[2]: 0.8 repeats bands[0]");
    assertThatThrownBy(() -> b.naiveLag(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("naiveLag: 0");
    assertThatThrownBy(() -> b.windowLength(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windowLength: 0");
    assertThatThrownBy(() -> b.executor(null))
        .isInstanceOf(NullPointerException.class).hasMessage("executor");
  }

  @Test
  void builder_setTwice() {
    BootstrapRidgeEnsemble e = ensemble().build();
    assertThatThrownBy(() -> Backtest.newBuilder().ensemble(e).ensemble(e))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ensemble was already set");
    assertThatThrownBy(() -> Backtest.newBuilder().start(3).start(4))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("start was already set to 3");
    assertThatThrownBy(() -> Backtest.newBuilder().end(9).end(4))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("end was already set to 9");
    assertThatThrownBy(() -> Backtest.newBuilder().weights(CutoffWeights.decay(0.9))
        .weights(CutoffWeights.equal()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("weights was already set to decay(0.9)");
    assertThatThrownBy(() -> Backtest.newBuilder().bands(0.9).bands(0.5))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bands was already set to [0.9]");
    assertThatThrownBy(() -> Backtest.newBuilder().naiveLag(2).naiveLag(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("naiveLag was already set");
    assertThatThrownBy(() -> Backtest.newBuilder().windowLength(2).windowLength(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("windowLength was already set");
    assertThatThrownBy(() -> Backtest.newBuilder().executor(Runnable::run).executor(Runnable::run))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("executor was already set");
  }

  @Test
  void builder_defaultsAndRepeatableBuild() {
    Backtest.Builder b = backtest(ensemble().build());
    Backtest first = b.build();
    assertThat(first.toString()).contains("start=20, end=rows, weights=equal(), bands=[0.95, 0.8]")
        .contains("naiveLag=1, windowLength=13");
    BacktestResult r = first.run(X, Y);
    assertThat(r.bands()).containsExactly(0.95, 0.8);
    assertThat(r.windowLength()).isEqualTo(13);
    assertThat(b.build().run(X, Y).forecasts()).isEqualTo(r.forecasts());
  }

  @Test
  void run_progressListenerHearsTheCutoffs() {
    java.util.List<int[]> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    BootstrapRidgeEnsemble e = ensemble().progressListener((done, total) -> heard.add(
        new int[] {done, total})).build();
    backtest(e).executor(Runnable::run).build().run(X, Y);
    assertThat(heard).isNotEmpty();
    assertThat(heard.get(heard.size() - 1)).containsExactly(28, 28);
    for (int[] event : heard) {
      assertThat(event[1]).as("the total is the cutoffs, 48 - 20").isEqualTo(28);
    }
  }
}
