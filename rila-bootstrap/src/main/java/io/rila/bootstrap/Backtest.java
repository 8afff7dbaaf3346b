package io.rila.bootstrap;

import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import io.rila.core.internal.ChunkedTasks;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An expanding-window, one-step-ahead forecasting backtest of a {@link BootstrapRidgeEnsemble}: for
 * every cutoff {@code c} in {@code [start, end)} the ensemble is fitted on rows {@code 0 .. c - 1}
 * and forecasts row {@code c}.
 *
 * <pre>{@code
 * BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
 *     .estimators(1000).alpha(1.0).seed(42).nonNegative(true)
 *     .targetTransform(TargetTransform.LOG1P).build();
 * BacktestResult result = Backtest.newBuilder()
 *     .ensemble(ensemble)
 *     .start(30)                              // first forecast row; end defaults to the last row
 *     .weights(CutoffWeights.decay(0.98))     // recomputed at every cutoff
 *     .bands(0.95, 0.80)
 *     .naiveLag(1)                            // benchmark: the value one row earlier
 *     .windowLength(13)
 *     .predictionIntervals(PredictionIntervals.jackknifePlusAfterBootstrap(0.9))
 *     .build()
 *     .run(frame, "sales", features);
 * double r2 = result.metrics().r2();
 * double covered = result.coverage(0.95);
 * double[] low = result.predictionLower();          // conformal, for the actual sales
 * double hit = result.predictionCoverage();
 * System.out.println(result.table());
 * }</pre>
 *
 * <p><b>What each cutoff does.</b> The fit at cutoff {@code c} uses the ensemble's settings as a
 * template (members, alpha, resampling, target transform, precision, {@code nonNegative}, solve
 * form) and the sample weights the {@link CutoffWeights} give rows {@code 0 .. c - 1}. Its point
 * forecast is the mean of the members' back-transformed predictions for row {@code c}, and the
 * band of nominal level {@code b} runs from the members' {@code (1 - b) / 2} to their {@code (1 +
 * b) / 2} quantile (numpy's {@code linear} rule, levels computed in double). The band describes
 * the spread of the fitted mean across bootstrap members, not the noise of a single week, so its
 * coverage of the actual values is expected to fall short of {@code b}; the result measures by
 * how much.
 *
 * <p><b>Seeds.</b> Every cutoff uses the ensemble's own seed (for {@code sklearnCompatible}, its
 * random state), as a production system that refits with a fixed {@code random_state} each week
 * does: the forecast at cutoff {@code c} is exactly what {@code ensemble.fit} on the first {@code
 * c} rows with the same weights predicts, and differences between cutoffs come from the data, not
 * from new draws. The result is therefore a function of the data and the settings only.
 *
 * <p><b>Prediction intervals.</b> With {@link Builder#predictionIntervals(PredictionIntervals)},
 * the fit at each cutoff is also calibrated on its own training rows' out-of-bag residuals and
 * gives a conformal interval for the actual value of row {@code c} (see {@link
 * PredictionIntervals}); unlike the bands, these intervals are meant to cover the actual values at
 * their nominal level, and the result reports how often they did and how wide they were.
 *
 * <p><b>Benchmark and metrics.</b> The naive forecast of row {@code c} is the target {@code k =
 * naiveLag} rows earlier, {@code y[c - k]} (after dropped rows, the {@code k}-th kept row before),
 * or, with {@link Builder#benchmarkColumn(String, int) benchmarkColumn(column, k)}, that column's
 * value at row {@code c - k}. The forecasts are scored against the target at row {@code c}, or
 * against another column there with {@link Builder#actualColumn(String)} (the fit still uses the
 * target). Both column options need {@link #run(Frame, String, List)}.
 * R^2, MAPE, RMSE and MAE ({@link ForecastMetrics}) and the coverage of each band (the share of
 * cutoffs whose actual lies inside the band, ends included) are reported over all cutoffs and per
 * window: consecutive, non-overlapping blocks of {@code windowLength} cutoffs from {@code start},
 * the last one possibly shorter.
 *
 * <p><b>Parallelism.</b> Cutoffs run in parallel on the executor (default {@link
 * ForkJoinPool#commonPool()}; {@code Runnable::run} runs them one after another on the caller),
 * each fitting its members on the thread that runs it, so pools are never nested; the calling
 * thread takes part. The ensemble's executor and cancellation token are not used; its progress
 * listener, if any, hears the completed cutoffs (about 100 times per run), not the members of each
 * fit. Results are identical for every executor. Interrupting the calling thread stops the run
 * between members. A run logs one SLF4J INFO line at its end (cutoffs, members, seconds); the
 * fits of the cutoffs log at DEBUG only.
 *
 * <p>Thread safety: immutable; {@code run} may be called concurrently. Allocation: each cutoff
 * allocates its training prefix and one ensemble (members x (features + 1) coefficients), released
 * when its forecast is stored.
 */
public final class Backtest {

  private static final Logger LOG = LoggerFactory.getLogger(Backtest.class);

  private static final int UNSET = -1;

  private final BootstrapRidgeEnsemble ensemble;
  private final int start;
  private final int end;
  private final CutoffWeights weights;
  private final double[] bands;
  private final int naiveLag;
  private final String actualColumn;
  private final String benchmarkColumn;
  private final int windowLength;
  private final Executor executor;
  private final PredictionIntervals predictionIntervals;

  private Backtest(Builder b) {
    this.ensemble = b.ensemble;
    this.start = b.start;
    this.end = b.end;
    this.weights = b.weights == null ? CutoffWeights.equal() : b.weights;
    this.bands = b.bands == null ? new double[] {0.95, 0.80} : b.bands;
    this.naiveLag = b.naiveLag == UNSET ? 1 : b.naiveLag;
    this.actualColumn = b.actualColumn;
    this.benchmarkColumn = b.benchmarkColumn;
    this.windowLength = b.windowLength == UNSET ? 13 : b.windowLength;
    this.executor = b.executor == null ? ForkJoinPool.commonPool() : b.executor;
    this.predictionIntervals = b.predictionIntervals;
  }

  /**
   * A builder with every option unset (required: {@code ensemble} and {@code start}; defaults:
   * {@code end} = the data's rows, {@link CutoffWeights#equal()}, bands 0.95 and 0.80, naive lag 1,
   * windows of 13 cutoffs, {@link ForkJoinPool#commonPool()}).
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Runs the backtest on a feature matrix and a target on its own scale (the ensemble's target
   * transform is applied by each fit).
   *
   * @param x the features, {@code rows x features}, finite
   * @param y the target, one finite value per row, inside the transform's domain
   * @return the forecasts and their metrics
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException if {@code x} is empty or ragged, a value is NaN, infinite or
   *     outside the transform's domain (the message names the row and column), the lengths
   *     disagree, {@code end} is beyond the data, {@code start < features + 2} (a first fit with no
   *     more rows than coefficients), {@code start < naiveLag}, a block of the resampling is longer
   *     than the first fit's rows, or the weights do not fit the data
   * @throws CancellationException if the calling thread was interrupted
   * @throws IllegalStateException if {@code actualColumn} or {@code benchmarkColumn} was set (they
   *     name columns, so they need {@link #run(Frame, String, List)}), or a fit fails (the message
   *     names the cutoff)
   */
  public BacktestResult run(double[][] x, double[] y) {
    if (actualColumn != null || benchmarkColumn != null) {
      String name = actualColumn != null ? "actualColumn" : "benchmarkColumn";
      String column = actualColumn != null ? actualColumn : benchmarkColumn;
      throw new IllegalStateException(name + ": set to '" + column
          + "', a frame column (expected: run(Frame, String, List) for a backtest with columns)");
    }
    int p = Checks.finiteMatrix(x, "x");
    Checks.onePerRow(y, x.length, "y");
    TargetTransform transform = ensemble.targetTransform();
    for (int i = 0; i < y.length; i++) {
      if (!transform.accepts(y[i])) {
        throw new IllegalArgumentException(
            "y[" + i + "]: " + y[i] + " (expected: " + transform.domain() + ")");
      }
    }
    return execute(x, y, p, null);
  }

  /**
   * Runs the backtest on columns of a frame; the target is on its own scale. The forecasts are
   * scored against the target, or against {@code actualColumn} when set, and the benchmark reads
   * the target, or {@code benchmarkColumn} when set.
   *
   * @param frame the data, rows in time order
   * @param target the target column
   * @param features the feature columns, at least one, no repeats
   * @return the forecasts and their metrics
   * @throws NullPointerException if an argument or a feature name is null
   * @throws IllegalArgumentException if a column (target, feature, {@code actualColumn}, {@code
   *     benchmarkColumn}) is missing or a feature repeats, a feature or target cell is NaN
   *     (missing), infinite or outside the transform's domain, a cell of {@code actualColumn} at a
   *     cutoff row or of {@code benchmarkColumn} at a row it is read from is NaN or infinite (the
   *     message names the column and row), {@code benchmarkColumn}'s lag exceeds {@code start},
   *     with prediction intervals no cell of {@code actualColumn} in rows {@code 0 .. start - 1}
   *     is finite and inside the transform's domain (the message names the column and the first
   *     cutoff), or as {@link #run(double[][], double[])}
   * @throws CancellationException if the calling thread was interrupted
   * @throws IllegalStateException if a fit fails (the message names the cutoff)
   */
  public BacktestResult run(Frame frame, String target, List<String> features) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(target, "target");
    FrameColumns.checkFeatures(frame, features);
    FrameColumns.require(frame, target, "target");
    if (actualColumn != null) {
      FrameColumns.require(frame, actualColumn, "actualColumn");
    }
    if (benchmarkColumn != null) {
      FrameColumns.require(frame, benchmarkColumn, "benchmarkColumn");
    }
    if (frame.rows() == 0) {
      throw new IllegalArgumentException("frame: 0 rows (expected: >= 1)");
    }
    double[][] x = FrameColumns.finiteRows(frame, features);
    double[] y = frame.column(target);
    TargetTransform transform = ensemble.targetTransform();
    for (int i = 0; i < y.length; i++) {
      if (!transform.accepts(y[i])) {
        throw new IllegalArgumentException("target: column '" + target + "', row " + i + " is "
            + y[i] + " (expected: " + transform.domain() + ")");
      }
    }
    return execute(x, y, features.size(), frame);
  }

  /** The backtest of {@code x, y}; {@code frame} (or null) holds the actual and benchmark columns. */
  private BacktestResult execute(double[][] x, double[] y, int p, Frame frame) {
    int rows = x.length;
    int last = end == UNSET ? rows : end;
    checkCutoffs(rows, p, last);
    weights.check(rows, start, last);
    try {
      ensemble.resampling().checkRows(start);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "start: " + start + " rows in the first fit, too few for " + e.getMessage(), e);
    }
    double[] actuals = actualColumn == null ? Arrays.copyOfRange(y, start, last)
        : finiteRange(frame, actualColumn, "actualColumn", start, last);
    double[] naive = benchmarkColumn == null
        ? Arrays.copyOfRange(y, start - naiveLag, last - naiveLag)
        : finiteRange(frame, benchmarkColumn, "benchmarkColumn", start - naiveLag,
            last - naiveLag);
    int count = last - start;
    double[] levels = levels(bands);
    double[] forecasts = new double[count];
    double[] medians = new double[count];
    double[] quantiles = new double[count * (levels.length - 1)];
    double[] predictionLower = predictionIntervals == null ? null : new double[count];
    double[] predictionUpper = predictionIntervals == null ? null : new double[count];
    double[] calibrationTarget = predictionIntervals == null ? null
        : calibrationTarget(y, frame, ensemble.targetTransform());
    BootstrapRidgeEnsemble fitter = ensemble.withSeedAndExecutor(ensemble.seed(), Runnable::run);
    Supplier<ChunkedTasks.Worker> workers = () -> index -> {
      int c = start + index;
      double[][] prefix = Arrays.copyOf(x, c);
      double[] target = Arrays.copyOf(y, c);
      double[] w = weights.at(c, rows);
      EnsembleModel model = w == null ? fitter.fit(prefix, target)
          : fitter.fit(prefix, target, w);
      Summary s = model.predict(x[c], levels);
      forecasts[index] = s.mean();
      int bandLevels = levels.length - 1;
      for (int q = 0; q < bandLevels; q++) {
        quantiles[index * bandLevels + q] = s.quantileAt(q);
      }
      medians[index] = s.quantileAt(bandLevels);
      if (predictionIntervals != null) {
        PredictionInterval interval = predictionIntervals
            .calibrated(model, prefix, Arrays.copyOf(calibrationTarget, c), w).interval(x[c]);
        predictionLower[index] = interval.lower();
        predictionUpper[index] = interval.upper();
      }
    };
    long started = System.nanoTime();
    try {
      ChunkedTasks.run(count, 1, executor, ChunkedTasks.helpers(executor), workers,
          ensemble.progressEvents(), () -> false, true);
    } catch (ChunkedTasks.TaskFailure e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      if (cause instanceof CancellationException) {
        throw (CancellationException) cause;
      }
      throw new IllegalStateException(
          "cutoff " + (start + e.task()) + ": " + cause.getMessage(), cause);
    }
    LOG.info("backtest: {} cutoffs [{}, {}), {} members each, {} s", count, start, last,
        ensemble.estimators(),
        String.format(Locale.ROOT, "%.3f", (System.nanoTime() - started) / 1e9));
    int b = bands.length;
    double[][] lower = new double[b][count];
    double[][] upper = new double[b][count];
    for (int i = 0; i < count; i++) {
      for (int k = 0; k < b; k++) {
        lower[k][i] = quantiles[i * 2 * b + k];
        upper[k][i] = quantiles[i * 2 * b + b + k];
      }
    }
    return new BacktestResult(start, last, bands.clone(), naiveLag, benchmark(), windowLength,
        actuals, forecasts, medians, naive, lower, upper, predictionIntervals, predictionLower,
        predictionUpper);
  }

  /**
   * What the conformal residuals are computed from, on the model's scale: the target, or the
   * actual column where one is set (NaN where it is missing, infinite or outside the transform's
   * domain, leaving that row out of the calibration). Fails, naming the actual column, when no
   * training row of the first cutoff is left to calibrate on.
   */
  private double[] calibrationTarget(double[] y, Frame frame, TargetTransform transform) {
    double[] source = actualColumn == null ? y : frame.column(actualColumn);
    double[] z = new double[source.length];
    boolean any = false;
    for (int i = 0; i < z.length; i++) {
      z[i] = transform.accepts(source[i]) ? transform.apply(source[i]) : Double.NaN;
      any |= i < start && !Double.isNaN(z[i]);
    }
    if (!any) {
      throw new IllegalArgumentException("actualColumn: column '" + actualColumn + "' has no"
          + " value " + transform.domain() + " in rows 0 .. " + (start - 1) + ", the training"
          + " rows of cutoff " + start + " (expected: at least one to calibrate the prediction"
          + " intervals on)");
    }
    return z;
  }

  /** Rows {@code from .. to - 1} of a column; fails on a cell that is not finite, naming it. */
  private static double[] finiteRange(Frame frame, String column, String what, int from, int to) {
    double[] all = frame.column(column);
    for (int i = from; i < to; i++) {
      if (!Double.isFinite(all[i])) {
        throw new IllegalArgumentException(what + ": column '" + column + "', row " + i + " is "
            + all[i] + " (expected: finite)");
      }
    }
    return Arrays.copyOfRange(all, from, to);
  }

  /** Such as {@code naive(lag 1)} or {@code sales_target_contract_t5(lag 1)}. */
  private String benchmark() {
    return (benchmarkColumn == null ? "naive" : benchmarkColumn) + "(lag " + naiveLag + ")";
  }

  private void checkCutoffs(int rows, int p, int last) {
    if (last > rows) {
      throw new IllegalArgumentException(
          "end: " + last + " (expected: <= " + rows + ", the rows of the data)");
    }
    if (start >= last) {
      throw new IllegalArgumentException("start: " + start + " (expected: < " + last
          + (end == UNSET ? ", the rows of the data" : ", the end") + ")");
    }
    if (start < p + 2) {
      throw new IllegalArgumentException("start: " + start + " (expected: >= " + (p + 2)
          + ", features + 2, so that the first fit has more rows than coefficients)");
    }
    if (naiveLag > start) {
      String name = benchmarkColumn == null ? "naiveLag:" : "benchmarkColumn: lag";
      throw new IllegalArgumentException(name + " " + naiveLag + " (expected: <= start = "
          + start + ", so that the first cutoff has a value " + naiveLag + " rows back)");
    }
  }

  /**
   * The lower levels {@code (1 - b) / 2} of every band, then the upper levels {@code (1 + b) / 2},
   * then 0.5 (the median).
   */
  private static double[] levels(double[] bands) {
    int b = bands.length;
    double[] levels = new double[2 * b + 1];
    for (int k = 0; k < b; k++) {
      levels[k] = (1 - bands[k]) / 2;
      levels[b + k] = (1 + bands[k]) / 2;
    }
    levels[2 * b] = 0.5;
    return levels;
  }

  /** Such as {@code Backtest[start=30, end=rows, weights=decay(0.98), bands=[0.95, 0.8], ...]}. */
  @Override
  public String toString() {
    return "Backtest[start=" + start + ", end=" + (end == UNSET ? "rows" : Integer.toString(end))
        + ", weights=" + weights + ", bands=" + Arrays.toString(bands)
        + (benchmarkColumn == null ? ", naiveLag=" + naiveLag
            : ", benchmarkColumn=" + benchmarkColumn + ", lag=" + naiveLag)
        + (actualColumn == null ? "" : ", actualColumn=" + actualColumn)
        + ", windowLength=" + windowLength
        + (predictionIntervals == null ? "" : ", predictionIntervals=" + predictionIntervals)
        + ", ensemble=" + ensemble + "]";
  }

  /**
   * Settings of a {@link Backtest}. Each option can be set once (a second call throws {@link
   * IllegalStateException} naming the value already set); {@code ensemble} and {@code start} are
   * required, the rest take their defaults in {@link #build()}, which can be called any number of
   * times.
   *
   * <p>Thread safety: not thread-safe.
   */
  public static final class Builder {
    private BootstrapRidgeEnsemble ensemble;
    private int start = UNSET;
    private int end = UNSET;
    private CutoffWeights weights;
    private double[] bands;
    private int naiveLag = UNSET;
    private String benchmarkColumn;
    private String actualColumn;
    private int windowLength = UNSET;
    private Executor executor;
    private PredictionIntervals predictionIntervals;

    private Builder() {}

    /**
     * The ensemble whose settings every cutoff's fit uses (required).
     *
     * @param ensemble the template
     * @return this builder
     * @throws NullPointerException if {@code ensemble} is null
     * @throws IllegalStateException if already set
     */
    public Builder ensemble(BootstrapRidgeEnsemble ensemble) {
      Checks.unset(this.ensemble == null, "ensemble", this.ensemble);
      this.ensemble = Objects.requireNonNull(ensemble, "ensemble");
      return this;
    }

    /**
     * The first cutoff: the first forecast row, and the number of rows of the first fit
     * (required). It must be at least the number of features plus 2, checked when the data is
     * known.
     *
     * @param start {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code start < 1}
     * @throws IllegalStateException if already set
     */
    public Builder start(int start) {
      Checks.unset(this.start == UNSET, "start", this.start);
      this.start = Checks.atLeast(start, 1, "start");
      return this;
    }

    /**
     * One past the last cutoff (default: the number of rows, so the last row is forecast).
     *
     * @param end {@code >= 2}, greater than {@code start}, at most the rows of the data
     * @return this builder
     * @throws IllegalArgumentException if {@code end < 2}
     * @throws IllegalStateException if already set
     */
    public Builder end(int end) {
      Checks.unset(this.end == UNSET, "end", this.end);
      this.end = Checks.atLeast(end, 2, "end");
      return this;
    }

    /**
     * The sample weights of each cutoff's training rows (default {@link CutoffWeights#equal()}).
     *
     * @param weights the weighting
     * @return this builder
     * @throws NullPointerException if {@code weights} is null
     * @throws IllegalStateException if already set
     */
    public Builder weights(CutoffWeights weights) {
      Checks.unset(this.weights == null, "weights", this.weights);
      this.weights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    /**
     * The nominal levels of the percentile bands (default 0.95 and 0.80): band {@code b} runs
     * from the members' {@code (1 - b) / 2} quantile to their {@code (1 + b) / 2} quantile.
     *
     * @param bands at least one level, each strictly between 0 and 1, no repeats
     * @return this builder
     * @throws NullPointerException if {@code bands} is null
     * @throws IllegalArgumentException if {@code bands} is empty, a level is NaN or outside {@code
     *     (0, 1)}, or a level repeats
     * @throws IllegalStateException if already set
     */
    public Builder bands(double... bands) {
      Checks.unset(this.bands == null, "bands", Arrays.toString(this.bands));
      Objects.requireNonNull(bands, "bands");
      if (bands.length == 0) {
        throw new IllegalArgumentException("bands: empty (expected: at least one level)");
      }
      for (int k = 0; k < bands.length; k++) {
        if (!(bands[k] > 0 && bands[k] < 1)) {
          throw new IllegalArgumentException(
              "bands[" + k + "]: " + bands[k] + " (expected: 0 < band < 1)");
        }
        for (int l = 0; l < k; l++) {
          if (bands[l] == bands[k]) {
            throw new IllegalArgumentException(
                "bands[" + k + "]: " + bands[k] + " repeats bands[" + l + "] (expected: distinct)");
          }
        }
      }
      this.bands = bands.clone();
      return this;
    }

    /**
     * How many rows back the naive benchmark looks (default 1: the previous row's value).
     *
     * @param naiveLag {@code >= 1}, at most {@code start}
     * @return this builder
     * @throws IllegalArgumentException if {@code naiveLag < 1}
     * @throws IllegalStateException if the benchmark was already set (by this method or {@link
     *     #benchmarkColumn(String, int)})
     */
    public Builder naiveLag(int naiveLag) {
      checkBenchmarkUnset("naiveLag");
      this.naiveLag = Checks.atLeast(naiveLag, 1, "naiveLag");
      return this;
    }

    /**
     * The benchmark forecast of cutoff {@code c} is {@code column}'s value at row {@code c - lag}
     * (default: the target one row back, see {@link #naiveLag(int)}). Production systems often
     * benchmark against a lagged column of the frame, such as the sales of five weeks before read
     * at the previous row; lag 0 reads row {@code c} itself, for a column that holds only what was
     * known before row {@code c}. Only for {@link Backtest#run(Frame, String, List)}; the column
     * is checked there (present, finite at the rows read, lag at most {@code start}).
     *
     * @param column the benchmark column
     * @param lag {@code >= 0}, at most {@code start}
     * @return this builder
     * @throws NullPointerException if {@code column} is null
     * @throws IllegalArgumentException if {@code column} is blank or {@code lag < 0}
     * @throws IllegalStateException if the benchmark was already set (by this method or {@link
     *     #naiveLag(int)})
     */
    public Builder benchmarkColumn(String column, int lag) {
      checkBenchmarkUnset("benchmarkColumn");
      Objects.requireNonNull(column, "benchmarkColumn");
      Checks.notBlank(column, "benchmarkColumn");
      this.naiveLag = Checks.atLeast(lag, 0, "lag");
      this.benchmarkColumn = column;
      return this;
    }

    /** The benchmark is one setting: {@code naiveLag} or {@code benchmarkColumn}, set once. */
    private void checkBenchmarkUnset(String name) {
      if (benchmarkColumn == null && naiveLag == UNSET) {
        return;
      }
      String by = benchmarkColumn == null ? "naiveLag" : "benchmarkColumn";
      String value = benchmarkColumn == null ? Integer.toString(naiveLag)
          : "'" + benchmarkColumn + "', lag " + naiveLag;
      Checks.unset(!by.equals(name), name, value);
      throw new IllegalStateException(name + ": the benchmark was already set by " + by + " to "
          + value + " (expected: naiveLag or benchmarkColumn, not both)");
    }

    /**
     * Scores the forecast of cutoff {@code c} against {@code column}'s value at row {@code c}
     * instead of the target's (default: the target). The model is still fitted on the target; a
     * production system may, for example, fit sales by application date and be judged on sales by
     * contract date. Metrics and band coverage are computed against this column, on its own
     * scale. Only for {@link Backtest#run(Frame, String, List)}; the column is checked there
     * (present, finite at every cutoff row).
     *
     * @param column the column of actual values
     * @return this builder
     * @throws NullPointerException if {@code column} is null
     * @throws IllegalArgumentException if {@code column} is blank
     * @throws IllegalStateException if already set
     */
    public Builder actualColumn(String column) {
      Checks.unset(this.actualColumn == null, "actualColumn", this.actualColumn);
      Objects.requireNonNull(column, "actualColumn");
      this.actualColumn = Checks.notBlank(column, "actualColumn");
      return this;
    }

    /**
     * The number of consecutive cutoffs per reporting window (default 13, a quarter of weeks).
     *
     * @param windowLength {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code windowLength < 1}
     * @throws IllegalStateException if already set
     */
    public Builder windowLength(int windowLength) {
      Checks.unset(this.windowLength == UNSET, "windowLength", this.windowLength);
      this.windowLength = Checks.atLeast(windowLength, 1, "windowLength");
      return this;
    }

    /**
     * Where cutoffs run (default {@link ForkJoinPool#commonPool()}); never shut down by rila.
     *
     * @param executor the executor
     * @return this builder
     * @throws NullPointerException if {@code executor} is null
     * @throws IllegalStateException if already set
     */
    public Builder executor(Executor executor) {
      Checks.unset(this.executor == null, "executor", this.executor);
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Conformal prediction intervals for the actual value at every cutoff (default: none): the
     * fit at cutoff {@code c} is calibrated on its own training rows ({@link
     * PredictionIntervals#calibrate}, out-of-bag residuals of rows {@code 0 .. c - 1}, with the
     * cutoff's sample weights) and gives the interval of row {@code c}. The residuals are those of
     * the target, or of the {@link #actualColumn(String) actual column} when one is set (rows where
     * it is NaN, infinite or outside the target transform's domain, such as 0 or negative with
     * {@link TargetTransform#LOG}, are left out of the calibration), so the interval is for the
     * value the forecasts are scored against. An EnbPI method needs no updates here: each cutoff
     * refits and recalibrates on every earlier row.
     *
     * @param intervals the method and level
     * @return this builder
     * @throws NullPointerException if {@code intervals} is null
     * @throws IllegalStateException if already set
     * @see Backtest#run(Frame, String, List) for the error when no training row of the first
     *     cutoff has a usable actual value
     */
    public Builder predictionIntervals(PredictionIntervals intervals) {
      Checks.unset(this.predictionIntervals == null, "predictionIntervals",
          this.predictionIntervals);
      this.predictionIntervals = Objects.requireNonNull(intervals, "predictionIntervals");
      return this;
    }

    /**
     * The backtest with these settings and defaults for the rest. Side-effect free.
     *
     * @return a new backtest
     * @throws IllegalStateException if {@code ensemble} or {@code start} is not set, or {@code end
     *     <= start}
     */
    public Backtest build() {
      if (ensemble == null) {
        throw new IllegalStateException("ensemble: not set (expected: the ensemble to backtest)");
      }
      if (start == UNSET) {
        throw new IllegalStateException("start: not set (expected: the first cutoff)");
      }
      if (end != UNSET && end <= start) {
        throw new IllegalStateException(
            "end: set to " + end + ", not after start = " + start + " (expected: end > start)");
      }
      return new Backtest(this);
    }
  }
}
