package io.rila.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rila.bootstrap.BacktestResult;
import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.PredictionInterval;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestExampleTest {

  private static final int WEEKS = 130;
  private static final int START = 60;
  private static final int MEMBERS = 40;

  /**
   * At its defaults (500 members, the chart's run), the numbers docs/calibration.md and
   * docs/faq.md quote: 134 cutoffs, the 95% band holds 22% of the actual weeks, the 90% J+aB
   * interval 91%, mean widths 8.5 million (interval) and 1.4 million (band), recounted here from
   * the arrays.
   */
  @Test
  void run_defaults_theNumbersTheDocsQuote() {
    BacktestResult r = BacktestExample.run(BacktestExample.Options.parse(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    double[] y = r.actuals();
    double[] lower = r.lower(0.95);
    double[] upper = r.upper(0.95);
    double[] piLower = r.predictionLower();
    double[] piUpper = r.predictionUpper();
    int inBand = 0;
    int inInterval = 0;
    double bandWidth = 0;
    double intervalWidth = 0;
    for (int i = 0; i < y.length; i++) {
      inBand += lower[i] <= y[i] && y[i] <= upper[i] ? 1 : 0;
      inInterval += piLower[i] <= y[i] && y[i] <= piUpper[i] ? 1 : 0;
      bandWidth += (upper[i] - lower[i]) / y.length;
      intervalWidth += (piUpper[i] - piLower[i]) / y.length;
    }
    System.out.printf("BacktestExample defaults: %d cutoffs, band %d inside, width %.6g;"
        + " interval %d inside, width %.6g%n", y.length, inBand, bandWidth, inInterval,
        intervalWidth);
    assertThat(y.length).isEqualTo(134);
    // 30 and 122 of 134: the docs' 22% and 91%
    assertThat(inBand).isEqualTo(30);
    assertThat(inInterval).isEqualTo(122);
    assertThat(r.coverage(0.95)).isEqualTo((double) inBand / y.length);
    assertThat(r.predictionCoverage()).isEqualTo((double) inInterval / y.length);
    assertThat(intervalWidth).isCloseTo(8.5e6, within(0.05e6));
    assertThat(bandWidth).isCloseTo(1.4e6, within(0.05e6));
  }

  @Test
  void run_smallMarket_forecastsAndMetricsMatchRefitsByHand() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    BacktestExample.Options options = BacktestExample.Options.parse("--estimators",
        Integer.toString(MEMBERS), "--weeks", Integer.toString(WEEKS), "--start",
        Integer.toString(START), "--threads", "2");

    BacktestResult result =
        BacktestExample.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

    Frame frame = BacktestExample.features(SyntheticRilaMarket.generate(WEEKS, 42L).weekly());
    double[][] x = frame.toRowMatrix(BacktestExample.FEATURES);
    double[] sales = frame.column("sales");
    int[] weeks = BacktestExample.weekNumbers(frame);
    int n = frame.rows();
    assertThat(result.size()).isEqualTo(n - START);
    assertThat(result.actuals()).containsExactly(Arrays.copyOfRange(sales, START, n));

    // the first and the last forecast, refitted directly on the rows before the cutoff with
    // weights 0.99^(weeks between the row and the cutoff)
    for (int c : new int[] {START, n - 1}) {
      double[] w = new double[c];
      for (int i = 0; i < c; i++) {
        w[i] = StrictMath.pow(BacktestExample.DECAY, weeks[c] - weeks[i]);
      }
      double forecast = BootstrapRidgeEnsemble.newBuilder().estimators(MEMBERS).alpha(1.0)
          .seed(42L).targetTransform(TargetTransform.LOG1P).build()
          .fit(Arrays.copyOf(x, c), Arrays.copyOf(sales, c), w).predict(x[c]).mean();
      assertThat(SharedData.relativeError(result.forecasts()[c - START], forecast))
          .as("cutoff %d", c).isLessThan(1e-12);
      assertThat(result.naiveForecasts()[c - START]).isEqualTo(sales[c - 1]);
    }

    // the metrics and coverage recomputed from the forecasts
    double[] y = result.actuals();
    double[] f = result.forecasts();
    double abs = 0;
    double pct = 0;
    double sq = 0;
    double mean = Arrays.stream(y).average().orElseThrow();
    double total = 0;
    int inside = 0;
    double[] lower = result.lower(0.95);
    double[] upper = result.upper(0.95);
    for (int i = 0; i < y.length; i++) {
      double e = y[i] - f[i];
      abs += Math.abs(e);
      pct += Math.abs(e) / Math.abs(y[i]);
      sq += e * e;
      total += (y[i] - mean) * (y[i] - mean);
      inside += lower[i] <= y[i] && y[i] <= upper[i] ? 1 : 0;
      assertThat(lower[i]).isLessThanOrEqualTo(f[i]).isLessThan(upper[i]);
    }
    assertThat(result.metrics().mae()).isCloseTo(abs / y.length, within(1e-6 * abs / y.length));
    assertThat(result.metrics().mape()).isCloseTo(pct / y.length, within(1e-12));
    assertThat(result.metrics().rmse())
        .isCloseTo(Math.sqrt(sq / y.length), within(1e-9 * Math.sqrt(sq / y.length)));
    assertThat(result.metrics().r2()).isCloseTo(1 - sq / total, within(1e-12));
    assertThat(result.coverage(0.95)).isEqualTo((double) inside / y.length);

    // the market's log-sales noise has a standard deviation of about 0.08 (AR(1), 0.07 / sqrt(1 -
    // 0.25)) plus an unmodelled season of amplitude 0.08: a model with the true rate terms
    // forecasts within a few of those percent, and its bands, intervals for the expected sales,
    // hold far fewer than 95% of the actual weeks
    assertThat(result.metrics().mape()).isBetween(0.03, 0.15);
    assertThat(result.coverage(0.95)).isLessThan(0.8);
    assertThat(new String(printed.toByteArray(), StandardCharsets.UTF_8))
        .contains("one-week-ahead forecasts, 40 members each", "naive R2", "cover 0.950",
            "model MAPE");
  }

  @Test
  void run_defaults_bandsHoldAboutAFifthOfTheWeeks() {
    BacktestResult result = BacktestExample.run(BacktestExample.Options.parse(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    // docs/faq.md quotes this run: 134 forecasts, the 95% band holding 22% of the actual weeks
    assertThat(result.size()).isEqualTo(134);
    assertThat(result.coverage(0.95)).isCloseTo(0.22, within(0.005));
    assertThat(result.coverage(0.80)).isLessThan(result.coverage(0.95));
    assertThat(result.naiveMetrics().mape()).isLessThan(result.metrics().mape());
  }

  @Test
  void run_startBeyondTheData_namesTheStart() {
    BacktestExample.Options options =
        BacktestExample.Options.parse("--weeks", "40", "--start", "500", "--estimators", "10");
    assertThatThrownBy(() -> BacktestExample.run(options,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start");
  }

  @Test
  void parse_defaultsAndBadOptions() {
    BacktestExample.Options defaults = BacktestExample.Options.parse();
    assertThat(defaults.estimators()).isEqualTo(500);
    assertThat(defaults.weeks()).isEqualTo(260);
    assertThat(defaults.start()).isEqualTo(104);
    assertThat(defaults.seed()).isEqualTo(42L);
    assertThatThrownBy(() -> BacktestExample.Options.parse("--weeks", "29"))
        .hasMessageContaining("--weeks: 29 (expected: >= 30)");
    assertThatThrownBy(() -> BacktestExample.Options.parse("--start", "-3"))
        .hasMessageContaining("--start: -3 (expected: an integer >= 1)");
    assertThatThrownBy(() -> BacktestExample.Options.parse("--seed", "x"))
        .hasMessageContaining("--seed: x (expected: an integer)");
    assertThatThrownBy(() -> BacktestExample.Options.parse("--threads"))
        .hasMessageContaining("--threads needs a value");
    assertThatThrownBy(() -> BacktestExample.Options.parse("--members", "5"))
        .hasMessageContaining("unknown option --members");
  }

  /**
   * The 90% prediction intervals hold far more actual weeks than the 95% band (they are intervals
   * for the week, not for its mean), each one is the cutoff's own calibration through the public
   * API, and --chart writes a PNG.
   */
  @Test
  void run_chart_predictionIntervalsAndPng(@TempDir Path dir)
      throws Exception {
    Path png = dir.resolve("backtest.png");
    BacktestExample.Options options = BacktestExample.Options.parse("--estimators",
        Integer.toString(MEMBERS), "--weeks", Integer.toString(WEEKS), "--start",
        Integer.toString(START), "--threads", "2", "--chart", png.toString());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    BacktestResult result =
        BacktestExample.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(result.predictionCoverage()).isGreaterThan(result.coverage(0.95));

    Frame frame = BacktestExample.features(SyntheticRilaMarket.generate(WEEKS, 42L).weekly());
    double[][] x = frame.toRowMatrix(BacktestExample.FEATURES);
    double[] sales = frame.column("sales");
    int[] weeks = BacktestExample.weekNumbers(frame);
    int c = START + 3;
    double[] w = new double[c];
    for (int i = 0; i < c; i++) {
      w[i] = StrictMath.pow(BacktestExample.DECAY, weeks[c] - weeks[i]);
    }
    double[][] prefix = Arrays.copyOf(x, c);
    double[] y = Arrays.copyOf(sales, c);
    EnsembleModel model = BootstrapRidgeEnsemble.newBuilder()
        .estimators(MEMBERS).alpha(1.0).seed(42L).targetTransform(TargetTransform.LOG1P).build()
        .fit(prefix, y, w);
    PredictionInterval direct =
        BacktestExample.INTERVALS.calibrate(model, prefix, y, w).interval(x[c]);
    assertThat(result.predictionLower()[3]).isEqualTo(direct.lower());
    assertThat(result.predictionUpper()[3]).isEqualTo(direct.upper());

    String text = new String(printed.toByteArray(), StandardCharsets.UTF_8);
    assertThat(text).contains("90% prediction interval", "PI cover 0.900");
    if (text.contains("wrote " + png)) {
      byte[] head = Files.readAllBytes(png);
      assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    } else {
      assertThat(text).contains("chart skipped");
    }
  }
}
