package io.rila.bootstrap;

import io.rila.bootstrap.internal.MemberMatrix;
import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import io.rila.core.internal.ChunkedTasks;
import io.rila.core.regression.SolveForm;
import io.rila.core.stats.NanPolicy;
import io.rila.core.stats.Quantiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * A fitted bootstrap Ridge ensemble: {@code estimators()} members, each a Ridge regression fitted
 * to its own resample, and everything needed to turn them into predictions with uncertainty.
 *
 * <pre>{@code
 * EnsembleModel model = ensemble.fit(frame, "sales", features, "weight");
 * Summary next = model.predict(row);                       // mean, 2.5%, 50%, 97.5%
 * SummaryTable weeks = model.predict(rows, 0.05, 0.95);    // many rows, bounded memory
 * double[] members = model.memberPredictions(row);         // one prediction per member
 * ScenarioTable rates = model.scenarios(row, Scenario.sweep("prudential_rate", 3.0, 3.5, 4.0));
 * SummaryTable betas = model.coefficientIntervals();       // per feature and the intercept
 * }</pre>
 *
 * <p><b>Predictions.</b> Member {@code k}'s prediction for a row {@code x} is {@code b_k + x .
 * beta_k}, mapped back through the {@link TargetTransform} ({@code exp} or {@code expm1}) member
 * by member; means and numpy-{@code linear} quantiles are taken over these back-transformed
 * values ({@code expm1} is evaluated as {@code exp(z) - 1} where {@code |z| >= ln 2}, within 3
 * ulp). The first prediction builds a feature-major copy of the coefficients (as large as the
 * store) that later predictions reuse, so that the inner loop is an axpy over members; rows are
 * processed in blocks of four, so a batch needs {@code O(members)} memory per thread whatever its
 * number of rows. With {@link Precision#FLOAT}, a member prediction is summed in float over
 * blocks of 32 features and in double across blocks: its relative error is of the order of
 * {@code 1e-7 x sum_j |x_j beta_kj|}, next to the {@code 6e-8} rounding of each stored
 * coefficient. With {@link Precision#DOUBLE} everything is in double.
 *
 * <p><b>Parallelism.</b> Batches of eight rows or more are spread over the executor the ensemble
 * was built with ({@link #withExecutor(Executor)} changes it); the results do not depend on it.
 *
 * <p>Thread safety: immutable and safe to share; every method may be called concurrently.
 */
public final class EnsembleModel {

  /** The quantile levels used when none are given: a 95% interval and the median. */
  private static final double[] DEFAULT_LEVELS = {0.025, 0.5, 0.975};

  /** Rows per unit of parallel prediction work. */
  private static final int ROW_BLOCK = 4;

  /** Below this many rows a batch runs on the calling thread. */
  private static final int PARALLEL_ROWS = 8;

  private final CoefficientStore store;
  private final List<String> featureNames;
  private final boolean hasFeatureNames;
  private final int trainingRows;
  private final EnsembleSettings settings;
  private final Executor executor;
  private final Layout layout;
  /** The wall-clock nanoseconds of the fit that made this model, or -1 if unknown. */
  private final long fitNanos;

  /** The lazily built prediction layout, shared by copies that differ only in their executor. */
  private static final class Layout {
    private volatile MemberMatrix matrix;
  }

  /**
   * A model of these members and settings: the one a fit, a model file or a distributed trainer
   * makes, or one built from members fitted elsewhere (for example a scikit-learn {@code
   * BaggingRegressor(Ridge)} exported as NPY, see {@link ModelFiles#importNpy}). Batched
   * predictions run on {@link java.util.concurrent.ForkJoinPool#commonPool()} ({@link
   * #withExecutor} changes it).
   *
   * <pre>{@code
   * CoefficientStore members = CoefficientStore.ofDoubles(1000, 3, coefficientsAndIntercepts);
   * EnsembleSettings settings = EnsembleSettings.newBuilder().estimators(1000).alpha(1.0)
   *     .precision(Precision.DOUBLE).targetTransform(TargetTransform.LOG1P).build();
   * EnsembleModel model = EnsembleModel.of(members, List.of("rate", "spread", "vix"), 152,
   *     settings);
   * }</pre>
   *
   * @param members the members' coefficients and intercepts
   * @param featureNames the feature names ({@code members.features()} of them, distinct), or null
   *     for {@code x0, x1, ...}
   * @param trainingRows the number of rows the members were fitted on, {@code >= 1}
   * @param settings the settings the members were fitted with; their estimator count must be the
   *     member count and their precision the store's
   * @return the model
   * @throws NullPointerException if {@code members}, {@code settings} or a feature name is null
   * @throws IllegalArgumentException if {@code trainingRows < 1}, the names do not match the
   *     features, repeat or hold an unpaired surrogate, or the settings disagree with the store
   */
  public static EnsembleModel of(CoefficientStore members, List<String> featureNames,
      int trainingRows, EnsembleSettings settings) {
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(settings, "settings");
    Checks.atLeast(trainingRows, 1, "trainingRows");
    if (settings.estimators() != members.members() || settings.precision() != members.precision()) {
      throw new IllegalArgumentException("settings: " + settings.estimators() + " estimators, "
          + settings.precision() + " (expected: " + members.members() + ", "
          + members.precision() + ", as the members)");
    }
    if (featureNames != null) {
      if (featureNames.size() != members.features()) {
        throw new IllegalArgumentException("featureNames: " + featureNames.size()
            + " names (expected: " + members.features() + ", one per feature)");
      }
      Set<String> seen = new HashSet<>();
      for (int j = 0; j < featureNames.size(); j++) {
        String name = Objects.requireNonNull(featureNames.get(j), "featureNames[" + j + "]");
        // a model file could not hold an unpaired UTF-16 surrogate (no UTF-8 form)
        Checks.wellFormed(name, "featureNames[" + j + "]");
        if (!seen.add(name)) {
          throw new IllegalArgumentException("featureNames[" + j + "]: '" + name
              + "' (expected: distinct names)");
        }
      }
    }
    return new EnsembleModel(members, featureNames, trainingRows, settings,
        ForkJoinPool.commonPool(), new Layout(), -1);
  }

  private EnsembleModel(CoefficientStore store, List<String> featureNames, int trainingRows,
      EnsembleSettings settings, Executor executor, Layout layout, long fitNanos) {
    this.store = store;
    this.hasFeatureNames = featureNames != null;
    this.featureNames = featureNames != null ? List.copyOf(featureNames)
        : defaultNames(store.features());
    this.trainingRows = trainingRows;
    this.settings = settings;
    this.executor = executor;
    this.layout = layout;
    this.fitNanos = fitNanos;
  }

  private static List<String> defaultNames(int features) {
    List<String> names = new ArrayList<>(features);
    for (int j = 0; j < features; j++) {
      names.add("x" + j);
    }
    return List.copyOf(names);
  }

  /**
   * This model with another executor for batched predictions; it shares the coefficients (and
   * the prediction layout) with this one.
   *
   * @param executor where batched predictions run
   * @return a new model
   * @throws NullPointerException if {@code executor} is null
   */
  public EnsembleModel withExecutor(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return new EnsembleModel(store, hasFeatureNames ? featureNames : null, trainingRows, settings,
        executor, layout, fitNanos);
  }

  /** This model, recording how long the fit that made it took. */
  EnsembleModel withFitNanos(long nanos) {
    return new EnsembleModel(store, hasFeatureNames ? featureNames : null, trainingRows, settings,
        executor, layout, nanos);
  }

  /**
   * How long the fit that returned this model took (wall clock, from the data checks to the
   * model), for a model returned by a {@code fit} method; empty for models loaded from a file,
   * imported, built with {@link #of} or assembled from member ranges. Not saved in model files.
   *
   * @return the fit's duration, or empty
   */
  public Optional<Duration> fitTime() {
    return fitNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(fitNanos));
  }

  /**
   * The settings the members were fitted with: their estimator count is {@link #estimators()},
   * their precision {@link #precision()} and their solve form the one the members were solved
   * in.
   *
   * @return the settings
   */
  public EnsembleSettings settings() {
    return settings;
  }

  /**
   * The number of members.
   *
   * @return the member count
   */
  public int estimators() {
    return store.members();
  }

  /**
   * The number of features.
   *
   * @return the feature count
   */
  public int features() {
    return store.features();
  }

  /**
   * The feature names: those of the frame the model was fitted from, otherwise {@code x0, x1,
   * ...}.
   *
   * @return an unmodifiable list of {@code features()} names
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * Whether the feature names came with the data (a frame fit) rather than being generated.
   *
   * @return true for names given by the caller
   */
  public boolean hasFeatureNames() {
    return hasFeatureNames;
  }

  /**
   * The members' coefficients and intercepts.
   *
   * @return the store (immutable)
   */
  public CoefficientStore coefficients() {
    return store;
  }

  /**
   * The number of rows the model was fitted on.
   *
   * @return the training row count
   */
  public int trainingRows() {
    return trainingRows;
  }

  /**
   * The Ridge penalty of every member.
   *
   * @return alpha
   */
  public double alpha() {
    return settings.alpha();
  }

  /**
   * The seed the members' draws came from (not used by {@code sklearnCompatible} resampling,
   * which carries its own random state).
   *
   * @return the seed
   */
  public long seed() {
    return settings.seed();
  }

  /**
   * How the members' rows were drawn.
   *
   * @return the resampling scheme
   */
  public Resampling resampling() {
    return settings.resampling();
  }

  /**
   * The scale the members were fitted on; predictions are mapped back from it.
   *
   * @return the target transform
   */
  public TargetTransform targetTransform() {
    return settings.targetTransform();
  }

  /**
   * How the coefficients are stored.
   *
   * @return the precision
   */
  public Precision precision() {
    return store.precision();
  }

  /**
   * Whether the coefficients were constrained to be {@code >= 0}.
   *
   * @return true for non-negative members
   */
  public boolean nonNegative() {
    return settings.nonNegative();
  }

  /**
   * The form the members were solved in: {@code PRIMAL}, {@code DUAL}, or {@code AUTO} where it
   * was chosen member by member.
   *
   * @return the solve form
   */
  public SolveForm solveForm() {
    return settings.solveForm();
  }

  /**
   * Every member's prediction for one row, back-transformed.
   *
   * @param row the feature values, {@code features()} finite numbers
   * @return a new array, one prediction per member in member order
   * @throws NullPointerException if {@code row} is null
   * @throws IllegalArgumentException if {@code row} has the wrong length or holds NaN or an
   *     infinity
   */
  public double[] memberPredictions(double[] row) {
    double[] out = new double[estimators()];
    memberPredictions(row, out);
    return out;
  }

  /**
   * Writes every member's prediction for one row, back-transformed, into {@code dst}. Allocates
   * a per-call scratch of a few values per member (no larger than {@code dst}); for many rows,
   * {@link #predict(double[][], double...)} works in blocks and was about three times faster for
   * 52 rows in the benchmarks.
   *
   * @param row the feature values, {@code features()} finite numbers
   * @param dst receives one prediction per member from index 0, length {@code >= estimators()}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code row} has the wrong length or holds NaN or an
   *     infinity, or {@code dst} is too short
   */
  public void memberPredictions(double[] row, double[] dst) {
    checkRow(row, "row");
    Objects.requireNonNull(dst, "dst");
    if (dst.length < estimators()) {
      throw new IllegalArgumentException(
          "dst: length " + dst.length + " (expected: >= " + estimators() + " members)");
    }
    MemberMatrix matrix = matrix();
    matrix.predict(new double[][] {row}, 0, 1, new double[][] {dst}, matrix.newScratch());
    backTransform(dst);
  }

  /**
   * The mean and quantiles of the members' predictions for one row.
   *
   * @param row the feature values, {@code features()} finite numbers
   * @param quantiles the levels, each in {@code [0, 1]}; none means {@code 0.025, 0.5, 0.975}
   * @return the summary
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code row} has the wrong length or holds NaN or an
   *     infinity, or a level is outside {@code [0, 1]}
   */
  public Summary predict(double[] row, double... quantiles) {
    double[] levels = levels(quantiles);
    double[] values = memberPredictions(row);
    double[] q = new double[levels.length];
    double mean = summarise(values, levels, q);
    return new Summary(mean, levels, q);
  }

  /**
   * The mean and quantiles of the members' predictions for each of several rows.
   *
   * @param rows the rows, each of {@code features()} finite numbers, at least one
   * @param quantiles the levels, each in {@code [0, 1]}; none means {@code 0.025, 0.5, 0.975}
   * @return one summary per row, labelled {@code "0"}, {@code "1"}, ...
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException if {@code rows} is empty, a row has the wrong length or holds
   *     NaN or an infinity (the message names the row and column), or a level is outside {@code
   *     [0, 1]}
   */
  public SummaryTable predict(double[][] rows, double... quantiles) {
    double[] levels = levels(quantiles);
    checkRows(rows);
    int count = rows.length;
    double[] means = new double[count];
    double[] q = new double[count * levels.length];
    MemberMatrix matrix = matrix();
    int blocks = (count + ROW_BLOCK - 1) / ROW_BLOCK;
    Supplier<ChunkedTasks.Worker> workers = () -> new ChunkedTasks.Worker() {
      private final MemberMatrix.Scratch scratch = matrix.newScratch();
      private final double[][] out = new double[ROW_BLOCK][estimators()];
      private final double[] levelOut = new double[levels.length];

      @Override
      public void run(int block) {
        int from = block * ROW_BLOCK;
        int to = Math.min(count, from + ROW_BLOCK);
        matrix.predict(rows, from, to, out, scratch);
        for (int r = from; r < to; r++) {
          double[] values = out[r - from];
          backTransform(values);
          means[r] = summarise(values, levels, levelOut);
          System.arraycopy(levelOut, 0, q, r * levels.length, levels.length);
        }
      }
    };
    runBlocks(blocks, count >= PARALLEL_ROWS, workers);
    List<String> labels = new ArrayList<>(count);
    for (int r = 0; r < count; r++) {
      labels.add(Integer.toString(r));
    }
    return new SummaryTable(labels, levels, means, q);
  }

  /**
   * Paired scenario analysis: each scenario's row is the baseline with the scenario's overrides,
   * and for every member {@code k} its scenario prediction {@code s_k} is compared with its own
   * baseline prediction {@code b_k} (the difference {@code s_k - b_k} and the percent change
   * {@code 100 (s_k - b_k) / b_k}, after the back-transform); the table summarises these
   * per-member values. Pairing removes the spread that members share, which is what an interval
   * for the effect of a rate change needs.
   *
   * @param baselineRow the baseline feature values, {@code features()} finite numbers
   * @param scenarios the scenarios, at least one
   * @param quantiles the levels, each in {@code [0, 1]}; none means {@code 0.025, 0.5, 0.975}
   * @return the scenario table
   * @throws NullPointerException if an argument or a scenario is null
   * @throws IllegalArgumentException if {@code baselineRow} has the wrong length or holds NaN or
   *     an infinity, {@code scenarios} is empty, an override matches no feature, or a level is
   *     outside {@code [0, 1]}
   */
  public ScenarioTable scenarios(
      double[] baselineRow, List<Scenario> scenarios, double... quantiles) {
    double[] levels = levels(quantiles);
    checkRow(baselineRow, "baselineRow");
    Objects.requireNonNull(scenarios, "scenarios");
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("scenarios: empty (expected: at least one)");
    }
    int count = scenarios.size();
    double[][] rows = new double[count][];
    List<String> labels = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      Scenario scenario = Objects.requireNonNull(scenarios.get(s), "scenarios[" + s + "]");
      rows[s] = scenario.apply(baselineRow, featureNames);
      labels.add(scenario.label());
    }
    int members = estimators();
    double[] base = memberPredictions(baselineRow);
    double[] baseScratch = base.clone();
    double[] baseQ = new double[levels.length];
    Summary baseline = new Summary(summarise(baseScratch, levels, baseQ), levels, baseQ);

    int width = levels.length;
    double[] levelMeans = new double[count];
    double[] levelQ = new double[count * width];
    double[] diffMeans = new double[count];
    double[] diffQ = new double[count * width];
    double[] pctMeans = new double[count];
    double[] pctQ = new double[count * width];
    MemberMatrix matrix = matrix();
    int blocks = (count + ROW_BLOCK - 1) / ROW_BLOCK;
    Supplier<ChunkedTasks.Worker> workers = () -> new ChunkedTasks.Worker() {
      private final MemberMatrix.Scratch scratch = matrix.newScratch();
      private final double[][] out = new double[ROW_BLOCK][members];
      private final double[] diff = new double[members];
      private final double[] pct = new double[members];
      private final double[] levelOut = new double[width];

      @Override
      public void run(int block) {
        int from = block * ROW_BLOCK;
        int to = Math.min(count, from + ROW_BLOCK);
        matrix.predict(rows, from, to, out, scratch);
        for (int s = from; s < to; s++) {
          double[] level = out[s - from];
          backTransform(level);
          for (int k = 0; k < members; k++) {
            double d = level[k] - base[k];
            diff[k] = d;
            pct[k] = 100.0 * d / base[k];
          }
          levelMeans[s] = summarise(level, levels, levelOut);
          System.arraycopy(levelOut, 0, levelQ, s * width, width);
          diffMeans[s] = summarise(diff, levels, levelOut);
          System.arraycopy(levelOut, 0, diffQ, s * width, width);
          pctMeans[s] = summarise(pct, levels, levelOut);
          System.arraycopy(levelOut, 0, pctQ, s * width, width);
        }
      }
    };
    runBlocks(blocks, count >= PARALLEL_ROWS, workers);
    return new ScenarioTable(
        baseline,
        new SummaryTable(labels, levels, levelMeans, levelQ),
        new SummaryTable(labels, levels, diffMeans, diffQ),
        new SummaryTable(labels, levels, pctMeans, pctQ),
        rows);
  }

  /**
   * The mean and quantiles over members of each coefficient and of the intercept, on the model's
   * scale (coefficients are not back-transformed).
   *
   * @param quantiles the levels, each in {@code [0, 1]}; none means {@code 0.025, 0.5, 0.975}
   * @return one row per feature, labelled by {@link #featureNames()}, then a row labelled {@code
   *     "intercept"}
   * @throws NullPointerException if {@code quantiles} is null
   * @throws IllegalArgumentException if a level is outside {@code [0, 1]}
   */
  public SummaryTable coefficientIntervals(double... quantiles) {
    double[] levels = levels(quantiles);
    int p = features();
    double[] values = new double[estimators()];
    double[] means = new double[p + 1];
    double[] q = new double[(p + 1) * levels.length];
    double[] levelOut = new double[levels.length];
    for (int j = 0; j <= p; j++) {
      if (j < p) {
        store.copyFeature(j, values);
      } else {
        store.copyIntercepts(values);
      }
      means[j] = summarise(values, levels, levelOut);
      System.arraycopy(levelOut, 0, q, j * levels.length, levels.length);
    }
    List<String> labels = new ArrayList<>(featureNames);
    labels.add("intercept");
    return new SummaryTable(labels, levels, means, q);
  }

  private void runBlocks(int blocks, boolean parallel, Supplier<ChunkedTasks.Worker> workers) {
    int helpers = parallel ? ChunkedTasks.helpers(executor) : 0;
    try {
      ChunkedTasks.run(blocks, 1, executor, helpers, workers, ChunkedTasks.Listener.NONE,
          () -> false, false);
    } catch (ChunkedTasks.TaskFailure e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw (RuntimeException) cause;
    }
  }

  /** The mean of {@code values} (in member order), then its quantiles (reordering it). */
  private static double summarise(double[] values, double[] levels, double[] out) {
    int n = values.length;
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += values[k];
    }
    Quantiles.linearInPlace(values, 0, n, NanPolicy.PROPAGATE, levels, out);
    return sum / n;
  }

  private void backTransform(double[] values) {
    int n = estimators();
    switch (settings.targetTransform()) {
      case LOG:
        for (int k = 0; k < n; k++) {
          values[k] = Math.exp(values[k]);
        }
        break;
      case LOG1P:
        for (int k = 0; k < n; k++) {
          values[k] = expm1(values[k]);
        }
        break;
      default:
        break;
    }
  }

  /**
   * {@code expm1(z)} within 3 ulp of {@link Math#expm1}: {@code exp(z) - 1} where {@code |z| >=
   * ln 2}, so that {@code |exp(z) - 1| >= 1/2} and the subtraction loses nothing, and {@link
   * Math#expm1} (a native call, several times slower than the {@code exp} intrinsic) only near 0.
   */
  static double expm1(double z) {
    return Math.abs(z) >= LN2 ? Math.exp(z) - 1.0 : Math.expm1(z);
  }

  private static final double LN2 = Math.log(2);

  private MemberMatrix matrix() {
    MemberMatrix m = layout.matrix;
    if (m == null) {
      synchronized (layout) {
        m = layout.matrix;
        if (m == null) {
          m = MemberMatrix.of(store.block());
          layout.matrix = m;
        }
      }
    }
    return m;
  }

  private static double[] levels(double[] quantiles) {
    Objects.requireNonNull(quantiles, "quantiles");
    if (quantiles.length == 0) {
      return DEFAULT_LEVELS.clone();
    }
    for (int i = 0; i < quantiles.length; i++) {
      double q = quantiles[i];
      if (!(q >= 0 && q <= 1)) {
        throw new IllegalArgumentException(
            "quantiles[" + i + "]: " + q + " (expected: 0 <= q <= 1)");
      }
    }
    return quantiles.clone();
  }

  /**
   * Predicts a row given by feature name: the names must be exactly the model's {@link
   * #featureNames()}, in any order, so a row built in another order is never matched by position.
   * Equal to {@link #predict(double[], double...)} with the values put in the model's order.
   *
   * <pre>{@code
   * Summary s = model.predict(Map.of("prudential_rate", 3.5, "competitor_mean", 3.1));
   * }</pre>
   *
   * @param row a finite value for each of the model's features
   * @param quantiles the levels, each in {@code [0, 1]}; none means {@code 0.025, 0.5, 0.975}
   * @return the summary
   * @throws NullPointerException if {@code row} or a value is null
   * @throws IllegalArgumentException if a feature is missing, a name is not a feature (both are
   *     named), a value is not finite, or a level is outside {@code [0, 1]}
   */
  public Summary predict(Map<String, Double> row, double... quantiles) {
    return predict(namedRow(row, "row"), quantiles);
  }

  /**
   * Predicts every row of a frame, taking the model's features from the columns of the same
   * names (other columns are ignored): {@link #predict(double[][], double...)} of {@code
   * frame.toRowMatrix(featureNames())}. The rows are labelled by the frame's dates ({@code
   * 2024-01-05}) when it has an index, else {@code "0"}, {@code "1"}, ...
   *
   * @param frame rows with a column for each of the model's features, at least one row
   * @param quantiles the levels, each in {@code [0, 1]}; none means {@code 0.025, 0.5, 0.975}
   * @return one summary per row
   * @throws NullPointerException if {@code frame} is null
   * @throws IllegalArgumentException if a feature column is missing (named, with the frame's
   *     columns), the frame has no rows, a value is not finite (the message names the column and
   *     row), or a level is outside {@code [0, 1]}
   */
  public SummaryTable predict(Frame frame, double... quantiles) {
    Objects.requireNonNull(frame, "frame");
    for (String name : featureNames) {
      FrameColumns.require(frame, name, "frame");
    }
    if (frame.rows() == 0) {
      throw new IllegalArgumentException("frame: 0 rows (expected: at least one)");
    }
    SummaryTable table = predict(FrameColumns.finiteRows(frame, featureNames), quantiles);
    if (!frame.hasIndex()) {
      return table;
    }
    List<String> dates = new ArrayList<>(frame.rows());
    for (int i = 0; i < frame.rows(); i++) {
      dates.add(frame.date(i).toString());
    }
    return table.withLabels(dates);
  }

  /**
   * Scenarios around a baseline row given by feature name (see {@link #predict(Map,
   * double...)}): {@link #scenarios(double[], List, double...)} with the values put in the
   * model's order.
   *
   * @param baselineRow a finite value for each of the model's features
   * @param scenarios the scenarios, at least one
   * @param quantiles the levels, each in {@code [0, 1]}; none means {@code 0.025, 0.5, 0.975}
   * @return the scenario table
   * @throws NullPointerException if an argument, a value or a scenario is null
   * @throws IllegalArgumentException as {@link #predict(Map, double...)} for the row, and as
   *     {@link #scenarios(double[], List, double...)}
   */
  public ScenarioTable scenarios(
      Map<String, Double> baselineRow, List<Scenario> scenarios, double... quantiles) {
    return scenarios(namedRow(baselineRow, "baselineRow"), scenarios, quantiles);
  }

  /** The values of a named row in feature order, checked against the feature names. */
  private double[] namedRow(Map<String, Double> row, String name) {
    return FrameColumns.namedRow(row, featureNames, name);
  }

  private void checkRow(double[] row, String name) {
    Objects.requireNonNull(row, name);
    if (row.length != features()) {
      throw new IllegalArgumentException(
          name + ": length " + row.length + " (expected: " + features() + ", the model's "
              + "features)");
    }
    for (int j = 0; j < row.length; j++) {
      if (!Double.isFinite(row[j])) {
        throw new IllegalArgumentException(
            name + "[" + j + "] (" + featureNames.get(j) + "): " + row[j] + " (expected: finite)");
      }
    }
  }

  private void checkRows(double[][] rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.length == 0) {
      throw new IllegalArgumentException("rows: 0 rows (expected: >= 1)");
    }
    for (int r = 0; r < rows.length; r++) {
      double[] row = rows[r];
      if (row == null) {
        throw new NullPointerException("rows[" + r + "]");
      }
      if (row.length != features()) {
        throw new IllegalArgumentException(
            "rows: row " + r + " has " + row.length + " columns (expected: " + features()
                + ", the model's features)");
      }
      for (int j = 0; j < row.length; j++) {
        if (!Double.isFinite(row[j])) {
          throw new IllegalArgumentException(
              "rows: row " + r + ", column " + j + " (" + featureNames.get(j) + ") is " + row[j]
                  + " (expected: finite)");
        }
      }
    }
  }

  /** Such as {@code EnsembleModel[1000 members x 4 features, alpha=1.0, iid(), LOG1P, FLOAT]}. */
  @Override
  public String toString() {
    return "EnsembleModel[" + estimators() + " members x " + features() + " features, alpha="
        + settings.alpha() + ", " + settings.resampling() + ", " + settings.targetTransform() + ", "
        + precision() + "]";
  }
}
