package io.rila.bootstrap;

import io.rila.bootstrap.internal.Checkpoint;
import io.rila.bootstrap.internal.MemberRanges;
import io.rila.bootstrap.internal.MemberRunner;
import io.rila.bootstrap.internal.TrainingJob;
import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import io.rila.core.internal.RidgeKernel;
import io.rila.core.regression.SolveForm;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bootstrap ensemble of Ridge regressions: the settings, and {@code fit} methods that turn data
 * into an {@link EnsembleModel}.
 *
 * <pre>{@code
 * BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
 *     .estimators(10_000)
 *     .alpha(1.0)
 *     .seed(42L)
 *     .resampling(Resampling.iid())
 *     .targetTransform(TargetTransform.LOG1P)
 *     .build();
 * EnsembleModel model = ensemble.fit(x, sales, weights);
 * EnsembleModel named = ensemble.fit(frame, "sales", List.of("f1", "f2"), "weight");
 * }</pre>
 *
 * <p><b>What a member is.</b> Member {@code k} minimises {@code sum_i w_i c_ik (z_i - b_k - x_i .
 * beta_k)^2 + alpha |beta_k|^2}, where {@code w} are the sample weights, {@code c_k} the member's
 * bootstrap counts (see {@link Resampling}) and {@code z} the target on the model's scale (see
 * {@link TargetTransform}): scikit-learn's {@code Ridge(alpha, fit_intercept=True)} fitted to the
 * resampled rows, with weighted-mean centring and the penalty on the raw, unscaled coefficients.
 * The fit never copies a resampled matrix; each member is solved in the primal form ({@code p x
 * p}) when the features are at most the rows a member is expected to draw, otherwise in the dual
 * form ({@code m x m}, from the row Gram matrix computed once), both exact.
 *
 * <p><b>Draws that select no positive weight.</b> With zero sample weights (or Poisson counts on
 * few rows) a draw may pick only rows of weight zero, for which no Ridge fit exists (scikit-learn
 * fails there). Such a member draws again from its own random stream, up to {@value
 * TrainingJob#MAX_DRAWS} times, so the ensemble is the bootstrap conditioned on at least one row
 * of positive weight and is still a function of the seed and the member only.
 *
 * <p><b>Determinism and parallelism.</b> Member {@code k}'s draw depends only on the seed (or the
 * scikit-learn random state) and {@code k}; members are fitted in chunks of consecutive members on
 * the {@link Executor} (default {@link ForkJoinPool#commonPool()}), with the calling thread taking
 * part, and each chunk writes its own slice of the store. The store is therefore bit-identical for
 * any executor, thread count and completion order. The executor is never shut down. A fit checks
 * between members for an interrupt of the calling thread and for the {@link CancellationToken},
 * and then throws {@link CancellationException}; a member that fails stops the others and the
 * exception names it. One SLF4J INFO line is logged at the start and one at the end (members,
 * shape, solve form, threads, seconds).
 *
 * <p><b>Checkpoints.</b> With {@link Builder#checkpoint(Path, int)}, completed members are saved
 * to a folder as the fit runs; a later fit of the same data with the same settings restores them
 * and fits only the rest, and its model is bit-identical to an uninterrupted fit's. A folder
 * written for other data, other settings or another format version is refused, never mixed in.
 * After a successful fit the saved parts are deleted. Details in {@code docs/ensemble.md}.
 *
 * <p><b>Memory.</b> Before it allocates anything, a fit estimates the heap it and the model's
 * predictions need ({@link #estimateMemory(int, int)}) and fails fast with {@link
 * IllegalStateException} when that exceeds the budget (default 70% of {@link Runtime#maxMemory()},
 * {@link Builder#memoryBudget(long)}); the message gives the estimate, the budget and what to
 * change.
 *
 * <p>Thread safety: immutable; {@code fit} may be called concurrently (except two fits with the
 * same checkpoint folder: the second is refused). Allocation: the fit allocates the store, one
 * workspace per participating thread, and nothing per member.
 */
public final class BootstrapRidgeEnsemble {

  private static final Logger LOG = LoggerFactory.getLogger(BootstrapRidgeEnsemble.class);

  static {
    MemberRanges.install(new MemberRangeAccess());
  }

  /** The builder's marker for an estimator count not set. */
  private static final int UNSET_INT = -1;

  /** The builder's marker for a memory budget not set. */
  private static final long UNSET_LONG = -1;

  /** The share of the maximum heap that the default memory budget allows. */
  private static final double DEFAULT_BUDGET_SHARE = 0.7;

  /** Share of the rows with positive weight that an i.i.d. member is expected to draw. */
  private static final double EXPECTED_DISTINCT = 1 - Math.exp(-1);

  /**
   * The largest weighted sum a fit's data may reach: a margin of 64 below overflow for rounding
   * and for Poisson counts above the row count.
   */
  private static final double SUM_LIMIT = Double.MAX_VALUE / 64;

  private final int estimators;
  private final double alpha;
  private final long seed;
  private final Resampling resampling;
  private final TargetTransform targetTransform;
  private final Executor executor;
  private final Precision precision;
  private final boolean nonNegative;
  private final SolveForm solveForm;
  private final ProgressListener progressListener;
  private final CancellationToken cancellation;
  private final long memoryBudget;
  private final Path checkpointFolder;
  private final int checkpointEvery;
  private final UnaryOperator<OutputStream> checkpointStreams;

  private BootstrapRidgeEnsemble(Builder b) {
    this.estimators = b.estimators == UNSET_INT ? 1000 : b.estimators;
    this.alpha = Double.isNaN(b.alpha) ? 1.0 : b.alpha;
    this.resampling = b.resampling == null ? Resampling.iid() : b.resampling;
    this.seed = b.seedSet ? b.seed
        : resampling.kind() == Resampling.Kind.SKLEARN ? resampling.randomState() : 0L;
    this.targetTransform = b.targetTransform == null ? TargetTransform.IDENTITY : b.targetTransform;
    this.executor = b.executor == null ? ForkJoinPool.commonPool() : b.executor;
    this.precision = b.precision == null ? Precision.FLOAT : b.precision;
    this.nonNegative = b.nonNegative != null && b.nonNegative;
    this.solveForm = b.solveForm == null ? SolveForm.AUTO : b.solveForm;
    this.progressListener = b.progressListener;
    this.cancellation = b.cancellation;
    this.memoryBudget = b.memoryBudget == UNSET_LONG
        ? (long) (DEFAULT_BUDGET_SHARE * Runtime.getRuntime().maxMemory()) : b.memoryBudget;
    this.checkpointFolder = b.checkpointFolder;
    this.checkpointEvery = b.checkpointEvery;
    this.checkpointStreams = b.checkpointStreams;
  }

  /**
   * The same statistical settings with another seed and executor, for the many small fits of a
   * backtest or a coverage study: every option is copied here, in the class that owns them, so a
   * new option cannot be forgotten. The listener, cancellation token and checkpoint folder belong
   * to one fit and are not carried over. For {@code sklearnCompatible} resampling the seed is the
   * random state, so its low 32 bits become the new random state.
   */
  BootstrapRidgeEnsemble withSeedAndExecutor(long newSeed, Executor newExecutor) {
    Builder b = new Builder();
    b.estimators = estimators;
    b.alpha = alpha;
    if (resampling.kind() == Resampling.Kind.SKLEARN) {
      long state = newSeed & 0xFFFF_FFFFL;
      b.resampling = Resampling.sklearnCompatible(state, resampling.sklearnWeighting());
      b.seed = state;
    } else {
      b.resampling = resampling;
      b.seed = newSeed;
    }
    b.seedSet = true;
    b.targetTransform = targetTransform;
    b.executor = Objects.requireNonNull(newExecutor, "executor");
    b.precision = precision;
    b.nonNegative = nonNegative;
    b.solveForm = solveForm;
    b.memoryBudget = memoryBudget;
    return new BootstrapRidgeEnsemble(b);
  }

  /**
   * A builder with every option unset (defaults: 1,000 estimators, alpha 1.0, seed 0, {@link
   * Resampling#iid()}, {@link TargetTransform#IDENTITY}, {@link ForkJoinPool#commonPool()},
   * {@link Precision#FLOAT}, unconstrained coefficients, the solve form chosen per fit, no
   * listener, no cancellation token, a memory budget of 70% of the maximum heap, no
   * checkpoint).
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The number of members a fit makes.
   *
   * @return the estimator count
   */
  public int estimators() {
    return estimators;
  }

  /**
   * The Ridge penalty.
   *
   * @return alpha
   */
  public double alpha() {
    return alpha;
  }

  /**
   * The seed of the members' draws (for {@code sklearnCompatible} resampling, its random state).
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * How members draw their rows.
   *
   * @return the resampling scheme
   */
  public Resampling resampling() {
    return resampling;
  }

  /**
   * The scale members are fitted on.
   *
   * @return the target transform
   */
  public TargetTransform targetTransform() {
    return targetTransform;
  }

  /**
   * Where members are fitted.
   *
   * @return the executor
   */
  public Executor executor() {
    return executor;
  }

  /**
   * How the coefficients are stored.
   *
   * @return the precision
   */
  public Precision precision() {
    return precision;
  }

  /**
   * Whether coefficients are constrained to be {@code >= 0}.
   *
   * @return true for non-negative members
   */
  public boolean nonNegative() {
    return nonNegative;
  }

  /**
   * The solve form asked for ({@code AUTO}: chosen per fit).
   *
   * @return the solve form
   */
  public SolveForm solveForm() {
    return solveForm;
  }

  /**
   * The most heap, in bytes, that a fit's estimate may reach (see {@link #estimateMemory}).
   *
   * @return the budget in bytes
   */
  public long memoryBudget() {
    return memoryBudget;
  }

  /**
   * The folder where fits save completed members, if any.
   *
   * @return the checkpoint folder, or empty
   */
  public Optional<Path> checkpointFolder() {
    return Optional.ofNullable(checkpointFolder);
  }

  /**
   * How many completed members trigger a save to the checkpoint folder.
   *
   * @return the count, or 0 without a checkpoint
   */
  public int checkpointEvery() {
    return checkpointEvery;
  }

  /**
   * The heap a fit of {@code rows x features} data with these settings would need, and the
   * model's predictions afterwards, next to the memory budget. Fits with every weight positive
   * are assumed (zero weights can only shrink the rows a member draws). {@code fit} makes the
   * same estimate from its data and fails before any work when {@link
   * MemoryEstimate#totalBytes()} exceeds the budget.
   *
   * @param rows the training rows, {@code >= 1}
   * @param features the features, {@code >= 1}
   * @return the estimate
   * @throws IllegalArgumentException if {@code rows} or {@code features} is below 1
   */
  public MemoryEstimate estimateMemory(int rows, int features) {
    Checks.atLeast(rows, 1, "rows");
    Checks.atLeast(features, 1, "features");
    return estimate(estimators, rows, features, resolveForm(features, rows),
        MemberRunner.helpers(executor));
  }

  private MemoryEstimate estimate(
      int members, int rows, int features, SolveForm form, int helpers) {
    int chunkSize = MemberRunner.defaultChunkSize(members);
    int chunks = (members + chunkSize - 1) / chunkSize;
    return MemoryEstimate.of(members, rows, features, precision, form, nonNegative,
        resampling.kind() == Resampling.Kind.SKLEARN, Math.min(helpers + 1, chunks),
        memoryBudget);
  }

  /**
   * Fits the ensemble with equal sample weights; {@code y} is on its own scale and is mapped with
   * the target transform.
   *
   * @param x the features, {@code rows x features}, finite
   * @param y the target, one finite value per row, inside the transform's domain
   * @return the fitted model (features named {@code x0, x1, ...})
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException if {@code x} is empty or ragged, the lengths disagree, a value
   *     is NaN, infinite or outside the transform's domain (the message names the row and
   *     column), a block is longer than the data, or a column or the target is so large that
   *     the weighted sums of a member would overflow (the message names it)
   * @throws CancellationException if the fit was cancelled or the calling thread interrupted
   * @throws IllegalStateException if the memory estimate exceeds the budget, or the checkpoint
   *     folder is in use, holds another fit's members or a corrupt part
   * @throws UncheckedIOException if the checkpoint folder cannot be read or written
   * @throws IllegalStateException if a member fails for a reason other than its data (the
   *     message names it); a member whose system has no solution at this alpha throws {@link
   *     IllegalArgumentException} naming it
   */
  public EnsembleModel fit(double[][] x, double[] y) {
    return fit(x, y, null, null, true);
  }

  /**
   * Fits the ensemble with sample weights; {@code y} is on its own scale and is mapped with the
   * target transform.
   *
   * @param x the features, {@code rows x features}, finite
   * @param y the target, one finite value per row, inside the transform's domain
   * @param weights the sample weights, one finite value {@code >= 0} per row, not all zero
   * @return the fitted model (features named {@code x0, x1, ...})
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException if {@code x} is empty or ragged, the lengths disagree, a value
   *     is NaN, infinite, negative (weights) or outside the transform's domain (the message names
   *     the row and column), all weights are zero, a block is longer than the data, or the
   *     weights, a column or the target are so large that the weighted sums of a member would
   *     overflow (the message names which)
   * @throws CancellationException if the fit was cancelled or the calling thread interrupted
   * @throws IllegalStateException if the memory estimate exceeds the budget, or the checkpoint
   *     folder is in use, holds another fit's members or a corrupt part
   * @throws UncheckedIOException if the checkpoint folder cannot be read or written
   * @throws IllegalStateException if a member fails for a reason other than its data (the
   *     message names it); a member whose system has no solution at this alpha throws {@link
   *     IllegalArgumentException} naming it
   */
  public EnsembleModel fit(double[][] x, double[] y, double[] weights) {
    Objects.requireNonNull(weights, "weights");
    return fit(x, y, weights, null, true);
  }

  /**
   * Fits the ensemble with equal weights from a target already on the model's scale (for example
   * a stored {@code log1p(sales)} column with {@link TargetTransform#LOG1P}); predictions are
   * still back-transformed.
   *
   * @param x the features, {@code rows x features}, finite
   * @param z the target on the model's scale, one finite value per row
   * @return the fitted model (features named {@code x0, x1, ...})
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException as {@link #fit(double[][], double[])}
   * @throws CancellationException if the fit was cancelled or the calling thread interrupted
   * @throws IllegalStateException if the memory estimate exceeds the budget, or the checkpoint
   *     folder is in use, holds another fit's members or a corrupt part
   * @throws UncheckedIOException if the checkpoint folder cannot be read or written
   * @throws IllegalStateException if a member fails for a reason other than its data (the
   *     message names it); a member whose system has no solution at this alpha throws {@link
   *     IllegalArgumentException} naming it
   */
  public EnsembleModel fitTransformed(double[][] x, double[] z) {
    return fit(x, z, null, null, false);
  }

  /**
   * Fits the ensemble with sample weights from a target already on the model's scale.
   *
   * @param x the features, {@code rows x features}, finite
   * @param z the target on the model's scale, one finite value per row
   * @param weights the sample weights, one finite value {@code >= 0} per row, not all zero
   * @return the fitted model (features named {@code x0, x1, ...})
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException as {@link #fit(double[][], double[], double[])}
   * @throws CancellationException if the fit was cancelled or the calling thread interrupted
   * @throws IllegalStateException if the memory estimate exceeds the budget, or the checkpoint
   *     folder is in use, holds another fit's members or a corrupt part
   * @throws UncheckedIOException if the checkpoint folder cannot be read or written
   * @throws IllegalStateException if a member fails for a reason other than its data (the
   *     message names it); a member whose system has no solution at this alpha throws {@link
   *     IllegalArgumentException} naming it
   */
  public EnsembleModel fitTransformed(double[][] x, double[] z, double[] weights) {
    Objects.requireNonNull(weights, "weights");
    return fit(x, z, weights, null, false);
  }

  /**
   * Fits the ensemble from columns of a frame, with equal weights; the model keeps the feature
   * names. The target is on its own scale.
   *
   * @param frame the data
   * @param target the target column
   * @param features the feature columns, at least one, no repeats
   * @return the fitted model
   * @throws NullPointerException if an argument or a feature name is null
   * @throws IllegalArgumentException if a column is missing or repeated, a value is NaN, infinite
   *     or outside the transform's domain (the message names the column and row), or as {@link
   *     #fit(double[][], double[])}
   * @throws CancellationException if the fit was cancelled or the calling thread interrupted
   * @throws IllegalStateException if the memory estimate exceeds the budget, or the checkpoint
   *     folder is in use, holds another fit's members or a corrupt part
   * @throws UncheckedIOException if the checkpoint folder cannot be read or written
   * @throws IllegalStateException if a member fails for a reason other than its data (the
   *     message names it); a member whose system has no solution at this alpha throws {@link
   *     IllegalArgumentException} naming it
   */
  public EnsembleModel fit(Frame frame, String target, List<String> features) {
    return fitFrame(frame, target, features, null, true);
  }

  /**
   * Fits the ensemble from columns of a frame, with a weight column; the model keeps the feature
   * names. The target is on its own scale.
   *
   * @param frame the data
   * @param target the target column
   * @param features the feature columns, at least one, no repeats
   * @param weight the sample-weight column
   * @return the fitted model
   * @throws NullPointerException if an argument or a feature name is null
   * @throws IllegalArgumentException if a column is missing or repeated, a value is NaN, infinite,
   *     negative (weights) or outside the transform's domain (the message names the column and
   *     row), or as {@link #fit(double[][], double[], double[])}
   * @throws CancellationException if the fit was cancelled or the calling thread interrupted
   * @throws IllegalStateException if the memory estimate exceeds the budget, or the checkpoint
   *     folder is in use, holds another fit's members or a corrupt part
   * @throws UncheckedIOException if the checkpoint folder cannot be read or written
   * @throws IllegalStateException if a member fails for a reason other than its data (the
   *     message names it); a member whose system has no solution at this alpha throws {@link
   *     IllegalArgumentException} naming it
   */
  public EnsembleModel fit(Frame frame, String target, List<String> features, String weight) {
    Objects.requireNonNull(weight, "weight");
    return fitFrame(frame, target, features, weight, true);
  }

  /**
   * Fits the ensemble from columns of a frame whose target column is already on the model's scale
   * (such as {@code y_log1p} with {@link TargetTransform#LOG1P}), with a weight column.
   *
   * @param frame the data
   * @param target the target column, on the model's scale
   * @param features the feature columns, at least one, no repeats
   * @param weight the sample-weight column
   * @return the fitted model
   * @throws NullPointerException if an argument or a feature name is null
   * @throws IllegalArgumentException as {@link #fit(Frame, String, List, String)}
   * @throws CancellationException if the fit was cancelled or the calling thread interrupted
   * @throws IllegalStateException if the memory estimate exceeds the budget, or the checkpoint
   *     folder is in use, holds another fit's members or a corrupt part
   * @throws UncheckedIOException if the checkpoint folder cannot be read or written
   * @throws IllegalStateException if a member fails for a reason other than its data (the
   *     message names it); a member whose system has no solution at this alpha throws {@link
   *     IllegalArgumentException} naming it
   */
  public EnsembleModel fitTransformed(
      Frame frame, String target, List<String> features, String weight) {
    Objects.requireNonNull(weight, "weight");
    return fitFrame(frame, target, features, weight, false);
  }

  private EnsembleModel fitFrame(
      Frame frame, String target, List<String> features, String weight, boolean transform) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(target, "target");
    FrameColumns.checkFeatures(frame, features);
    FrameColumns.require(frame, target, "target");
    if (weight != null) {
      FrameColumns.require(frame, weight, "weight");
    }
    double[][] x = FrameColumns.finiteRows(frame, features);
    double[] y = frame.column(target);
    double[] w = weight == null ? null : frame.column(weight);
    return fit(x, y, w, features, transform);
  }

  private EnsembleModel fit(
      double[][] x, double[] y, double[] weights, List<String> names, boolean transform) {
    CoefficientStore store = fitMembers(x, y, weights, transform, 0, estimators);
    return assemble(store, names, x.length, weights);
  }

  /**
   * The members {@code from .. to - 1} of the fit on these data, exactly as a whole fit computes
   * them (a member depends only on the seed and its number), in a store of {@code to - from}
   * members; the memory estimate counts those members only, and the checkpoint folder serves
   * whole fits only. Used by whole fits and, through {@link MemberRanges}, by distributed
   * trainers.
   */
  CoefficientStore fitMembers(
      double[][] x, double[] y, double[] weights, boolean transform, int from, int to) {
    double[] z = check(x, y, weights, transform);
    int p = x[0].length;
    int n = x.length;
    int count = to - from;
    boolean whole = count == estimators;
    double[] rowWeights = weights == null ? null : weights.clone();
    double[] countWeights = resampling.weightsAsProbabilities() ? null : rowWeights;
    SolveForm form = resolveForm(p, positiveRows(rowWeights, n));
    int helpers = MemberRunner.helpers(executor);
    MemoryEstimate estimate = estimate(count, n, p, form, helpers);
    if (!estimate.withinBudget()) {
      throw new IllegalStateException(estimate.overBudgetMessage());
    }
    CoefficientStore store = CoefficientStore.allocate(count, p, precision);
    RidgeKernel kernel = RidgeKernel.of(x, z);
    TrainingJob job = new TrainingJob(kernel, countWeights, alpha, form, nonNegative,
        resampling.samplers(seed, estimators, n, rowWeights), store.floatArray(),
        store.doubleArray(), from);
    String members = whole ? estimators + " members"
        : "members [" + from + ", " + to + ") of " + estimators;
    LOG.info("bootstrap ridge fit: {}, {} rows x {} features, {} form, up to {} threads,"
            + " resampling {}, alpha {}", members, n, p, form, helpers + 1, resampling, alpha);
    long start = System.nanoTime();
    int threads = checkpointFolder == null || !whole
        ? train(job, helpers, null, from, count)
        : trainResumable(job, helpers, store, x, z, rowWeights, form);
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("bootstrap ridge fit done: {}, {} rows x {} features, {} form, {} threads,"
            + " {} s", members, n, p, form, threads, String.format(Locale.ROOT, "%.3f", seconds));
    return store;
  }

  /** Checks the data as a fit does and returns the target on the model's scale. */
  double[] check(double[][] x, double[] y, double[] weights, boolean transform) {
    Checks.finiteMatrix(x, "x");
    int n = x.length;
    double[] z = modelScaleTarget(y, n, transform);
    if (weights != null) {
      checkLength(weights, n, "weights");
      Checks.weights(weights, n, "weights");
    }
    resampling.checkRows(n);
    checkMagnitudes(x, z, weights);
    return z;
  }

  /**
   * Fails, naming the input at fault, when the weighted sums a member forms could overflow: the
   * weights' total, a feature column or the target so large that a weighted sum of squares (or,
   * in the dual form, a weighted Gram sum) would exceed {@link #SUM_LIMIT}. A member's weights
   * are the sample weights times counts of at most the row count, so they sum to at most {@code
   * rows x sum(w)}; centred values are at most twice the largest magnitude. These bounds are
   * conservative: data that pass them never overflow.
   */
  private void checkMagnitudes(double[][] x, double[] z, double[] weights) {
    int n = x.length;
    int p = x[0].length;
    boolean weighted = weights != null && !resampling.weightsAsProbabilities();
    double sum = n;
    if (weighted) {
      sum = 0;
      for (double w : weights) {
        sum += w;
      }
    }
    double total = sum * n;
    if (!(4 * total < SUM_LIMIT)) {
      throw new IllegalArgumentException("weights: sum " + sum + " over " + n + " rows"
          + " (expected: below " + SUM_LIMIT / 4 / n + ", so that a member's weighted sums stay"
          + " finite; rescale the weights)");
    }
    double bound = Math.sqrt(SUM_LIMIT / (4 * total));
    String basis = weighted ? "sample weights summing to " + sum + " over " + n + " rows"
        : n + " rows";
    double[] columnLargest = new double[p];
    for (double[] row : x) {
      for (int j = 0; j < p; j++) {
        columnLargest[j] = Math.max(columnLargest[j], Math.abs(row[j]));
      }
    }
    double squares = 0;
    for (int j = 0; j < p; j++) {
      double largest = columnLargest[j];
      if (!(4 * total * largest * largest < SUM_LIMIT)) {
        throw new IllegalArgumentException("x: column " + j + " has values up to |" + largest
            + "| (expected: below " + bound + " with " + basis + ", so that weighted sums of"
            + " squares stay finite; rescale the column)");
      }
      squares += largest * largest;
    }
    double largest = 0;
    for (double v : z) {
      largest = Math.max(largest, Math.abs(v));
    }
    if (!(4 * total * largest * largest < SUM_LIMIT)) {
      throw new IllegalArgumentException("y: values up to |" + largest + "| on the model's scale"
          + " (expected: below " + bound + " with " + basis + ", so that weighted sums of"
          + " squares stay finite; rescale the target)");
    }
    boolean dual = resolveForm(p, positiveRows(weights, n)) == SolveForm.DUAL;
    if (dual && !(total * (total * squares) < SUM_LIMIT)) {
      throw new IllegalArgumentException((weighted ? "weights: sum " + sum + " over " + n
          + " rows" : "x: rows " + n) + " with features up to |" + Math.sqrt(squares)
          + "| (root of the sum of squared column maxima) overflow the dual form's weighted Gram"
          + " sums (expected: (rows x sum of weights)^2 x that square below " + SUM_LIMIT
          + "; rescale the " + (weighted ? "weights or the features" : "features") + ")");
    }
  }

  /** The model a fit on {@code rows} rows with these weights makes from its members. */
  EnsembleModel assemble(
      CoefficientStore store, List<String> names, int rows, double[] weights) {
    SolveForm form = resolveForm(store.features(), positiveRows(weights, rows));
    return new EnsembleModel(store, names, rows, alpha, seed, resampling, targetTransform,
        nonNegative, form, executor);
  }

  /**
   * Trains with the checkpoint folder: restores what it holds, fits the rest while saving, then
   * deletes the saved parts (or, if the fit stops early, saves what completed).
   */
  private int trainResumable(TrainingJob job, int helpers, CoefficientStore store, double[][] x,
      double[] z, double[] weights, SolveForm form) {
    String settings = "estimators=" + estimators + "; rows=" + x.length + "; features="
        + store.features() + "; alpha=" + alpha + "; seed=" + seed + "; resampling="
        + resampling + "; targetTransform=" + targetTransform + "; precision=" + precision
        + "; nonNegative=" + nonNegative + "; solveForm=" + form;
    try (Checkpoint checkpoint = Checkpoint.open(checkpointFolder, checkpointEvery, settings,
        Checkpoint.dataHash(x, z, weights), estimators, store.features(), store.floatArray(),
        store.doubleArray(), checkpointStreams)) {
      if (checkpoint.restored() > 0) {
        LOG.info("bootstrap ridge fit resumes from checkpoint {}: {} of {} members restored",
            checkpointFolder, checkpoint.restored(), estimators);
      }
      int threads;
      try {
        threads = train(checkpoint.skipRestored(job), helpers, checkpoint, 0, estimators);
      } catch (RuntimeException e) {
        checkpoint.saveCompleted(e);
        throw e;
      }
      checkpoint.complete();
      return threads;
    }
  }

  /** Runs the members {@code from .. from + count - 1} of {@code job}, indexed from 0. */
  private int train(Supplier<? extends MemberRunner.Worker> job, int helpers,
      Checkpoint checkpoint, int from, int count) {
    CancellationToken token = cancellation;
    ProgressListener listener = progressListener;
    MemberRunner.Listener events = new MemberRunner.Listener() {
      @Override
      public void chunkDone(int from, int to) {
        if (checkpoint != null) {
          checkpoint.chunkDone(from, to);
        }
      }

      @Override
      public void progress(int done, int total) {
        if (listener != null) {
          listener.progress(done, total);
        }
      }
    };
    try {
      return MemberRunner.run(count, MemberRunner.defaultChunkSize(count), executor,
          helpers, job, events, () -> token != null && token.isCancelled(), true);
    } catch (MemberRunner.MemberFailure e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      String message = "member " + (from + e.member()) + " (of " + estimators + "): "
          + cause.getMessage();
      if (cause instanceof IllegalArgumentException) {
        throw new IllegalArgumentException(message, cause);
      }
      throw new IllegalStateException(message, cause);
    }
  }

  /** The target on the model's scale, checked: a new array. */
  private double[] modelScaleTarget(double[] y, int n, boolean transform) {
    checkLength(y, n, "y");
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      double v = y[i];
      boolean ok = transform ? targetTransform.accepts(v) : Double.isFinite(v);
      if (!ok) {
        throw new IllegalArgumentException("y[" + i + "]: " + v + " (expected: "
            + (transform ? targetTransform.domain() : "finite, on the model's scale") + ")");
      }
      z[i] = transform ? targetTransform.apply(v) : v;
    }
    return z;
  }

  private static void checkLength(double[] values, int rows, String name) {
    Objects.requireNonNull(values, name);
    if (values.length != rows) {
      throw new IllegalArgumentException(
          name + ": length " + values.length + " (expected: " + rows + ", one per row of x)");
    }
  }

  private static int positiveRows(double[] weights, int n) {
    if (weights == null) {
      return n;
    }
    int count = 0;
    for (double w : weights) {
      if (w > 0) {
        count++;
      }
    }
    return count;
  }

  /**
   * The form for the whole fit: the one asked for, else primal when the features are at most the
   * distinct positive-weight rows a member is expected to draw, else dual. With {@code alpha = 0}
   * the dual form has no solution, so the choice is left to each member.
   */
  private SolveForm resolveForm(int features, int positiveRows) {
    if (nonNegative) {
      return SolveForm.PRIMAL;
    }
    if (solveForm != SolveForm.AUTO) {
      return solveForm;
    }
    if (alpha == 0) {
      return SolveForm.AUTO;
    }
    return features <= EXPECTED_DISTINCT * positiveRows ? SolveForm.PRIMAL : SolveForm.DUAL;
  }

  @Override
  public String toString() {
    return "BootstrapRidgeEnsemble[estimators=" + estimators + ", alpha=" + alpha + ", seed="
        + seed + ", resampling=" + resampling + ", targetTransform=" + targetTransform
        + ", precision=" + precision + ", nonNegative=" + nonNegative + ", solveForm="
        + solveForm + "]";
  }

  /**
   * Settings of a {@link BootstrapRidgeEnsemble}. Each option can be set once (a second call
   * throws {@link IllegalStateException} naming the value already set); unset options take their
   * defaults in {@link #build()}, which can be called any number of times.
   *
   * <p>Thread safety: not thread-safe.
   */
  public static final class Builder {
    private int estimators = UNSET_INT;
    private double alpha = Double.NaN;
    private long seed;
    private boolean seedSet;
    private Resampling resampling;
    private TargetTransform targetTransform;
    private Executor executor;
    private Precision precision;
    private Boolean nonNegative;
    private SolveForm solveForm;
    private ProgressListener progressListener;
    private CancellationToken cancellation;
    private long memoryBudget = UNSET_LONG;
    private Path checkpointFolder;
    private int checkpointEvery;
    private UnaryOperator<OutputStream> checkpointStreams = UnaryOperator.identity();

    private Builder() {}

    /**
     * The number of members (default 1,000).
     *
     * @param estimators at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code estimators < 1}
     * @throws IllegalStateException if already set
     */
    public Builder estimators(int estimators) {
      Checks.unset(this.estimators == UNSET_INT, "estimators", this.estimators);
      this.estimators = Checks.atLeast(estimators, 1, "estimators");
      return this;
    }

    /**
     * The Ridge penalty {@code alpha |beta|^2} of every member, on the raw (unscaled) coefficients
     * and not rescaled by the weights, as scikit-learn's {@code Ridge} (default 1.0). With {@code
     * 0} members whose features are collinear fail.
     *
     * @param alpha finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if {@code alpha} is NaN, infinite or negative
     * @throws IllegalStateException if already set
     */
    public Builder alpha(double alpha) {
      Checks.unset(Double.isNaN(this.alpha), "alpha", this.alpha);
      this.alpha = Checks.nonNegativeFinite(alpha, "alpha");
      return this;
    }

    /**
     * The seed of the members' draws (default 0). Member {@code k}'s draw depends only on the seed
     * and {@code k}.
     *
     * @param seed any value
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder seed(long seed) {
      Checks.unset(!seedSet, "seed", this.seed);
      this.seed = seed;
      this.seedSet = true;
      return this;
    }

    /**
     * How members draw their rows (default {@link Resampling#iid()}).
     *
     * @param resampling the scheme
     * @return this builder
     * @throws NullPointerException if {@code resampling} is null
     * @throws IllegalStateException if already set
     */
    public Builder resampling(Resampling resampling) {
      Checks.unset(this.resampling == null, "resampling", this.resampling);
      this.resampling = Objects.requireNonNull(resampling, "resampling");
      return this;
    }

    /**
     * The scale members are fitted on (default {@link TargetTransform#IDENTITY}).
     *
     * @param targetTransform the transform
     * @return this builder
     * @throws NullPointerException if {@code targetTransform} is null
     * @throws IllegalStateException if already set
     */
    public Builder targetTransform(TargetTransform targetTransform) {
      Checks.unset(this.targetTransform == null, "targetTransform", this.targetTransform);
      this.targetTransform = Objects.requireNonNull(targetTransform, "targetTransform");
      return this;
    }

    /**
     * Where members are fitted and batched predictions run (default {@link
     * ForkJoinPool#commonPool()}); {@code Runnable::run} fits on the calling thread. It is never
     * shut down by rila.
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
     * How coefficients are stored (default {@link Precision#FLOAT}).
     *
     * @param precision the precision
     * @return this builder
     * @throws NullPointerException if {@code precision} is null
     * @throws IllegalStateException if already set
     */
    public Builder precision(Precision precision) {
      Checks.unset(this.precision == null, "precision", this.precision);
      this.precision = Objects.requireNonNull(precision, "precision");
      return this;
    }

    /**
     * Whether coefficients are constrained to be {@code >= 0}, as scikit-learn's {@code
     * Ridge(positive=True)} (default false). Such members are solved exactly by an active-set
     * method in the primal form.
     *
     * @param nonNegative true to constrain
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder nonNegative(boolean nonNegative) {
      Checks.unset(this.nonNegative == null, "nonNegative", this.nonNegative);
      this.nonNegative = nonNegative;
      return this;
    }

    /**
     * Forces the form members are solved in (default {@code AUTO}: primal when the features are at
     * most the rows a member is expected to draw, else dual). Both give the same members to
     * rounding; forcing is for comparisons and benchmarks.
     *
     * @param solveForm the form
     * @return this builder
     * @throws NullPointerException if {@code solveForm} is null
     * @throws IllegalStateException if already set
     */
    public Builder solveForm(SolveForm solveForm) {
      Checks.unset(this.solveForm == null, "solveForm", this.solveForm);
      this.solveForm = Objects.requireNonNull(solveForm, "solveForm");
      return this;
    }

    /**
     * Hears progress about 100 times per fit (default none).
     *
     * @param progressListener the listener
     * @return this builder
     * @throws NullPointerException if {@code progressListener} is null
     * @throws IllegalStateException if already set
     */
    public Builder progressListener(ProgressListener progressListener) {
      Checks.unset(this.progressListener == null, "progressListener", this.progressListener);
      this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
      return this;
    }

    /**
     * A token whose {@link CancellationToken#cancel()} stops fits between members (default none;
     * interrupting the calling thread always works).
     *
     * @param cancellation the token
     * @return this builder
     * @throws NullPointerException if {@code cancellation} is null
     * @throws IllegalStateException if already set
     */
    public Builder cancellation(CancellationToken cancellation) {
      Checks.unset(this.cancellation == null, "cancellation", this.cancellation);
      this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
      return this;
    }

    /**
     * Saves completed members to {@code folder} while fits run, at least every {@code
     * everyMembers} members (in whole chunks of about 1% of the members; a cancelled or failed
     * fit also saves what it completed), and resumes from it: a fit restores the members an
     * earlier, interrupted fit of the same data with the same settings saved there, fits only
     * the others, and returns a model bit-identical to an uninterrupted fit's. Default: none.
     *
     * <p>The folder is created if absent and locked while a fit uses it. Each save is a new
     * part file, {@code members-<first member>.ckpt}, written atomically (temporary file, fsync,
     * rename) with the settings, a SHA-256 of the data ({@code x}, the target on the model's
     * scale, the weights) and a CRC-32C. A fit refuses, with {@link IllegalStateException}, a
     * folder holding parts of other data, other settings or another format version, or a
     * corrupt part; the executor, listener and cancellation token are not settings and may
     * differ. After a successful fit the parts are deleted (the folder and its {@code
     * checkpoint.lock} stay), so the folder can serve the next fit.
     *
     * @param folder the checkpoint folder
     * @param everyMembers completed members per save, {@code >= 1}
     * @return this builder
     * @throws NullPointerException if {@code folder} is null
     * @throws IllegalArgumentException if {@code everyMembers < 1}
     * @throws IllegalStateException if already set
     */
    public Builder checkpoint(Path folder, int everyMembers) {
      Checks.unset(this.checkpointFolder == null, "checkpoint", this.checkpointFolder);
      Objects.requireNonNull(folder, "folder");
      this.checkpointEvery = Checks.atLeast(everyMembers, 1, "everyMembers");
      this.checkpointFolder = folder;
      return this;
    }

    /**
     * The most heap, in bytes, that a fit's memory estimate may reach (default 70% of {@link
     * Runtime#maxMemory()} when the ensemble is built). A fit over budget fails before any work;
     * {@code Long.MAX_VALUE} turns the check off.
     *
     * @param bytes the budget, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes < 1}
     * @throws IllegalStateException if already set
     */
    public Builder memoryBudget(long bytes) {
      Checks.unset(this.memoryBudget == UNSET_LONG, "memoryBudget", this.memoryBudget);
      if (bytes < 1) {
        throw new IllegalArgumentException("memoryBudget: " + bytes + " (expected: >= 1)");
      }
      this.memoryBudget = bytes;
      return this;
    }

    /** Wraps the stream every checkpoint part is written to: a seam for failure tests. */
    Builder checkpointStreams(UnaryOperator<OutputStream> streams) {
      this.checkpointStreams = Objects.requireNonNull(streams, "streams");
      return this;
    }

    /**
     * The ensemble with these settings and defaults for the rest. Side-effect free: may be called
     * again, and later changes to this builder do not affect ensembles already built.
     *
     * @return a new ensemble
     * @throws IllegalStateException if settings conflict: a seed that differs from a {@code
     *     sklearnCompatible} random state, {@code solveForm(DUAL)} with {@code alpha(0)}, or a
     *     forced {@code DUAL} form with {@code nonNegative(true)}
     */
    public BootstrapRidgeEnsemble build() {
      if (seedSet && resampling != null && resampling.kind() == Resampling.Kind.SKLEARN
          && seed != resampling.randomState()) {
        throw new IllegalStateException(
            "seed: set to " + seed + ", but resampling " + resampling
                + " carries its own random state (expected: no seed, or the same value)");
      }
      if (solveForm == SolveForm.DUAL && alpha == 0) {
        throw new IllegalStateException(
            "solveForm: DUAL needs alpha > 0 (alpha was set to 0.0)");
      }
      if (solveForm == SolveForm.DUAL && nonNegative != null && nonNegative) {
        throw new IllegalStateException(
            "solveForm: DUAL conflicts with nonNegative(true), which solves in the primal form");
      }
      return new BootstrapRidgeEnsemble(this);
    }

  }
}
