package io.rila.spark.ml;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.EnsembleSettings;
import io.rila.spark.SparkEnsembleTrainer;
import io.rila.spark.internal.ModelPayload;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A spark.ml estimator that fits a bootstrap Ridge ensemble ({@link BootstrapRidgeEnsemble}) to
 * a DataFrame: a features vector column (a {@code VectorAssembler}'s output), a numeric label
 * and optionally a numeric weight, in the row order of {@code orderCol}, so that the model does
 * not depend on how the data is partitioned.
 *
 * <pre>{@code
 * BootstrapRidgeRegressor regressor = new BootstrapRidgeRegressor()
 *     .setFeaturesCol("features").setLabelCol("sales").setWeightCol("weight")
 *     .setOrderCol("week")
 *     .setEstimators(1000).setAlpha(1.0).setSeed(42L)
 *     .setTargetTransform("log1p")
 *     .setQuantiles(new double[] {0.025, 0.5, 0.975});
 * BootstrapRidgeRegressionModel model = regressor.fit(weekly);
 * Dataset<Row> scored = model.transform(next);   // adds "prediction" and "quantiles"
 * EnsembleModel ensemble = model.ensembleModel(); // bit-identical to a local fit of the rows
 * }</pre>
 *
 * <p>The fitted ensemble is bit for bit {@code BootstrapRidgeEnsemble.newBuilder().settings(s)
 * .build().fit(x, y, w)} on the rows sorted by {@code orderCol}. Without a group column the rows
 * are gathered on the driver (one ensemble's data is small: weeks by features) and the members
 * are fitted in ranges on the executors ({@link SparkEnsembleTrainer}). With {@code groupCol}
 * ({@code setGroupCol("product")}) each group's rows are shuffled to the task that fits that
 * group (bit for bit a local fit of the group's rows in order), and the fitted models stay on
 * the executors, cached by group; see {@link BootstrapRidgeRegressionModel}.
 *
 * <p>Params (defaults in brackets): {@code featuresCol} ["features"], {@code labelCol}
 * ["label"], {@code weightCol} [none], {@code orderCol} [required], {@code groupCol} [none],
 * {@code predictionCol}
 * ["prediction"], {@code quantilesCol} ["quantiles"], {@code quantiles} [0.025, 0.5, 0.975],
 * {@code estimators} [1000], {@code alpha} [1.0], {@code seed} [0], {@code targetTransform}
 * ["identity"; identity, log, log1p], {@code resampling} ["iid"; iid, poisson,
 * sklearn-legacy:&lt;randomState&gt;, sklearn-probability:&lt;randomState&gt;,
 * moving-block:&lt;length&gt;, circular-block:&lt;length&gt;, stationary:&lt;meanLength&gt;],
 * {@code precision} ["float"; float, double], {@code nonNegative} [false], {@code
 * membersPerTask} [0: rila's default].
 *
 * <p>Thread safety: as every spark.ml stage, not for concurrent mutation; {@link #fit} may run
 * concurrently with other fits.
 */
public final class BootstrapRidgeRegressor extends Estimator<BootstrapRidgeRegressionModel>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> weightCol;
  private final Param<String> orderCol;
  private final Param<String> groupCol;
  private final Param<String> predictionCol;
  private final Param<String> quantilesCol;
  private final DoubleArrayParam quantiles;
  private final IntParam estimators;
  private final DoubleParam alpha;
  private final LongParam seed;
  private final Param<String> targetTransform;
  private final Param<String> resampling;
  private final Param<String> precision;
  private final BooleanParam nonNegative;
  private final IntParam membersPerTask;

  /** An estimator with a random uid and every param at its default. */
  public BootstrapRidgeRegressor() {
    this(Identifiable$.MODULE$.randomUID("bootstrapRidge"));
  }

  /**
   * An estimator with the given uid (spark.ml's copy and load use it).
   *
   * @param uid the uid
   */
  public BootstrapRidgeRegressor(String uid) {
    this.uid = uid;
    featuresCol = new Param<>(this, "featuresCol", "features column: a vector of numbers");
    labelCol = new Param<>(this, "labelCol", "label column: a number, on its own scale");
    weightCol = new Param<>(this, "weightCol", "sample weight column (empty: equal weights)");
    orderCol = new Param<>(this, "orderCol",
        "column that orders the rows of a fit (distinct values), e.g. the week");
    groupCol = new Param<>(this, "groupCol", "group column: one ensemble per value (empty: one"
        + " ensemble)");
    predictionCol = new Param<>(this, "predictionCol", "prediction column: mean of members");
    quantilesCol = new Param<>(this, "quantilesCol", "quantiles column: array of numbers");
    quantiles = new DoubleArrayParam(this, "quantiles", "quantile levels in [0, 1]");
    estimators = new IntParam(this, "estimators", "number of bootstrap members (>= 1)");
    alpha = new DoubleParam(this, "alpha", "Ridge penalty (>= 0)");
    seed = new LongParam(this, "seed", "random seed");
    targetTransform = new Param<>(this, "targetTransform", "identity, log or log1p");
    resampling = new Param<>(this, "resampling", "iid, poisson, sklearn-legacy:<rs>,"
        + " sklearn-probability:<rs>, moving-block:<len>, circular-block:<len>,"
        + " stationary:<mean>");
    precision = new Param<>(this, "precision", "coefficient precision: float or double");
    nonNegative = new BooleanParam(this, "nonNegative", "coefficients >= 0");
    membersPerTask = new IntParam(this, "membersPerTask",
        "members per Spark task (0: rila's default)");
    setDefault(featuresCol, "features");
    setDefault(labelCol, "label");
    setDefault(weightCol, "");
    setDefault(orderCol, "");
    setDefault(groupCol, "");
    setDefault(predictionCol, "prediction");
    setDefault(quantilesCol, "quantiles");
    setDefault(quantiles, new double[] {0.025, 0.5, 0.975});
    setDefault(estimators, 1000);
    setDefault(alpha, 1.0);
    setDefault(seed, 0L);
    setDefault(targetTransform, "identity");
    setDefault(resampling, "iid");
    setDefault(precision, "float");
    setDefault(nonNegative, false);
    setDefault(membersPerTask, 0);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** @return the param */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /** @return the param */
  public Param<String> labelCol() {
    return labelCol;
  }

  /** @return the param */
  public Param<String> weightCol() {
    return weightCol;
  }

  /** @return the param */
  public Param<String> orderCol() {
    return orderCol;
  }

  /** @return the param */
  public Param<String> groupCol() {
    return groupCol;
  }

  /** @return the param */
  public Param<String> predictionCol() {
    return predictionCol;
  }

  /** @return the param */
  public Param<String> quantilesCol() {
    return quantilesCol;
  }

  /** @return the param */
  public DoubleArrayParam quantiles() {
    return quantiles;
  }

  /** @return the param */
  public IntParam estimators() {
    return estimators;
  }

  /** @return the param */
  public DoubleParam alpha() {
    return alpha;
  }

  /** @return the param */
  public LongParam seed() {
    return seed;
  }

  /** @return the param */
  public Param<String> targetTransform() {
    return targetTransform;
  }

  /** @return the param */
  public Param<String> resampling() {
    return resampling;
  }

  /** @return the param */
  public Param<String> precision() {
    return precision;
  }

  /** @return the param */
  public BooleanParam nonNegative() {
    return nonNegative;
  }

  /** @return the param */
  public IntParam membersPerTask() {
    return membersPerTask;
  }

  /**
   * @param value the features column
   * @return this
   */
  public BootstrapRidgeRegressor setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /**
   * @param value the label column
   * @return this
   */
  public BootstrapRidgeRegressor setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  /**
   * @param value the weight column (empty: equal weights)
   * @return this
   */
  public BootstrapRidgeRegressor setWeightCol(String value) {
    set(weightCol, value);
    return this;
  }

  /**
   * @param value the column whose (distinct) values order the rows of a fit
   * @return this
   */
  public BootstrapRidgeRegressor setOrderCol(String value) {
    set(orderCol, value);
    return this;
  }

  /**
   * @param value the column whose values name the groups, one ensemble per group (empty: one
   *     ensemble of all rows)
   * @return this
   */
  public BootstrapRidgeRegressor setGroupCol(String value) {
    set(groupCol, value);
    return this;
  }

  /**
   * @param value the prediction column the model adds
   * @return this
   */
  public BootstrapRidgeRegressor setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /**
   * @param value the quantiles column the model adds
   * @return this
   */
  public BootstrapRidgeRegressor setQuantilesCol(String value) {
    set(quantilesCol, value);
    return this;
  }

  /**
   * @param value the quantile levels of the quantiles column, each in [0, 1]
   * @return this
   */
  public BootstrapRidgeRegressor setQuantiles(double[] value) {
    set(quantiles, value.clone());
    return this;
  }

  /**
   * @param value the number of members, {@code >= 1}
   * @return this
   */
  public BootstrapRidgeRegressor setEstimators(int value) {
    set(estimators, value);
    return this;
  }

  /**
   * @param value the Ridge penalty, {@code >= 0}
   * @return this
   */
  public BootstrapRidgeRegressor setAlpha(double value) {
    set(alpha, value);
    return this;
  }

  /**
   * @param value the seed (leave unset for the sklearn-compatible resampling schemes, which
   *     carry their own random state)
   * @return this
   */
  public BootstrapRidgeRegressor setSeed(long value) {
    set(seed, value);
    return this;
  }

  /**
   * @param value identity, log or log1p
   * @return this
   */
  public BootstrapRidgeRegressor setTargetTransform(String value) {
    set(targetTransform, value);
    return this;
  }

  /**
   * @param value the resampling scheme (see the class doc)
   * @return this
   */
  public BootstrapRidgeRegressor setResampling(String value) {
    set(resampling, value);
    return this;
  }

  /**
   * @param value float or double
   * @return this
   */
  public BootstrapRidgeRegressor setPrecision(String value) {
    set(precision, value);
    return this;
  }

  /**
   * @param value whether coefficients are constrained to be {@code >= 0}
   * @return this
   */
  public BootstrapRidgeRegressor setNonNegative(boolean value) {
    set(nonNegative, value);
    return this;
  }

  /**
   * @param value members per Spark task, {@code >= 1}, or 0 for rila's default
   * @return this
   */
  public BootstrapRidgeRegressor setMembersPerTask(int value) {
    set(membersPerTask, value);
    return this;
  }

  /**
   * The ensemble settings the params describe.
   *
   * @return the settings
   * @throws IllegalArgumentException if a param's value is out of range, naming it
   */
  public EnsembleSettings settings() {
    return Settings.of((Integer) $(estimators), (Double) $(alpha),
        isSet(seed) ? (Long) $(seed) : null,
        $(resampling), $(targetTransform), $(precision), (Boolean) $(nonNegative));
  }

  /**
   * Fits the ensemble to {@code dataset}.
   *
   * @param dataset rows with the features, label, order (and weight) columns
   * @return the model
   * @throws IllegalArgumentException if a column is missing or of the wrong type, a cell is null,
   *     NaN or infinite, a label is outside the target transform's domain, two rows share an
   *     order value, a group has fewer rows than features + 2 (or its value does not make a
   *     safe file name), or a param is out of range; the message names the column, the group
   *     and the row (by its order value). With groups, data errors are found in the tasks and
   *     reach the caller as the cause of Spark's job failure.
   * @throws IllegalStateException if two group values differ only in case (checked before any
   *     group is fitted): case-insensitive file systems would take their model files for one
   */
  @Override
  public BootstrapRidgeRegressionModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    EnsembleSettings settings = settings();
    List<String> names = Rows.featureNames(dataset.schema(), $(featuresCol), -1);
    BootstrapRidgeRegressionModel fitted;
    if (!$(groupCol).isEmpty()) {
      fitted = new BootstrapRidgeRegressionModel(uid, null, Groups.fit(dataset, $(groupCol),
          $(featuresCol), $(labelCol), $(weightCol), $(orderCol), settings, names));
    } else {
      fitted = new BootstrapRidgeRegressionModel(uid, ModelPayload.of(fitOne(dataset, settings,
          names)), null);
    }
    copyValues(fitted.setParent(this), ParamMap.empty());
    return fitted;
  }

  private EnsembleModel fitOne(Dataset<?> dataset, EnsembleSettings settings,
      List<String> names) {
    Rows rows = Rows.gather(dataset, $(featuresCol), $(labelCol), $(weightCol), $(orderCol),
        settings.targetTransform());
    BootstrapRidgeEnsemble ensemble =
        BootstrapRidgeEnsemble.newBuilder().settings(settings).build();
    SparkEnsembleTrainer.Builder trainer = SparkEnsembleTrainer.newBuilder(ensemble);
    if (names != null && names.size() == rows.features()) {
      trainer.featureNames(names);
    }
    int perTask = (Integer) $(membersPerTask);
    if (perTask != 0) {
      trainer.membersPerTask(perTask);
    }
    JavaSparkContext sc =
        JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
    return rows.weights() == null
        ? trainer.build().fit(sc, rows.x(), rows.y())
        : trainer.build().fit(sc, rows.x(), rows.y(), rows.weights());
  }

  /**
   * Checks the columns a fit reads and returns the schema with the model's output columns.
   *
   * @throws IllegalArgumentException if a column is missing or of the wrong type, or orderCol
   *     is not set
   */
  @Override
  public StructType transformSchema(StructType schema) {
    Rows.checkFitSchema(schema, $(featuresCol), $(labelCol), $(weightCol), $(orderCol));
    if (!$(groupCol).isEmpty()) {
      Rows.field(schema, $(groupCol), "groupCol");
    }
    double[] levels = $(quantiles);
    Rows.checkLevels(levels);
    return Rows.outputSchema(schema, $(featuresCol), $(predictionCol), $(quantilesCol));
  }

  @Override
  public BootstrapRidgeRegressor copy(ParamMap extra) {
    return (BootstrapRidgeRegressor) defaultCopy(extra);
  }

  /**
   * The reader of saved estimators ({@code write().save(path)}).
   *
   * @return a reader
   */
  public static MLReader<BootstrapRidgeRegressor> read() {
    return new DefaultParamsReader<>();
  }

  /**
   * Loads an estimator saved with {@code write().save(path)}.
   *
   * @param path a Hadoop FileSystem path or URI
   * @return the estimator
   */
  public static BootstrapRidgeRegressor load(String path) {
    return read().load(path);
  }
}
