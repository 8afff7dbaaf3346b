package io.rila.bootstrap;

import io.rila.core.frame.Frame;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The forecasts of a {@link Backtest}, one per cutoff {@code c} in {@code [start, end)}, and their
 * metrics next to a naive benchmark's, over all cutoffs and per window.
 *
 * <pre>{@code
 * BacktestResult r = backtest.run(x, y);
 * double[] forecasts = r.forecasts();          // index i is cutoff start() + i
 * ForecastMetrics model = r.metrics();
 * ForecastMetrics naive = r.naiveMetrics();
 * double covered = r.coverage(0.95);           // share of actuals inside the 95% band
 * double[] low = r.predictionLower();          // conformal intervals, if the backtest had them
 * double hit = r.predictionCoverage();         // share of actuals inside them
 * for (int w = 0; w < r.windows(); w++) {
 *   System.out.println(r.windowStart(w) + ".." + r.windowEnd(w) + ": " + r.metrics(w));
 * }
 * System.out.println(r.table());
 * }</pre>
 *
 * <p>Arrays are indexed by {@code c - start()}. Window {@code w} holds the cutoffs {@code
 * windowStart(w) .. windowEnd(w) - 1}: consecutive blocks of {@code windowLength()} cutoffs, the
 * last one possibly shorter. Coverage counts an actual equal to a band's end as inside.
 *
 * <p>Thread safety: immutable; accessors return copies. Allocation: metrics are computed once,
 * when the result is made.
 */
public final class BacktestResult {

  private final int start;
  private final int end;
  private final double[] bands;
  private final int naiveLag;
  private final String benchmark;
  private final int windowLength;
  private final double[] actuals;
  private final double[] forecasts;
  private final double[] medians;
  private final double[] naive;
  private final double[][] lower;
  private final double[][] upper;
  private final ForecastMetrics[] modelMetrics;
  private final ForecastMetrics[] naiveMetrics;
  private final double[][] coverage;
  private final PredictionIntervals predictionIntervals;
  private final double[] predictionLower;
  private final double[] predictionUpper;
  /** Per window, then over all cutoffs: the share of actuals inside the prediction interval. */
  private final double[] predictionCoverage;
  /** Per window, then over all cutoffs: the mean width of the prediction interval. */
  private final double[] predictionWidth;

  BacktestResult(
      int start, int end, double[] bands, int naiveLag, String benchmark, int windowLength,
      double[] actuals, double[] forecasts, double[] medians, double[] naive, double[][] lower,
      double[][] upper) {
    this(start, end, bands, naiveLag, benchmark, windowLength, actuals, forecasts, medians, naive,
        lower, upper, null, null, null);
  }

  BacktestResult(
      int start, int end, double[] bands, int naiveLag, String benchmark, int windowLength,
      double[] actuals, double[] forecasts, double[] medians, double[] naive, double[][] lower,
      double[][] upper, PredictionIntervals predictionIntervals, double[] predictionLower,
      double[] predictionUpper) {
    this.predictionIntervals = predictionIntervals;
    this.predictionLower = predictionLower;
    this.predictionUpper = predictionUpper;
    this.start = start;
    this.end = end;
    this.bands = bands;
    this.naiveLag = naiveLag;
    this.benchmark = benchmark;
    this.windowLength = windowLength;
    this.actuals = actuals;
    this.forecasts = forecasts;
    this.medians = medians;
    this.naive = naive;
    this.lower = lower;
    this.upper = upper;
    int count = end - start;
    int windows = (count + windowLength - 1) / windowLength;
    this.modelMetrics = new ForecastMetrics[windows + 1];
    this.naiveMetrics = new ForecastMetrics[windows + 1];
    this.coverage = new double[bands.length][windows + 1];
    this.predictionCoverage = predictionIntervals == null ? null : new double[windows + 1];
    this.predictionWidth = predictionIntervals == null ? null : new double[windows + 1];
    for (int w = 0; w <= windows; w++) {
      int from = w == windows ? 0 : w * windowLength;
      int to = w == windows ? count : Math.min(count, from + windowLength);
      modelMetrics[w] = ForecastMetrics.compute(actuals, forecasts, from, to);
      naiveMetrics[w] = ForecastMetrics.compute(actuals, naive, from, to);
      for (int k = 0; k < bands.length; k++) {
        int inside = 0;
        for (int i = from; i < to; i++) {
          if (actuals[i] >= lower[k][i] && actuals[i] <= upper[k][i]) {
            inside++;
          }
        }
        coverage[k][w] = (double) inside / (to - from);
      }
      if (predictionIntervals != null) {
        int inside = 0;
        double width = 0;
        for (int i = from; i < to; i++) {
          if (actuals[i] >= predictionLower[i] && actuals[i] <= predictionUpper[i]) {
            inside++;
          }
          width += predictionUpper[i] - predictionLower[i];
        }
        predictionCoverage[w] = (double) inside / (to - from);
        predictionWidth[w] = width / (to - from);
      }
    }
  }

