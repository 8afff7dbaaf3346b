package io.rila.examples;

import io.rila.bootstrap.Backtest;
import io.rila.bootstrap.BacktestResult;
import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CutoffWeights;
import io.rila.bootstrap.ForecastMetrics;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.SklearnWeighting;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The production system's forecasting stage, as its code runs it, through rila's public {@link
 * Backtest} API on the real weekly data ({@code final_weekly_dataset.csv}).
 *
 * <p>The recipe, read from the production repository ({@code src/data/forecasting_atomic_ops.py},
 * {@code src/models/forecasting_atomic_models.py}, {@code forecasting_orchestrator.py}, {@code
 * src/config/builders/forecasting_builders.py}):
 *
 * <ul>
 *   <li>rows with {@code sales != 0} and {@code date > 2022-04-01}, then the last row dropped:
 *       191 weeks, 2022-04-03 .. 2025-11-23, holiday weeks kept;
 *   <li>target {@code log(sales_target_current)} ({@link TargetTransform#LOG}); each member's
 *       prediction back-transformed with {@code exp}; the forecast is the mean of the members;
 *   <li>features {@code prudential_rate_current}, {@code competitor_mid_t2} and {@code
 *       competitor_top5_t3} negated (only that one);
 *   <li>{@code BaggingRegressor(Ridge(alpha=1.0, positive=True), n_estimators=100,
 *       random_state=42)} with scikit-learn >= 1.8 weighting, refitted at every cutoff: {@link
 *       Resampling#sklearnCompatible(long, SklearnWeighting)} with {@link
 *       SklearnWeighting#PROBABILITY}, {@code nonNegative(true)}, {@link Precision#DOUBLE};
 *   <li>weights {@code 0.98^(n - k - 1)} computed once over the 191 rows ({@link
 *       CutoffWeights#fixedDecay(double)});
 *   <li>cutoffs 30 .. 190, each scored against {@code sales_by_contract_date} of its row ({@code
 *       actualColumn}), next to the benchmark {@code sales_target_contract_t5} of the row before
 *       ({@code benchmarkColumn(..., 1)}); unweighted R^2 and MAPE.
 * </ul>
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java \
 *     -Dexec.mainClass=io.rila.examples.ProductionForecast \
 *     -Dexec.args="testdata/rila-6y20b rila-demo-output/production-forecast"
 * </pre>
 *
 * <p>Arguments, both optional: the folder of the reference data (default that of {@link
 * ProductionModelParity}), which needs {@code final_weekly_dataset.csv}, and the output folder
 * (default {@code rila-demo-output/production-forecast}, git-ignored). It prints the windowed
 * table and writes {@code forecasts.csv}: per cutoff the date, actual, forecast, benchmark and the
 * 2.5 / 25 / 50 / 75 / 97.5% member percentiles (production's {@code np.percentile} bands). A
 * missing or unreadable file prints one line to
 * standard error and exits with status 2.
 */
public final class ProductionForecast {

  /** The model's features in the production order; the third is the negated top-5 column. */
  static final List<String> FEATURES =
      List.of("prudential_rate_current", "competitor_mid_t2", "competitor_top5_t3_negated");

  static final Path DEFAULT_OUT = DemoOptions.DEFAULT_OUT.resolve("production-forecast");

  /** The production stage's {@code analysis_start_date}: rows strictly after it are kept. */
  static final LocalDate ANALYSIS_START = LocalDate.of(2022, 4, 1);

  private ProductionForecast() {}

  /**
   * Runs the recipe.
   *
   * @param args optionally the data folder, then the output folder
   */
  public static void main(String[] args) {
    Path folder = args.length > 0 ? Path.of(args[0]) : ProductionModelParity.DEFAULT_FOLDER;
    Path out = args.length > 1 ? Path.of(args[1]) : DEFAULT_OUT;
    try {
      run(folder, out, System.out);
    } catch (DemoException e) {
      System.err.println("production-forecast: " + e.getMessage());
      System.exit(2);
    }
  }

  /**
   * The backtest and the rows it ran on.
   *
   * @param rows the 191 production rows, with the negated feature column added
   * @param result the backtest
   */
  record Result(Frame rows, BacktestResult result) {}

  static Result run(Path folder, Path out, PrintStream print) {
    Path file = folder.resolve("final_weekly_dataset.csv");
    if (!Files.isReadable(file)) {
      throw new DemoException("cannot read " + file + ": no such readable file");
    }
    Frame weekly;
    try {
      weekly = FrameCsv.defaults().read(file);
    } catch (IOException | IllegalArgumentException e) {
      throw new DemoException("cannot read " + file + ": " + e.getMessage());
    }
    Frame rows = productionRows(weekly);
    BacktestResult result = backtest().run(rows, "sales_target_current", FEATURES);

    ForecastMetrics m = result.metrics();
    ForecastMetrics b = result.naiveMetrics();
    print.printf(Locale.ROOT, "%d weeks %s .. %s; %d forecasts %s .. %s%n", rows.rows(),
        rows.date(0), rows.date(rows.rows() - 1), result.size(), rows.date(result.start()),
        rows.date(result.end() - 1));
    print.printf(Locale.ROOT, "model     R2 %.4f  MAPE %.2f%%%n", m.r2(), 100 * m.mape());
    print.printf(Locale.ROOT, "benchmark R2 %.4f  MAPE %.2f%% (%s)%n", b.r2(), 100 * b.mape(),
        result.benchmark());
    print.print(result.table());
    Path csv = write(rows, result, out);
    print.println("wrote " + csv);
    return new Result(rows, result);
  }

  /** Rows with {@code sales != 0} and a date after 2022-04-01, less the last; top-5 negated. */
  static Frame productionRows(Frame weekly) {
    Frame kept = weekly.filterRows(
        i -> weekly.get(i, "sales") != 0 && weekly.date(i).isAfter(ANALYSIS_START));
    if (kept.rows() < 2) {
      throw new DemoException("final_weekly_dataset.csv: " + kept.rows()
          + " rows with sales != 0 after " + ANALYSIS_START + " (expected: at least 2)");
    }
    Frame rows = kept.rowRange(0, kept.rows() - 1);
    double[] negated = rows.column("competitor_top5_t3");
    for (int i = 0; i < negated.length; i++) {
      negated[i] = -negated[i];
    }
    return rows.withColumn("competitor_top5_t3_negated", negated);
  }

  /** The production ensemble and backtest settings. */
  static Backtest backtest() {
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
        .estimators(100)
        .alpha(1.0)
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.PROBABILITY))
        .nonNegative(true)
        .targetTransform(TargetTransform.LOG)
        .precision(Precision.DOUBLE)
        .build();
    return Backtest.newBuilder()
        .ensemble(ensemble)
        .start(30)
        .weights(CutoffWeights.fixedDecay(0.98))
        .actualColumn("sales_by_contract_date")
        .benchmarkColumn("sales_target_contract_t5", 1)
        .bands(0.95, 0.5)
        .windowLength(23)
        .build();
  }

  private static Path write(Frame rows, BacktestResult r, Path out) {
    int n = r.size();
    List<LocalDate> dates = rows.dates().subList(r.start(), r.end());
    double[] cutoff = new double[n];
    for (int i = 0; i < n; i++) {
      cutoff[i] = r.start() + i;
    }
    Frame table = Frame.newBuilder().index(dates)
        .column("cutoff", cutoff)
        .column("actual", r.actuals())
        .column("forecast", r.forecasts())
        .column("benchmark", r.naiveForecasts())
        .column("p2.5", r.lower(0.95))
        .column("p25", r.lower(0.5))
        .column("p50", r.medians())
        .column("p75", r.upper(0.5))
        .column("p97.5", r.upper(0.95))
        .build();
    Path csv = out.resolve("forecasts.csv");
    try {
      Files.createDirectories(out);
      FrameCsv.defaults().write(table, csv);
    } catch (IOException e) {
      throw new DemoException("cannot write " + csv + ": " + e.getMessage());
    }
    return csv;
  }
}
