package io.rila.examples;

import io.rila.bootstrap.Backtest;
import io.rila.bootstrap.BacktestResult;
import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CutoffWeights;
import io.rila.bootstrap.ForecastMetrics;
import io.rila.bootstrap.PredictionIntervals;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.features.FeaturePipeline;
import io.rila.features.LagFeatures;
import io.rila.features.RowFilter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An expanding-window forecasting backtest on a synthetic market: every week from the start
 * cutoff on, fit the ensemble on all earlier weeks and forecast that week's sales, then report
 * R^2, MAPE, RMSE and MAE against a naive "same as last week" forecast, and how often the 95% and
 * 80% bands held the actual sales.
 *
 * <p>The data are a seeded {@link SyntheticRilaMarket}. The model is log1p(sales) on the own cap
 * rate now and three weeks ago and the weighted competitor rate two weeks ago (the terms the
 * market's sales law uses), without holiday weeks, with weights {@code 0.99^(age in weeks)}
 * recomputed at every cutoff ({@link CutoffWeights#decay(double, int[])}: dropped holiday weeks
 * still age the older rows). Cutoffs run in parallel; the result does not depend on the threads.
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java \
 *     -Dexec.mainClass=io.rila.examples.BacktestExample \
 *     -Dexec.args="--estimators 500 --weeks 260 --start 104"
 * </pre>
 *
 * <p>Options (all optional): {@code --estimators N} members per fit (default 500), {@code --weeks
 * W} of synthetic market (default 260, at least 30), {@code --start S} the first cutoff, in
 * training rows (default 104, about two years), {@code --seed S} for the market and the
 * ensemble (default 42), {@code --threads T} (default: available processors), {@code --chart
 * FILE} to draw the forecasts, actuals, 95% band and 90% prediction interval as a PNG (the chart
 * in {@code docs/calibration.md}). Bad options print one line to standard error and exit with
 * status 2.
 *
 * <p>The bands are intervals for the <em>expected</em> sales of a week (the spread of the fitted
 * mean across members), not for one week's actual sales, so they cover the actuals far less often
 * than their nominal level; the conformal prediction intervals ({@link
 * PredictionIntervals#jackknifePlusAfterBootstrap(double)}, calibrated on each cutoff's
 * out-of-bag residuals) are intervals for the actual sales. {@code docs/backtest.md} and {@code
 * docs/calibration.md} explain.
 */
public final class BacktestExample {

  /** The model's features, built from the market's weekly columns. */
  static final List<String> FEATURES =
      List.of("competitor_mid_t2", "prudential_rate_current", "prudential_rate_t3");

  /** Decay of the sample weights per week of age. */
  static final double DECAY = 0.99;

  /** Bands whose coverage is reported. */
  static final double[] BANDS = {0.95, 0.80};

  /** The conformal prediction intervals: jackknife+-after-bootstrap at 90%. */
  static final PredictionIntervals INTERVALS = PredictionIntervals.jackknifePlusAfterBootstrap(0.9);

  /**
   * The options.
   *
   * @param estimators members per fit
   * @param weeks weeks of synthetic market
   * @param start the first cutoff
   * @param seed seed of the market and the ensemble
   * @param threads worker threads
   */
  record Options(int estimators, int weeks, int start, long seed, int threads, Path chart) {

    private static final List<String> NAMES =
        List.of("--estimators", "--weeks", "--start", "--seed", "--threads", "--chart");

    static Options parse(String... args) {
      int estimators = 500;
      int weeks = 260;
      int start = 104;
      long seed = 42L;
      int threads = Runtime.getRuntime().availableProcessors();
      Path chart = null;
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (!NAMES.contains(option)) {
          throw new IllegalArgumentException("unknown option " + option);
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(option + " needs a value");
        }
        String text = args[++i];
        switch (option) {
          case "--seed" -> seed = CommandLine.longValue("--seed", text);
          case "--estimators" -> estimators = CommandLine.positiveInt(option, text);
          case "--weeks" -> weeks = CommandLine.positiveInt(option, text);
          case "--start" -> start = CommandLine.positiveInt(option, text);
          case "--chart" -> chart = Path.of(text);
          default -> threads = CommandLine.positiveInt(option, text);
        }
      }
      if (weeks < 30) {
        throw new IllegalArgumentException("--weeks: " + weeks + " (expected: >= 30)");
      }
      return new Options(estimators, weeks, start, seed, threads, chart);
    }
  }

  private BacktestExample() {}

  /**
   * Runs the backtest and prints its table.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("backtest: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      run(options, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("backtest: " + e.getMessage());
      System.exit(2);
    }
  }

  /** The training table: lagged rates, no holiday weeks, no weeks without a 3-week lag. */
  static Frame features(Frame weekly) {
    return FeaturePipeline.of(
            LagFeatures.newBuilder()
                .source("Prudential", "prudential_rate")
                .source("C_weighted_mean", "competitor_mid")
                .lags(3)
                .build(),
            RowFilter.newBuilder()
                .dropMissing("prudential_rate_t3")
                .excludeFlagged("holiday")
                .build())
        .apply(weekly);
  }

  /** Each row's week number since the first row, so that dropped weeks still count as age. */
  static int[] weekNumbers(Frame frame) {
    int[] weeks = new int[frame.rows()];
    for (int i = 0; i < weeks.length; i++) {
      weeks[i] = (int) ChronoUnit.WEEKS.between(frame.date(0), frame.date(i));
    }
    return weeks;
  }

  private static double meanWidth(BacktestResult result) {
    double[] lower = result.lower(0.95);
    double[] upper = result.upper(0.95);
    double sum = 0;
    for (int i = 0; i < lower.length; i++) {
      sum += upper[i] - lower[i];
    }
    return sum / lower.length;
  }

  static BacktestResult run(Options options, PrintStream out) {
    Frame frame = features(SyntheticRilaMarket.generate(options.weeks(), options.seed()).weekly());
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
        .estimators(options.estimators())
        .alpha(1.0)
        .seed(options.seed())
        .targetTransform(TargetTransform.LOG1P)
        .build();
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    BacktestResult result;
    try {
      result = Backtest.newBuilder()
          .ensemble(ensemble)
          .start(options.start())
          .weights(CutoffWeights.decay(DECAY, weekNumbers(frame)))
          .bands(BANDS)
          .naiveLag(1)
          .windowLength(26)
          .predictionIntervals(INTERVALS)
          .executor(pool)
          .build()
          .run(frame, "sales", FEATURES);
    } finally {
      pool.shutdown();
    }

    out.printf(Locale.ROOT, "%d weeks of synthetic market, %d training rows after lags and "
            + "holidays; %d one-week-ahead forecasts, %d members each%n", options.weeks(),
        frame.rows(), result.size(), options.estimators());
    out.print(result.table());
    ForecastMetrics model = result.metrics();
    ForecastMetrics naive = result.naiveMetrics();
    out.printf(Locale.ROOT, "model MAPE %.2f%%, naive MAPE %.2f%%; the 95%% band held %.0f%% of "
            + "the actual weeks (it is an interval for expected sales, not for one week)%n",
        100 * model.mape(), 100 * naive.mape(), 100 * result.coverage(0.95));
    out.printf(Locale.ROOT, "the 90%% prediction interval (jackknife+-after-bootstrap) held %.0f%% "
            + "of the actual weeks, mean width %.3g against %.3g for the 95%% band%n",
        100 * result.predictionCoverage(), result.predictionWidth(), meanWidth(result));
    if (options.chart() != null) {
      LocalDate[] dates = new LocalDate[result.size()];
      for (int i = 0; i < dates.length; i++) {
        dates[i] = frame.date(result.start() + i);
      }
      try {
        String skipped = BacktestChart.write(options.chart(),
            "One-week-ahead backtest, synthetic market (" + options.estimators() + " members)",
            dates, result.actuals(), result.forecasts(), result.lower(0.95), result.upper(0.95),
            "95% percentile band (expected sales)", result.predictionLower(),
            result.predictionUpper(), "90% prediction interval, J+aB (actual sales)");
        out.println(skipped == null ? "wrote " + options.chart() : "chart skipped: " + skipped);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return result;
  }
}
