package io.rila.bootstrap;

import io.rila.bootstrap.internal.Checkpoint;
import io.rila.bootstrap.internal.TrainingJob;
import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import io.rila.core.internal.ChunkedTasks;
import io.rila.core.internal.RidgeKernel;
import io.rila.core.internal.RidgeWorkspace;
import io.rila.core.progress.ProgressListener;
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
 * exception names it. One SLF4J DEBUG line is logged at the start and one at the end (members,
 * shape, solve form, threads, seconds), so that batch jobs of many fits stay quiet at INFO; the
 * model's {@link EnsembleModel#fitTime()} gives the fit's duration.
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
 * workspace per participating thread, and nothing per member. The features are read in place,
 * not copied (the members centre the rows they read on the fly): the caller's {@code x} must not
 * change until the fit returns; the model keeps no reference to it.
 */
public final class BootstrapRidgeEnsemble {

  private static final Logger LOG = LoggerFactory.getLogger(BootstrapRidgeEnsemble.class);

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

  private final EnsembleSettings settings;
  private final Executor executor;
  private final ProgressListener progressListener;
  private final CancellationToken cancellation;
  private final long memoryBudget;
  private final Path checkpointFolder;
  private final int checkpointEvery;
  private final UnaryOperator<OutputStream> checkpointStreams;

  private BootstrapRidgeEnsemble(Builder b, EnsembleSettings settings) {
    this.settings = settings;
    this.executor = b.executor == null ? ForkJoinPool.commonPool() : b.executor;
    this.progressListener = b.progressListener;
    this.cancellation = b.cancellation;
    this.memoryBudget = b.memoryBudget == UNSET_LONG
        ? (long) (DEFAULT_BUDGET_SHARE * Runtime.getRuntime().maxMemory()) : b.memoryBudget;
    this.checkpointFolder = b.checkpointFolder;
    this.checkpointEvery = b.checkpointEvery;
    this.checkpointStreams = b.checkpointStreams;
  }

