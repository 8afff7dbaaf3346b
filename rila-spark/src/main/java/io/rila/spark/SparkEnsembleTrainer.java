package io.rila.spark;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.ModelFiles;
import io.rila.bootstrap.Precision;
import io.rila.core.internal.AtomicFiles;
import io.rila.core.internal.Checks;
import io.rila.spark.internal.ModelPayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits bootstrap Ridge ensembles on an Apache Spark cluster: one large ensemble split into member
 * ranges, one ensemble per group of a keyed dataset, or a one-pass Poisson bootstrap of data too
 * large for one machine.
 *
 * <pre>{@code
 * BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
 *     .estimators(100_000).alpha(1.0).seed(42L).targetTransform(TargetTransform.LOG1P).build();
 * SparkEnsembleTrainer trainer = SparkEnsembleTrainer.newBuilder(ensemble)
 *     .featureNames(List.of("cap_rate", "competitor_mid", "competitor_top5"))
 *     .build();
 * EnsembleModel model = trainer.fit(sc, x, sales, weights);          // == ensemble.fit(...)
 * Map<String, EnsembleModel> perProduct = trainer.fitGroups(rowsByProduct);
 * }</pre>
 *
 * <p><b>Member ranges.</b> {@link #fit(JavaSparkContext, double[][], double[], double[])}
 * broadcasts the data once, gives each task a range of consecutive members ({@link
 * Builder#membersPerTask(int)}), fits the range with the rila-bootstrap engine on the task's
 * thread and copies each range into the model as its task finishes. Member {@code k} depends only
 * on the seed and {@code k}, so the model is bit-identical to {@code ensemble.fit(x, y, weights)}
 * on one machine, whatever the partitioning, the executors and the order tasks finish in. The
 * data are checked on the driver, with the local fit's messages, before any task starts; a
 * failing member fails the fit with the range and the member in the message.
 *
 * <p><b>Groups.</b> {@link #fitGroups(JavaPairRDD)} fits one ensemble per key with these
 * settings; a group's rows are put in the order of their {@link TrainingRow#id() ids}, so each
 * model is bit-identical to the local fit of the group's rows in id order.
 *
 * <p><b>One pass.</b> {@link #fitOnePass(JavaRDD)} is a different estimator, for rows too many for
 * one machine and a moderate number of features: see the method.
 *
 * <p>On executors, members are fitted on the task's thread (one core per task, as Spark
 * schedules); the ensemble's executor, progress listener and cancellation token stay on the
 * driver (the executor is kept by the models returned). Cancelling the Spark job (or its job
 * group) stops the fit. Thread safety: immutable; methods may be called concurrently.
 */
public final class SparkEnsembleTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(SparkEnsembleTrainer.class);

  /** The builder's marker for an option not set. */
  private static final int UNSET = -1;

  /** Tasks per default-parallelism core when the members per task are not set. */
  private static final int TASKS_PER_CORE = 2;

  private final BootstrapRidgeEnsemble ensemble;
  private final int membersPerTask;
  private final List<String> featureNames;

  private SparkEnsembleTrainer(Builder b) {
    this.ensemble = b.ensemble;
    this.membersPerTask = b.membersPerTask;
    this.featureNames = b.featureNames;
  }

  /**
   * A builder for a trainer with the settings of {@code ensemble} (defaults: members per task
   * chosen per fit, features named {@code x0, x1, ...}).
   *
   * @param ensemble the ensemble's settings
   * @return a new builder
   * @throws NullPointerException if {@code ensemble} is null
   */
  public static Builder newBuilder(BootstrapRidgeEnsemble ensemble) {
    return new Builder(Objects.requireNonNull(ensemble, "ensemble"));
  }

  /**
   * The settings of the ensembles this trainer fits.
   *
   * @return the ensemble
   */
  public BootstrapRidgeEnsemble ensemble() {
    return ensemble;
  }

  /**
   * The members each task fits, or 0 when chosen per fit (about two tasks per core of the
   * context's default parallelism).
   *
   * @return the members per task, or 0
   */
  public int membersPerTask() {
    return membersPerTask == UNSET ? 0 : membersPerTask;
  }

  /**
   * The feature names given to the models.
   *
   * @return the names, or an empty list for {@code x0, x1, ...}
   */
  public List<String> featureNames() {
    return featureNames == null ? List.of() : featureNames;
  }

  /**
   * Fits the ensemble with equal sample weights on the cluster; the same model, bit for bit, as
   * {@code ensemble().fit(x, y)}.
   *
   * @param sc the Spark context
   * @param x the features, {@code rows x features}, finite
   * @param y the target on its own scale, one finite value per row, inside the transform's domain
   * @return the model, whose batched predictions run on the ensemble's executor
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException as {@link BootstrapRidgeEnsemble#fit(double[][], double[])},
   *     or if the feature names do not match the columns; a failing member's message names its
   *     range and the member
   * @throws IllegalStateException if a member fails for a reason other than its data, or the
   *     Spark job fails
   * @throws java.util.concurrent.CancellationException if the Spark job is cancelled
   */
  public EnsembleModel fit(JavaSparkContext sc, double[][] x, double[] y) {
    return fitRanges(sc, x, y, null);
  }

  /**
   * Fits the ensemble with sample weights on the cluster; the same model, bit for bit, as {@code
   * ensemble().fit(x, y, weights)}.
   *
   * @param sc the Spark context
   * @param x the features, {@code rows x features}, finite
   * @param y the target on its own scale, one finite value per row, inside the transform's domain
   * @param weights the sample weights, one finite value {@code >= 0} per row, not all zero
   * @return the model, whose batched predictions run on the ensemble's executor
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException as {@link BootstrapRidgeEnsemble#fit(double[][], double[],
   *     double[])}, or if the feature names do not match the columns; a failing member's message
   *     names its range and the member
   * @throws IllegalStateException if a member fails for a reason other than its data, or the
   *     Spark job fails
   * @throws java.util.concurrent.CancellationException if the Spark job is cancelled
   */
  public EnsembleModel fit(JavaSparkContext sc, double[][] x, double[] y, double[] weights) {
    Objects.requireNonNull(weights, "weights");
    return fitRanges(sc, x, y, weights);
  }

  private EnsembleModel fitRanges(JavaSparkContext sc, double[][] x, double[] y, double[] w) {
    Objects.requireNonNull(sc, "sc");
    double[] z = ensemble.modelScaleTarget(x, y, w);
    int p = x[0].length;
    checkNames(p);
    int estimators = ensemble.estimators();
    int stride = p + 1;
    boolean single = ensemble.precision() == Precision.FLOAT;
    float[] floats = single ? new float[estimators * stride] : null;
    double[] doubles = single ? null : new double[estimators * stride];
    runRanges(sc, x, z, w, ranges(sc, estimators), range -> range.copyInto(floats, doubles));
    CoefficientStore store = single ? CoefficientStore.ofFloats(estimators, p, floats)
        : CoefficientStore.ofDoubles(estimators, p, doubles);
    return ensemble.assemble(store, featureNames, x.length, w);
  }

  /**
   * Fits the ensemble with equal sample weights on the cluster into {@code folder}, one model
   * file per member range, and resumes a fit that stopped; see {@link
   * #fitToFolder(JavaSparkContext, double[][], double[], double[], Path)}.
   *
   * @param sc the Spark context
   * @param x the features, {@code rows x features}, finite
   * @param y the target on its own scale, one finite value per row, inside the transform's domain
   * @param folder the folder: missing, empty, or holding chunks of this very fit
   * @return the chunks, all written
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException as {@link #fit(JavaSparkContext, double[][], double[])}, or
   *     if {@code folder} holds other files and no manifest
   * @throws IllegalStateException if {@code folder} holds chunks of another fit, a member fails
   *     for a reason other than its data, or the Spark job fails
   * @throws java.util.concurrent.CancellationException if the Spark job is cancelled
   * @throws IOException if the folder, the manifest or a chunk cannot be read or written
   */
  public ModelChunks fitToFolder(JavaSparkContext sc, double[][] x, double[] y, Path folder)
      throws IOException {
    return fitChunks(sc, x, y, null, folder);
  }

  /**
   * Fits the ensemble with sample weights on the cluster into {@code folder}: one model file per
   * member range, written by the driver as each task finishes, so the driver holds one range at a
   * time; {@link ModelChunks#loadAll()} gives the model of {@code ensemble().fit(x, y, weights)},
   * bit for bit. If {@code folder} already holds chunks of this fit (same settings, feature
   * names and data, checked by fingerprint), only the ranges whose files are missing are fitted:
   * a fit that stopped (driver crash, failed job) resumes, and a complete folder is returned as
   * it is. The ranges are those of the manifest (a resumed fit keeps them, whatever {@link
   * #membersPerTask()} says now).
   *
   * @param sc the Spark context
   * @param x the features, {@code rows x features}, finite
   * @param y the target on its own scale, one finite value per row, inside the transform's domain
   * @param weights the sample weights, one finite value {@code >= 0} per row, not all zero
   * @param folder the folder: missing, empty, or holding chunks of this very fit
   * @return the chunks, all written
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException as {@link #fit(JavaSparkContext, double[][], double[],
   *     double[])}, or if {@code folder} holds other files and no manifest
   * @throws IllegalStateException if {@code folder} holds chunks of another fit, a member fails
   *     for a reason other than its data, or the Spark job fails
   * @throws java.util.concurrent.CancellationException if the Spark job is cancelled
   * @throws IOException if the folder, the manifest or a chunk cannot be read or written
   */
  public ModelChunks fitToFolder(JavaSparkContext sc, double[][] x, double[] y, double[] weights,
      Path folder) throws IOException {
    Objects.requireNonNull(weights, "weights");
    return fitChunks(sc, x, y, weights, folder);
  }

  private ModelChunks fitChunks(JavaSparkContext sc, double[][] x, double[] y, double[] w,
      Path folder) throws IOException {
    Objects.requireNonNull(sc, "sc");
    Objects.requireNonNull(folder, "folder");
    double[] z = ensemble.modelScaleTarget(x, y, w);
    int p = x[0].length;
    checkNames(p);
    int estimators = ensemble.estimators();
    String fingerprint = ModelChunks.fingerprint(ensemble, featureNames, x, y, w);
    ModelChunks chunks;
    if (Files.exists(folder.resolve(ModelChunks.MANIFEST))) {
      chunks = ModelChunks.open(folder);
      if (!chunks.fingerprint().equals(fingerprint)) {
        throw new IllegalStateException("folder: " + folder + " holds chunks of another fit"
            + " (expected: the same settings, feature names and data, to resume, or a new"
            + " folder)");
      }
      AtomicFiles.deleteTemporaryFiles(folder, ModelChunks.PREFIX);
    } else {
      requireEmpty(folder);
      Files.createDirectories(folder);
      chunks = ModelChunks.create(folder, estimators, p, fingerprint, ranges(sc, estimators));
    }
    List<int[]> missing = new ArrayList<>();
    for (int c = 0; c < chunks.chunkCount(); c++) {
      if (!chunks.isWritten(c)) {
        missing.add(new int[] {chunks.from(c), chunks.to(c)});
      }
    }
    LOG.info("rila-spark fit to {}: {} of {} ranges to fit", folder, missing.size(),
        chunks.chunkCount());
    if (!missing.isEmpty()) {
      int rows = x.length;
      try {
        runRanges(sc, x, z, w, missing, range -> {
          EnsembleModel model = ensemble.assemble(range.store(), featureNames, rows, w);
          save(model, folder.resolve(ModelChunks.fileName(range.from, range.to, estimators)));
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return chunks;
  }

  private static void requireEmpty(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      try (Stream<Path> entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("folder: " + folder + " holds files but no "
              + ModelChunks.MANIFEST + " (expected: a missing or empty folder, or one written"
              + " by fitToFolder)");
        }
      }
    }
  }

  private static void save(EnsembleModel model, Path file) {
    try {
      ModelFiles.save(model, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs one task per range, fitting from the target {@code z} on the model's scale, and hands
   * each range's members to {@code sink} on the driver.
   */
  private void runRanges(JavaSparkContext sc, double[][] x, double[] z, double[] w,
      List<int[]> ranges, java.util.function.Consumer<MemberRange> sink) {
    Broadcast<TrainingData> data =
        sc.broadcast(new TrainingData(ensemble.settings(), x, z, w));
    try {
      JavaRDD<int[]> tasks = sc.parallelize(ranges, ranges.size());
      SparkJobs.run(tasks, new RangeTask(data), MemberRange.class,
          (partition, range) -> sink.accept(range));
    } finally {
      data.destroy();
    }
  }

  /** The member ranges of a fit: consecutive, of {@code membersPerTask} members but the last. */
  List<int[]> ranges(JavaSparkContext sc, int estimators) {
    int size = membersPerTask;
    if (size == UNSET) {
      int tasks = Math.max(1, TASKS_PER_CORE * sc.defaultParallelism());
      size = (estimators + tasks - 1) / tasks;
    }
    List<int[]> ranges = new ArrayList<>();
    for (int from = 0; from < estimators; from += size) {
      ranges.add(new int[] {from, Math.min(estimators, from + size)});
    }
    return ranges;
  }

  /**
   * Fits one ensemble per key on the cluster, each the same model, bit for bit, as the local fit
   * of its group's rows in the order of their ids ({@code ensemble().fit(x, y)} when no row has a
   * weight, {@code fit(x, y, weights)} when all have one). Groups are shuffled together with
   * {@code groupByKey} (a group's rows must fit in one task's memory) and fitted one after another
   * on the task's thread; each task's models come back to the driver as it finishes.
   *
   * @param <K> the key type, with {@code equals} and {@code hashCode} (and serializable)
   * @param rows the rows, keyed by group
   * @return an unmodifiable map from each key to its model (batched predictions on the ensemble's
   *     executor), in no particular order
   * @throws NullPointerException if {@code rows} is null
   * @throws IllegalArgumentException if a group's rows repeat an id, mix weighted and unweighted
   *     rows or differ in their number of features, the feature names do not match, or a group's
   *     data fail the local fit's checks; the message names the group
   * @throws IllegalStateException if a member fails for a reason other than its data, or the
   *     Spark job fails
   * @throws java.util.concurrent.CancellationException if the Spark job is cancelled
   */
  public <K> Map<K, EnsembleModel> fitGroups(JavaPairRDD<K, TrainingRow> rows) {
    Objects.requireNonNull(rows, "rows");
    Map<K, EnsembleModel> models = new HashMap<>();
    long start = System.nanoTime();
    runGroups(rows, false,
        (key, payload) -> models.put(key, payload.model(ensemble.executor())));
    LOG.info("rila-spark group fits: {} groups of {} members, {} s", models.size(),
        ensemble.estimators(),
        String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9));
    return Map.copyOf(models);
  }

  /**
   * Fits one ensemble per key on the cluster, as {@link #fitGroups(JavaPairRDD)}, and writes
   * each to {@code folder} as the model file {@code <key>.rila} ({@link ModelFiles}), from the
   * driver as each task finishes, so the driver holds one task's models at a time. Existing
   * files of the same names are replaced (atomically); other files are left alone.
   *
   * @param <K> the key type; {@code key.toString()} must be a file name of letters, digits,
   *     {@code .}, {@code _} and {@code -}, not starting with {@code .}, at most 200 characters
   * @param rows the rows, keyed by group
   * @param folder the folder, created if missing
   * @return an unmodifiable map from each key to its file, in no particular order
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #fitGroups(JavaPairRDD)}, or if a key is null or
   *     does not make a file name (the message names the group); keys are checked before any
   *     group is fitted, so no file is then written
   * @throws IllegalStateException if two keys make the same file name, or names that differ only
   *     in case (checked before any group is fitted, so no file is then written), a member fails
   *     for a reason other than its data, or the Spark job fails
   * @throws java.util.concurrent.CancellationException if the Spark job is cancelled
   * @throws IOException if the folder cannot be created or a file cannot be written
   */
  public <K> Map<K, Path> fitGroupsToFolder(JavaPairRDD<K, TrainingRow> rows, Path folder)
      throws IOException {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(folder, "folder");
    Map<K, String> names = fileNames(rows.keys().distinct().collect());
    Files.createDirectories(folder);
    Map<K, Path> files = new HashMap<>();
    long start = System.nanoTime();
    try {
      runGroups(rows, true, (key, payload) -> {
        Path file = folder.resolve(names.get(key));
        save(payload.model(ensemble.executor()), file);
        files.put(key, file);
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    LOG.info("rila-spark group fits to {}: {} groups of {} members, {} s", folder, files.size(),
        ensemble.estimators(),
        String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1e9));
    return Map.copyOf(files);
  }

  /**
   * The file name of each key, checked before any file is written: a key that makes no file name,
   * two keys that make the same name, or names that differ only in case are refused.
   */
  private static <K> Map<K, String> fileNames(List<K> keys) {
    List<String> sorted = new ArrayList<>();
    Map<String, K> names = new HashMap<>();
    for (K key : keys) {
      if (key == null) {
        throw new IllegalArgumentException("key: null (expected: a non-null group key)");
      }
      String name;
      try {
        name = GroupTask.fileName(key);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("group " + key + ": " + e.getMessage(), e);
      }
      K other = names.putIfAbsent(name, key);
      if (other != null) {
        throw new IllegalStateException("group " + key + ": file " + name + " is also the"
            + " file of group " + other + " (expected: keys that differ as strings)");
      }
      sorted.add(name);
    }
    // sorted, so that which of two clashing groups the message names first does not depend on
    // the order Spark collected them in
    Collections.sort(sorted);
    Map<String, String> folded = new HashMap<>();
    Map<K, String> byKey = new HashMap<>();
    for (String name : sorted) {
      // names are ASCII (GroupTask.fileName), so lower-casing folds case exactly; file systems
      // such as macOS's and Windows' take Key.rila and key.rila for one file
      String before = folded.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
      if (before != null) {
        throw new IllegalStateException("group " + names.get(name) + ": file " + name
            + " differs only in case from " + before + ", the file of group " + names.get(before)
            + " (expected: keys that differ in more than case, as case-insensitive file"
            + " systems take both for one file)");
      }
      byKey.put(names.get(name), name);
    }
    return byKey;
  }

  private <K> void runGroups(JavaPairRDD<K, TrainingRow> rows, boolean files,
      java.util.function.BiConsumer<K, ModelPayload> sink) {
    GroupTask<K> task = new GroupTask<>(ensemble.settings(), featureNames, files);
    @SuppressWarnings("unchecked")
    Class<GroupModels<K>> type = (Class<GroupModels<K>>) (Class<?>) GroupModels.class;
    Set<K> seen = new HashSet<>();
    SparkJobs.run(rows.groupByKey().rdd().toJavaRDD(), task, type, (partition, models) -> {
      for (int i = 0; i < models.keys.size(); i++) {
        K key = models.keys.get(i);
        if (!seen.add(key)) {
          throw new IllegalStateException("group " + key + ": fitted twice (expected: keys whose"
              + " equals and hashCode agree on every machine)");
        }
        sink.accept(key, models.models.get(i));
      }
    });
  }

  /**
   * Fits a Poisson bootstrap ensemble in one pass over distributed rows: a different estimator
   * from {@link #fit(JavaSparkContext, double[][], double[], double[])}, for data too large for
   * one machine and a moderate number of features.
   *
   * <p>Member {@code k} is the Ridge fit (scikit-learn's {@code Ridge(alpha,
   * fit_intercept=True)}) with row weights {@code weight_i x c_ik}, where the count {@code c_ik =
   * }{@link HashedPoisson#count HashedPoisson.count(seed, k, id_i)} is a Poisson(1) draw computed
   * from a hash of the seed, the member and the row's id, and the target is mapped with the
   * ensemble's transform. Each partition adds every row to every member's weighted means, centred
   * Gram matrix and centred moment (West's update; {@code O(members x p^2)} per row); partials are
   * merged pairwise (Chan's formula) in a tree of fan-in {@value OnePassFit#FAN} whose order is
   * fixed by partition index, and the driver solves each member's {@code p x p} system by
   * Cholesky. The model is therefore the same, bit for bit, for the same rows in the same
   * partitions, and agrees to rounding (about {@code 1e-12} relative) with a local weighted Ridge
   * fit of each member's counts, whatever the partitioning. It is not the model of {@code
   * Resampling.poisson()} in a local fit, whose counts come from each member's random stream.
   *
   * <p>The ensemble must use {@code Resampling.poisson()}, unconstrained coefficients and the
   * {@code AUTO} or {@code PRIMAL} form. Each task holds {@code members x (p (p + 1) / 2 + 2 p +
   * 2) x 8} bytes of moments (10,000 members of 20 features: 19 MB), as do the merge tasks (up to
   * {@value OnePassFit#FAN} of them at once) and the driver. A member that draws no row of
   * positive weight (only possible with very few rows) fails the fit, since one pass cannot draw
   * again. The model records {@code Resampling.poisson()}, the {@code PRIMAL} form, and the row
   * count (saturated at {@code Integer.MAX_VALUE}) as its training rows.
   *
   * @param rows the rows; ids distinct and stable from run to run (the counts depend on them)
   * @return the model, whose batched predictions run on the ensemble's executor
   * @throws NullPointerException if {@code rows} is null
   * @throws IllegalArgumentException if the ensemble's settings are not as required, {@code rows}
   *     is empty, rows differ in their number of features, a target is outside the transform's
   *     domain (the message names the row's id), the feature names do not match, or a member's
   *     system is singular (only with {@code alpha = 0}) or has no row (the message names it)
   * @throws IllegalStateException if the Spark job fails
   * @throws java.util.concurrent.CancellationException if the Spark job is cancelled
   */
  public EnsembleModel fitOnePass(JavaRDD<TrainingRow> rows) {
    Objects.requireNonNull(rows, "rows");
    return OnePassFit.fit(ensemble, featureNames, rows);
  }

  private void checkNames(int features) {
    if (featureNames != null && featureNames.size() != features) {
      throw new IllegalArgumentException("featureNames: " + featureNames.size()
          + " names (expected: " + features + ", the columns of x)");
    }
  }

  @Override
  public String toString() {
    return "SparkEnsembleTrainer[" + ensemble + ", membersPerTask="
        + (membersPerTask == UNSET ? "auto" : Integer.toString(membersPerTask))
        + ", featureNames=" + featureNames() + "]";
  }

  /**
   * Settings of a {@link SparkEnsembleTrainer}. Each option can be set once (a second call throws
   * {@link IllegalStateException} naming the value already set); {@link #build()} may be called
   * any number of times.
   *
   * <p>Thread safety: not thread-safe.
   */
  public static final class Builder {
    private final BootstrapRidgeEnsemble ensemble;
    private int membersPerTask = UNSET;
    private List<String> featureNames;

    private Builder(BootstrapRidgeEnsemble ensemble) {
      this.ensemble = ensemble;
    }

    /**
     * The members each task of a member-range fit computes (default: the ensemble split into
     * about two tasks per core of the context's default parallelism). Smaller ranges balance
     * better and, for a folder fit, make smaller files; each task recomputes the fit's shared
     * work (the row Gram matrix of the dual form, {@code O(rows^2 x features)}).
     *
     * @param membersPerTask at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code membersPerTask < 1}
     * @throws IllegalStateException if already set
     */
    public Builder membersPerTask(int membersPerTask) {
      if (this.membersPerTask != UNSET) {
        throw new IllegalStateException("membersPerTask was already set to " + this.membersPerTask);
      }
      this.membersPerTask = Checks.atLeast(membersPerTask, 1, "membersPerTask");
      return this;
    }

    /**
     * The names of the features, given to every model (default {@code x0, x1, ...}); the data
     * must have as many columns.
     *
     * @param featureNames at least one, distinct, none null
     * @return this builder
     * @throws NullPointerException if {@code featureNames} or a name is null
     * @throws IllegalArgumentException if {@code featureNames} is empty, repeats a name or has a
     *     name with an unpaired surrogate
     * @throws IllegalStateException if already set
     */
    public Builder featureNames(List<String> featureNames) {
      if (this.featureNames != null) {
        throw new IllegalStateException("featureNames was already set to " + this.featureNames);
      }
      Objects.requireNonNull(featureNames, "featureNames");
      if (featureNames.isEmpty()) {
        throw new IllegalArgumentException("featureNames: empty (expected: at least one name)");
      }
      Set<String> seen = new HashSet<>();
      for (int j = 0; j < featureNames.size(); j++) {
        String name = Objects.requireNonNull(featureNames.get(j), "featureNames[" + j + "]");
        Checks.wellFormed(name, "featureNames[" + j + "]");
        if (!seen.add(name)) {
          throw new IllegalArgumentException(
              "featureNames: '" + name + "' appears twice (expected: distinct names)");
        }
      }
      this.featureNames = List.copyOf(featureNames);
      return this;
    }

    /**
     * The trainer with these settings. Side-effect free.
     *
     * @return a new trainer
     */
    public SparkEnsembleTrainer build() {
      return new SparkEnsembleTrainer(this);
    }
  }
}