  /**
   * The first cutoff.
   *
   * @return the first forecast row
   */
  public int start() {
    return start;
  }

  /**
   * One past the last cutoff.
   *
   * @return the end
   */
  public int end() {
    return end;
  }

  /**
   * The number of forecasts, {@code end() - start()}.
   *
   * @return the count
   */
  public int size() {
    return end - start;
  }

  /**
   * The nominal levels of the bands, in the order they were configured.
   *
   * @return a new array
   */
  public double[] bands() {
    return bands.clone();
  }

  /**
   * How many rows back the naive benchmark looked (the lag of {@link
   * Backtest.Builder#benchmarkColumn(String, int)} when a benchmark column was set).
   *
   * @return the lag
   */
  public int naiveLag() {
    return naiveLag;
  }

  /**
   * What the naive benchmark forecast: {@code naive(lag k)} for the target {@code k} rows back,
   * or {@code column(lag k)} for a {@link Backtest.Builder#benchmarkColumn(String, int) benchmark
   * column}.
   *
   * @return the description
   */
  public String benchmark() {
    return benchmark;
  }

  /**
   * What happened at each cutoff: the target at rows {@code start() .. end() - 1}, or the {@link
   * Backtest.Builder#actualColumn(String) actual column} there when one was set.
   *
   * @return a new array
   */
  public double[] actuals() {
    return actuals.clone();
  }

  /**
   * The ensemble's point forecasts (means of the back-transformed members).
   *
   * @return a new array
   */
  public double[] forecasts() {
    return forecasts.clone();
  }

  /**
   * The median of the back-transformed members at each cutoff: their 0.5 quantile, interpolated
   * as {@link Summary#quantile(double)} (numpy's default {@code np.percentile(members, 50)}).
   *
   * @return a new array
   */
  public double[] medians() {
    return medians.clone();
  }

  /**
   * The naive forecasts {@code y[c - naiveLag()]} (or the benchmark column's values at those
   * rows).
   *
   * @return a new array
   */
  public double[] naiveForecasts() {
    return naive.clone();
  }

  /**
   * The lower ends of a band.
   *
   * @param band one of {@link #bands()}
   * @return a new array
   * @throws IllegalArgumentException if {@code band} was not configured
   */
  public double[] lower(double band) {
    return lower[bandIndex(band)].clone();
  }

  /**
   * The upper ends of a band.
   *
   * @param band one of {@link #bands()}
   * @return a new array
   * @throws IllegalArgumentException if {@code band} was not configured
   */
  public double[] upper(double band) {
    return upper[bandIndex(band)].clone();
  }

  /**
   * The ensemble's metrics over all cutoffs.
   *
   * @return the metrics
   */
  public ForecastMetrics metrics() {
    return modelMetrics[windows()];
  }

  /**
   * The naive benchmark's metrics over all cutoffs.
   *
   * @return the metrics
   */
  public ForecastMetrics naiveMetrics() {
    return naiveMetrics[windows()];
  }

  /**
   * The share of all cutoffs whose actual lies inside a band.
   *
   * @param band one of {@link #bands()}
   * @return the empirical coverage, in {@code [0, 1]}
   * @throws IllegalArgumentException if {@code band} was not configured
   */
  public double coverage(double band) {
    return coverage[bandIndex(band)][windows()];
  }

  /**
   * The number of cutoffs per window (the last window may have fewer).
   *
   * @return the window length
   */
  public int windowLength() {
    return windowLength;
  }

  /**
   * The number of windows.
   *
   * @return {@code ceil(size() / windowLength())}
   */
  public int windows() {
    return modelMetrics.length - 1;
  }

  /**
   * The first cutoff of a window.
   *
   * @param window {@code 0 <= window < windows()}
   * @return the cutoff
   * @throws IllegalArgumentException if {@code window} is out of range
   */
  public int windowStart(int window) {
    checkWindow(window);
    return start + window * windowLength;
  }