  /**
   * The same settings with another seed (see {@link EnsembleSettings#withSeed}) and executor,
   * for the many small fits of a backtest or a coverage study. The memory budget is kept; the
   * listener, cancellation token and checkpoint folder belong to one fit and are not carried
   * over.
   */
  BootstrapRidgeEnsemble withSeedAndExecutor(long newSeed, Executor newExecutor) {
    Builder b = new Builder();
    b.executor = Objects.requireNonNull(newExecutor, "executor");
    b.memoryBudget = memoryBudget;
    return new BootstrapRidgeEnsemble(b, settings.withSeed(newSeed));
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
   * The statistical settings: everything that decides the members.
   *
   * @return the settings
   */
  public EnsembleSettings settings() {
    return settings;
  }

  /**
   * The number of members a fit makes.
   *
   * @return the estimator count
   */
  public int estimators() {
    return settings.estimators();
  }

  /**
   * The Ridge penalty.
   *
   * @return alpha
   */
  public double alpha() {
    return settings.alpha();
  }

  /**
   * The seed of the members' draws (for {@code sklearnCompatible} resampling, its random state).
   *
   * @return the seed
   */
  public long seed() {
    return settings.seed();
  }

  /**
   * How members draw their rows.
   *
   * @return the resampling scheme
   */
  public Resampling resampling() {
    return settings.resampling();
  }

  /**
   * The scale members are fitted on.
   *
   * @return the target transform
   */
  public TargetTransform targetTransform() {
    return settings.targetTransform();
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
    return settings.precision();
  }

  /**
   * Whether coefficients are constrained to be {@code >= 0}.
   *
   * @return true for non-negative members
   */
  public boolean nonNegative() {
    return settings.nonNegative();
  }

  /**
   * The solve form asked for ({@code AUTO}: chosen per fit).
   *
   * @return the solve form
   */
  public SolveForm solveForm() {
    return settings.solveForm();
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
    return estimate(settings.estimators(), rows, features, resolveForm(features, rows),
        ChunkedTasks.helpers(executor));
  }

  private MemoryEstimate estimate(
      int members, int rows, int features, SolveForm form, int helpers) {
    int chunkSize = ChunkedTasks.defaultChunkSize(members);
    int chunks = (members + chunkSize - 1) / chunkSize;
    boolean mixed = !settings.nonNegative() && RidgeWorkspace.mixed(features, settings.alpha());
    return MemoryEstimate.of(members, rows, features, settings.precision(), form,
        settings.nonNegative(), mixed, settings.resampling().kind() == Resampling.Kind.SKLEARN,
        Math.min(helpers + 1, chunks),
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
    long start = System.nanoTime();
    CoefficientStore store = fitRange(x, y, weights, transform, 0, settings.estimators());
    EnsembleModel model = assemble(store, names, x.length, weights);
    return model.withFitNanos(System.nanoTime() - start);
  }

  /**
   * Checks data exactly as {@link #fit(double[][], double[], double[])} checks them and returns
   * the target on the model's scale, as the fit computes it. A distributed trainer calls it once
   * on the driver, to reject bad data with the local fit's messages before any task starts, and
   * ships the result to tasks that fit with {@link #fitMembersTransformed} (so that no worker
   * evaluates the transform itself: {@code Math.log} may differ in the last bit between JVMs).
   *
   * @param x the features, {@code rows x features}, finite
   * @param y the target on its own scale, one finite value per row, inside the transform's domain
   * @param weights the sample weights, one finite value {@code >= 0} per row, not all zero; or
   *     null for equal weights
   * @return a new array: the target on the model's scale
   * @throws NullPointerException if {@code x}, {@code y} or a row of {@code x} is null
   * @throws IllegalArgumentException as {@link #fit(double[][], double[], double[])} (the message
   *     names the row and column)
   */
  public double[] modelScaleTarget(double[][] x, double[] y, double[] weights) {
    return check(x, y, weights, true);
  }

  /**
   * The members {@code [from, to)} of {@link #fit(double[][], double[], double[])} on these data,
   * bit for bit as the whole fit computes them, in a store of {@code to - from} members. Member
   * {@code k} depends only on the settings, the data and {@code k}, so ranges fitted anywhere (other
   * threads, processes or machines), in any order, and joined with {@link CoefficientStore#concat}
   * give the store of one local fit; {@link #assemble} turns it into the model. The data are checked
   * as a whole fit checks them; the memory estimate counts these members only; the checkpoint
   * folder is not used; two DEBUG lines are logged.
   *
   * <pre>{@code
   * CoefficientStore head = ensemble.fitMembers(x, y, w, 0, 500);      // on one machine
   * CoefficientStore tail = ensemble.fitMembers(x, y, w, 500, 1000);   // on another
   * EnsembleModel model = ensemble.assemble(
   *     CoefficientStore.concat(List.of(head, tail)), names, x.length, w);
   * }</pre>
   *
   * @param x the features, {@code rows x features}, finite
   * @param y the target on its own scale, one finite value per row, inside the transform's domain
   * @param weights the sample weights, one finite value {@code >= 0} per row, not all zero; or
   *     null for equal weights
   * @param from the first member, {@code 0 <= from < to}
   * @param to one past the last member, {@code to <= estimators()}
   * @return the members' coefficients and intercepts
   * @throws NullPointerException if {@code x}, {@code y} or a row of {@code x} is null
   * @throws IllegalArgumentException if the range is outside {@code [0, estimators())} or empty,
   *     or as {@link #fit(double[][], double[], double[])}
   * @throws CancellationException if the fit was cancelled or the calling thread interrupted
   * @throws IllegalStateException if the memory estimate exceeds the budget, or a member fails
   *     for a reason other than its data (the message names it)
   */
  public CoefficientStore fitMembers(
      double[][] x, double[] y, double[] weights, int from, int to) {
    checkRange(from, to);
    return fitRange(x, y, weights, true, from, to);
  }

  /**
   * As {@link #fitMembers}, from a target already on the model's scale (such as the result of
   * {@link #modelScaleTarget}): the members {@code [from, to)} of {@link
   * #fitTransformed(double[][], double[], double[])}.
   *
   * @param x the features, {@code rows x features}, finite
   * @param z the target on the model's scale, one finite value per row
   * @param weights the sample weights, one finite value {@code >= 0} per row, not all zero; or
   *     null for equal weights
   * @param from the first member, {@code 0 <= from < to}
   * @param to one past the last member, {@code to <= estimators()}
   * @return the members' coefficients and intercepts
   * @throws NullPointerException if {@code x}, {@code z} or a row of {@code x} is null
   * @throws IllegalArgumentException if the range is outside {@code [0, estimators())} or empty,
   *     or as {@link #fitTransformed(double[][], double[], double[])}
   * @throws CancellationException if the fit was cancelled or the calling thread interrupted
   * @throws IllegalStateException if the memory estimate exceeds the budget, or a member fails
   *     for a reason other than its data (the message names it)
   */
  public CoefficientStore fitMembersTransformed(
      double[][] x, double[] z, double[] weights, int from, int to) {
    checkRange(from, to);
    return fitRange(x, z, weights, false, from, to);
  }

  private void checkRange(int from, int to) {
    int estimators = settings.estimators();
    if (from < 0 || to > estimators || from >= to) {
      throw new IllegalArgumentException("members: [" + from + ", " + to + ") (expected: 0 <="
          + " from < to <= " + estimators + ")");
    }
  }

  /**
   * The model that a fit of these settings on {@code rows} rows with these weights makes from its
   * members: {@code fit(x, y, weights)} equals {@code assemble(fitMembers(x, y, weights, 0,
   * estimators()), null, x.length, weights)} in every bit and setting. The store may also hold a
   * range of the members only (a model of those members, whose {@code settings().estimators()} is
   * their count), as a chunk file of a larger fit. The solve form recorded in the model is
   * resolved from the features and the rows of positive weight, as the fit resolves it; batched
   * predictions run on this ensemble's executor.
   *
   * @param members the members, in member order (for a whole model, {@link
   *     CoefficientStore#concat} of the ranges)
   * @param featureNames the feature names ({@code members.features()} of them, distinct), or null
   *     for {@code x0, x1, ...}
   * @param rows the number of training rows, {@code >= 1}
   * @param weights the fit's sample weights ({@code rows} of them), or null for equal weights
   * @return the model
   * @throws NullPointerException if {@code members} or a feature name is null
   * @throws IllegalArgumentException if the precision differs from the settings', the names do
   *     not match the features, {@code rows < 1} or the weights are not one per row
   */
  public EnsembleModel assemble(
      CoefficientStore members, List<String> featureNames, int rows, double[] weights) {
    Objects.requireNonNull(members, "members");
    Checks.atLeast(rows, 1, "rows");
    if (weights != null) {
      Checks.onePerRow(weights, rows, "weights");
    }
    SolveForm form = resolveForm(members.features(), positiveRows(weights, rows));
    EnsembleSettings modelSettings =
        settings.withEstimators(members.members()).withSolveForm(form);
    return EnsembleModel.of(members, featureNames, rows, modelSettings).withExecutor(executor);
  }

  /**
   * The members {@code from .. to - 1} of the fit on these data, exactly as a whole fit computes
   * them, in a store of {@code to - from} members; the memory estimate counts those members only,
   * and the checkpoint folder serves whole fits only.
   */
  private CoefficientStore fitRange(
      double[][] x, double[] y, double[] weights, boolean transform, int from, int to) {
    Checked checked = checked(x, y, weights, transform);
    double[] z = checked.target();
    int p = x[0].length;
    int n = x.length;
    int count = to - from;
    int estimators = settings.estimators();
    boolean whole = count == estimators;
    double[] rowWeights = weights == null ? null : weights.clone();
    Resampling resampling = settings.resampling();
    double[] countWeights = resampling.weightsAsProbabilities() ? null : rowWeights;
    SolveForm form = resolveForm(p, positiveRows(rowWeights, n));
    int helpers = ChunkedTasks.helpers(executor);
    MemoryEstimate estimate = estimate(count, n, p, form, helpers);
    if (!estimate.withinBudget()) {
      throw new IllegalStateException(estimate.overBudgetMessage());
    }
    CoefficientStore store = CoefficientStore.allocate(count, p, settings.precision());
    RidgeKernel kernel = RidgeKernel.ofValidated(x, z, checked.center());
    TrainingJob job = new TrainingJob(kernel, countWeights, settings.alpha(), form,
        settings.nonNegative(), resampling.samplers(settings.seed(), estimators, n, rowWeights),
        store.block(), from);
    String members = whole ? estimators + " members"
        : "members [" + from + ", " + to + ") of " + estimators;
    LOG.debug("bootstrap ridge fit: {}, {} rows x {} features, {} form, up to {} threads,"
        + " resampling {}, alpha {}", members, n, p, form, helpers + 1, resampling,
        settings.alpha());
    long start = System.nanoTime();
    int threads = checkpointFolder == null || !whole
        ? train(job, helpers, null, from, count)
        : trainResumable(job, helpers, store, x, z, rowWeights, form);
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.debug("bootstrap ridge fit done: {}, {} rows x {} features, {} form, {} threads,"
            + " {} s", members, n, p, form, threads, String.format(Locale.ROOT, "%.3f", seconds));
    return store;
  }

  /** Checks the data as a fit does and returns the target on the model's scale. */
  private double[] check(double[][] x, double[] y, double[] weights, boolean transform) {
    return checked(x, y, weights, transform).target();
  }

  /** Checked data: the target on the model's scale and the features' column means. */
  private record Checked(double[] target, double[] center) {}

  /**
   * Checks the data as a fit does, reading the features once: their shape, then one pass for
   * the column means the kernel centres by and the largest magnitudes, which also finds a value
   * that is not finite (then named by {@link Checks#finiteMatrix}).
   */
  private Checked checked(double[][] x, double[] y, double[] weights, boolean transform) {
    Checks.rectangular(x, "x");
    RidgeKernel.ColumnScan scan = RidgeKernel.columnScan(x);
    if (!scan.finite()) {
      Checks.finiteMatrix(x, "x"); // names the first value that is not finite, and throws
    }
    int n = x.length;
    double[] z = modelScaleTarget(y, n, transform);
    if (weights != null) {
      Checks.onePerRow(weights, n, "weights");
      Checks.weights(weights, n, "weights");
    }
    settings.resampling().checkRows(n);
    checkMagnitudes(scan.largest(), n, z, weights);
    return new Checked(z, scan.means());
  }

  /**
   * Fails, naming the input at fault, when the weighted sums a member forms could overflow: the
   * weights' total, a feature column or the target so large that a weighted sum of squares (or,
   * in the dual form, a weighted Gram sum) would exceed {@link #SUM_LIMIT}. A member's weights
   * are the sample weights times counts of at most the row count, so they sum to at most {@code
   * rows x sum(w)}; centred values are at most twice the largest magnitude. These bounds are
   * conservative: data that pass them never overflow.
   */
  private void checkMagnitudes(double[] columnLargest, int n, double[] z, double[] weights) {
    int p = columnLargest.length;
    boolean weighted = weights != null && !settings.resampling().weightsAsProbabilities();
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

  /**
   * Trains with the checkpoint folder: restores what it holds, fits the rest while saving, then
   * deletes the saved parts (or, if the fit stops early, saves what completed).
   */
  private int trainResumable(TrainingJob job, int helpers, CoefficientStore store, double[][] x,
      double[] z, double[] weights, SolveForm form) {
    // the settings' text form with the data's shape after the estimator count: the text the
    // checkpoint format has always compared, so parts written by earlier versions still resume
    String text = settings.withSolveForm(form).toString().replaceFirst("; ",
        "; rows=" + x.length + "; features=" + store.features() + "; ");
    try (Checkpoint checkpoint = Checkpoint.open(checkpointFolder, checkpointEvery, text,
        Checkpoint.dataHash(x, z, weights), store.block(), checkpointStreams)) {
      if (checkpoint.restored() > 0) {
        LOG.info("bootstrap ridge fit resumes from checkpoint {}: {} of {} members restored",
            checkpointFolder, checkpoint.restored(), settings.estimators());
      }
      int threads;
      try {
        threads = train(checkpoint.skipRestored(job), helpers, checkpoint, 0, settings.estimators());
      } catch (RuntimeException e) {
        checkpoint.saveCompleted(e);
        throw e;
      }
      checkpoint.complete();
      return threads;
    }
  }

  /**
   * The progress listener as runner events (for batch jobs such as a backtest, whose tasks are
   * not members): {@link ChunkedTasks.Listener#NONE} without a listener.
   */
  ChunkedTasks.Listener progressEvents() {
    return ChunkedTasks.Listener.of(progressListener);
  }

  /** Runs the members {@code from .. from + count - 1} of {@code job}, indexed from 0. */
  private int train(Supplier<? extends ChunkedTasks.Worker> job, int helpers,
      Checkpoint checkpoint, int from, int count) {
    CancellationToken token = cancellation;
    ProgressListener listener = progressListener;
    ChunkedTasks.Listener events = new ChunkedTasks.Listener() {
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
      return ChunkedTasks.run(count, ChunkedTasks.defaultChunkSize(count), executor,
          helpers, job, events, () -> token != null && token.isCancelled(), true);
    } catch (CancellationException e) {
      CancellationException named = new CancellationException(
          "fit " + e.getMessage().replace(" tasks", " members"));
      named.initCause(e);
      throw named;
    } catch (ChunkedTasks.TaskFailure e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      String message = "member " + (from + e.task()) + " (of " + settings.estimators() + "): "
          + cause.getMessage();
      if (cause instanceof IllegalArgumentException) {
        throw new IllegalArgumentException(message, cause);
      }
      throw new IllegalStateException(message, cause);
    }
  }

  /** The target on the model's scale, checked: a new array. */
  private double[] modelScaleTarget(double[] y, int n, boolean transform) {
    Checks.onePerRow(y, n, "y");
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      double v = y[i];
      boolean ok = transform ? settings.targetTransform().accepts(v) : Double.isFinite(v);
      if (!ok) {
        throw new IllegalArgumentException("y[" + i + "]: " + v + " (expected: "
            + (transform ? settings.targetTransform().domain() : "finite, on the model's scale") + ")");
      }
      z[i] = transform ? settings.targetTransform().apply(v) : v;
    }
    return z;
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
    if (settings.nonNegative()) {
      return SolveForm.PRIMAL;
    }
    if (settings.solveForm() != SolveForm.AUTO) {
      return settings.solveForm();
    }
    if (settings.alpha() == 0) {
      return SolveForm.AUTO;
    }
    return features <= EXPECTED_DISTINCT * positiveRows ? SolveForm.PRIMAL : SolveForm.DUAL;
  }

  @Override
  public String toString() {
    return "BootstrapRidgeEnsemble[" + settings + "]";
  }

  /**
   * Settings of a {@link BootstrapRidgeEnsemble}. Each option can be set once (a second call
   * throws {@link IllegalStateException} naming the value already set); unset options take their
   * defaults in {@link #build()}, which can be called any number of times.
   *
   * <p>Thread safety: not thread-safe.
   */
  public static final class Builder {
    private final EnsembleSettings.Builder statistics = EnsembleSettings.newBuilder();
    private EnsembleSettings settings;
    private Executor executor;
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
      statistics("estimators").estimators(estimators);
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
      statistics("alpha").alpha(alpha);
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
      statistics("seed").seed(seed);
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
      statistics("resampling").resampling(resampling);
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
      statistics("targetTransform").targetTransform(targetTransform);
      return this;
    }

    /**
     * All statistical settings at once (default: {@link EnsembleSettings#defaults()}), instead
     * of the single setters {@link #estimators(int)} to {@link #solveForm(SolveForm)}.
     *
     * @param settings the settings
     * @return this builder
     * @throws NullPointerException if {@code settings} is null
     * @throws IllegalStateException if already set, or a single setting was set
     */
    public Builder settings(EnsembleSettings settings) {
      Checks.unset(this.settings == null, "settings", this.settings);
      Objects.requireNonNull(settings, "settings");
      if (statistics.anySet()) {
        throw new IllegalStateException("settings: single settings were set already (expected:"
            + " either settings(...) or the single setters)");
      }
      this.settings = settings;
      return this;
    }

    private EnsembleSettings.Builder statistics(String name) {
      if (settings != null) {
        throw new IllegalStateException(name + ": set already by settings(" + settings
            + ") (expected: either settings(...) or the single setters)");
      }
      return statistics;
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
      statistics("precision").precision(precision);
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
      statistics("nonNegative").nonNegative(nonNegative);
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
      statistics("solveForm").solveForm(solveForm);
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
      return new BootstrapRidgeEnsemble(this, settings != null ? settings : statistics.build());
    }

  }
}