  /**
   * One past the last cutoff of a window.
   *
   * @param window {@code 0 <= window < windows()}
   * @return the end
   * @throws IllegalArgumentException if {@code window} is out of range
   */
  public int windowEnd(int window) {
    checkWindow(window);
    return Math.min(end, start + (window + 1) * windowLength);
  }

  /**
   * The ensemble's metrics over one window.
   *
   * @param window {@code 0 <= window < windows()}
   * @return the metrics
   * @throws IllegalArgumentException if {@code window} is out of range
   */
  public ForecastMetrics metrics(int window) {
    checkWindow(window);
    return modelMetrics[window];
  }

  /**
   * The naive benchmark's metrics over one window.
   *
   * @param window {@code 0 <= window < windows()}
   * @return the metrics
   * @throws IllegalArgumentException if {@code window} is out of range
   */
  public ForecastMetrics naiveMetrics(int window) {
    checkWindow(window);
    return naiveMetrics[window];
  }

  /**
   * The share of a window's cutoffs whose actual lies inside a band.
   *
   * @param band one of {@link #bands()}
   * @param window {@code 0 <= window < windows()}
   * @return the empirical coverage, in {@code [0, 1]}
   * @throws IllegalArgumentException if {@code band} was not configured or {@code window} is out
   *     of range
   */
  public double coverage(double band, int window) {
    int k = bandIndex(band);
    checkWindow(window);
    return coverage[k][window];
  }

  /**
   * The conformal method of the prediction intervals, if the backtest had one ({@link
   * Backtest.Builder#predictionIntervals(PredictionIntervals)}).
   *
   * @return the method, or empty
   */
  public Optional<PredictionIntervals> predictionIntervals() {
    return Optional.ofNullable(predictionIntervals);
  }

  /**
   * The lower ends of the conformal prediction intervals, one per cutoff, on the actual's scale.
   *
   * @return a new array, index {@code c - start()}
   * @throws IllegalStateException if the backtest had no prediction intervals
   */
  public double[] predictionLower() {
    requireIntervals("predictionLower");
    return predictionLower.clone();
  }

  /**
   * The upper ends of the conformal prediction intervals, one per cutoff, on the actual's scale
   * ({@code +infinity} where the calibration rows were too few for the level).
   *
   * @return a new array, index {@code c - start()}
   * @throws IllegalStateException if the backtest had no prediction intervals
   */
  public double[] predictionUpper() {
    requireIntervals("predictionUpper");
    return predictionUpper.clone();
  }

  /**
   * The share of all cutoffs whose actual lies inside its prediction interval, ends included.
   *
   * @return the empirical coverage, in {@code [0, 1]}
   * @throws IllegalStateException if the backtest had no prediction intervals
   */
  public double predictionCoverage() {
    requireIntervals("predictionCoverage");
    return predictionCoverage[windows()];
  }

  /**
   * The share of a window's cutoffs whose actual lies inside its prediction interval.
   *
   * @param window {@code 0 <= window < windows()}
   * @return the empirical coverage, in {@code [0, 1]}
   * @throws IllegalStateException if the backtest had no prediction intervals
   * @throws IllegalArgumentException if {@code window} is out of range
   */
  public double predictionCoverage(int window) {
    requireIntervals("predictionCoverage");
    checkWindow(window);
    return predictionCoverage[window];
  }

  /**
   * The mean width {@code upper - lower} of the prediction intervals over all cutoffs, on the
   * actual's scale (infinite if an interval is).
   *
   * @return the mean width
   * @throws IllegalStateException if the backtest had no prediction intervals
   */
  public double predictionWidth() {
    requireIntervals("predictionWidth");
    return predictionWidth[windows()];
  }

  /**
   * The mean width of a window's prediction intervals.
   *
   * @param window {@code 0 <= window < windows()}
   * @return the mean width
   * @throws IllegalStateException if the backtest had no prediction intervals
   * @throws IllegalArgumentException if {@code window} is out of range
   */
  public double predictionWidth(int window) {
    requireIntervals("predictionWidth");
    checkWindow(window);
    return predictionWidth[window];
  }

  private void requireIntervals(String name) {
    if (predictionIntervals == null) {
      throw new IllegalStateException(name + ": the backtest had no prediction intervals"
          + " (expected: Backtest.Builder.predictionIntervals set)");
    }
  }

  /**
   * A text table: one line per window and one for all cutoffs, with the ensemble's R^2, MAPE (in
   * percent), RMSE and MAE, the naive benchmark's, the coverage of each band and, when the
   * backtest had them, the coverage and mean width of the conformal prediction intervals.
   *
   * @return the table, lines ending in {@code \n}
   */
  public String table() {
    int windows = windows();
    int fixedColumns = 10;
    int intervalColumns = predictionIntervals == null ? 0 : 2;
    String[][] cells = new String[windows + 2][fixedColumns + bands.length + intervalColumns];
    String[] header = {"cutoffs", "n", "R2", "MAPE %", "RMSE", "MAE", "naive R2", "naive MAPE %",
        "naive RMSE", "naive MAE"};
    System.arraycopy(header, 0, cells[0], 0, fixedColumns);
    for (int k = 0; k < bands.length; k++) {
      cells[0][fixedColumns + k] = "cover " + format("%.3g", bands[k]);
    }
    int pi = fixedColumns + bands.length;
    if (predictionIntervals != null) {
      cells[0][pi] = "PI cover " + format("%.3g", predictionIntervals.level());
      cells[0][pi + 1] = "PI width";
    }
    for (int w = 0; w <= windows; w++) {
      String[] row = cells[w + 1];
      int from = w == windows ? start : windowStart(w);
      int to = w == windows ? end : windowEnd(w);
      row[0] = (w == windows ? "all " : "") + from + ".." + (to - 1);
      ForecastMetrics m = modelMetrics[w];
      ForecastMetrics n = naiveMetrics[w];
      row[1] = Integer.toString(m.count());
      row[2] = format("%.3f", m.r2());
      row[3] = format("%.2f", 100 * m.mape());
      row[4] = format("%.4g", m.rmse());
      row[5] = format("%.4g", m.mae());
      row[6] = format("%.3f", n.r2());
      row[7] = format("%.2f", 100 * n.mape());
      row[8] = format("%.4g", n.rmse());
      row[9] = format("%.4g", n.mae());
      for (int k = 0; k < bands.length; k++) {
        row[fixedColumns + k] = format("%.3f", coverage[k][w]);
      }
      if (predictionIntervals != null) {
        row[pi] = format("%.3f", predictionCoverage[w]);
        row[pi + 1] = format("%.4g", predictionWidth[w]);
      }
    }
    return TextTable.render(cells);
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  private int bandIndex(double band) {
    for (int k = 0; k < bands.length; k++) {
      if (Double.compare(bands[k], band) == 0) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "band: " + band + " (expected: one of " + Arrays.toString(bands) + ")");
  }

  private void checkWindow(int window) {
    if (window < 0 || window >= windows()) {
      throw new IllegalArgumentException(
          "window: " + window + " (expected: 0 <= window < " + windows() + ")");
    }
  }

  /**
   * Such as {@code BacktestResult[cutoffs 30..184, model ForecastMetrics[n=155, ...], naive(lag 1)
   * ForecastMetrics[n=155, ...], prediction intervals enbpi(0.9): coverage 0.884, mean width
   * 1.2e7]} (the last part only when the backtest had prediction intervals).
   */
  /**
   * The backtest as a frame, one row per cutoff ({@code start() .. end() - 1}): columns {@code
   * cutoff} (the row index), {@code actual}, {@code forecast}, {@code benchmark} (the naive or
   * benchmark forecast), {@code lower_<band>} and {@code upper_<band>} for each band (such as
   * {@code lower_0.95}), and, with prediction intervals, {@code predictionLower} and {@code
   * predictionUpper} (which may be infinite). Write it with {@code FrameCsv}.
   *
   * @return a new frame of {@link #size()} rows
   */
  public Frame toFrame() {
    int n = size();
    double[] cutoff = new double[n];
    for (int i = 0; i < n; i++) {
      cutoff[i] = start + i;
    }
    Frame.Builder b = Frame.newBuilder().column("cutoff", cutoff).column("actual", actuals.clone())
        .column("forecast", forecasts.clone()).column("benchmark", naive.clone());
    for (int k = 0; k < bands.length; k++) {
      b.column("lower_" + bands[k], lower[k].clone());
      b.column("upper_" + bands[k], upper[k].clone());
    }
    if (predictionIntervals != null) {
      b.column("predictionLower", predictionLower.clone());
      b.column("predictionUpper", predictionUpper.clone());
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "BacktestResult[cutoffs " + start + ".." + (end - 1) + ", model " + metrics()
        + ", " + benchmark + " " + naiveMetrics()
        + (predictionIntervals == null ? "" : ", prediction intervals " + predictionIntervals
            + ": coverage " + format("%.3f", predictionCoverage[windows()]) + ", mean width "
            + format("%.4g", predictionWidth[windows()]))
        + "]";
  }
}
