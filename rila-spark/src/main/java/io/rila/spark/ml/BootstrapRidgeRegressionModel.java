package io.rila.spark.ml;

import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.ModelFiles;
import io.rila.bootstrap.Scenario;
import io.rila.bootstrap.ScenarioTable;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.SummaryTable;
import io.rila.spark.internal.ModelPayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A fitted bootstrap Ridge ensemble as a spark.ml model: {@link #transform} adds the mean of the
 * members' back-transformed predictions ({@code predictionCol}, "prediction") and their
 * quantiles at the {@code quantiles} levels ({@code quantilesCol}, "quantiles", an array of
 * doubles), computed on the executors from a broadcast copy of the model, each row's numbers
 * exactly those of {@link EnsembleModel#predict(double[], double...)}.
 *
 * <pre>{@code
 * BootstrapRidgeRegressionModel model = regressor.fit(weekly);
 * Dataset<Row> scored = model.transform(next);
 * model.write().overwrite().save("hdfs:///models/2026w49");
 * BootstrapRidgeRegressionModel back =
 *     BootstrapRidgeRegressionModel.load("hdfs:///models/2026w49");
 * }</pre>
 *
 * <p><b>Groups.</b> A model fitted with a group column holds one ensemble per group in a cached
 * RDD on the executors (hash-partitioned by group); {@link #ensembleModel(String)} fetches one,
 * {@link #transform} sends each row to the executor holding its group's model, and saving
 * writes each group's model file from the executor that holds it. Nothing gathers every model
 * on the driver.
 *
 * <p><b>Storage.</b> A saved model is a folder: {@code metadata/} (spark.ml's params, as every
 * spark.ml stage) and {@code data/model.rila} (rila's checksummed model file, {@link
 * ModelFiles}), or, with groups, {@code groups/<group>.rila}, one model file per group. It is written through the path's Hadoop {@code FileSystem} ({@code file:},
 * {@code hdfs:}, {@code s3a:}, ...) into a hidden sibling folder that is renamed to the path
 * when complete, so a failed save leaves nothing at the path.
 *
 * <p>Thread safety: {@link #transform} and {@link #ensembleModel()} may be called concurrently;
 * setters, as for every spark.ml stage, not.
 */
public final class BootstrapRidgeRegressionModel extends Model<BootstrapRidgeRegressionModel>
    implements MLWritable {
  private static final long serialVersionUID = 1L;

  private static final String MODEL_FILE = "data/model.rila";
  private static final String GROUPS = "groups";

  private final String uid;
  private final ModelPayload payload;
  private final transient JavaPairRDD<String, ModelPayload> groups;
  private final Param<String> featuresCol;
  private final Param<String> groupCol;
  private final Param<String> predictionCol;
  private final Param<String> quantilesCol;
  private final DoubleArrayParam quantiles;
  private transient Broadcast<ModelPayload> broadcast;

  /** A model of one ensemble ({@code payload}) or of one per group ({@code groups}). */
  BootstrapRidgeRegressionModel(String uid, ModelPayload payload,
      JavaPairRDD<String, ModelPayload> groups) {
    this.uid = uid;
    this.payload = payload;
    this.groups = groups;
    featuresCol = new Param<>(this, "featuresCol", "features column: a vector of numbers");
    groupCol = new Param<>(this, "groupCol", "group column: one ensemble per value (empty: one"
        + " ensemble)");
    predictionCol = new Param<>(this, "predictionCol", "prediction column: mean of members");
    quantilesCol = new Param<>(this, "quantilesCol", "quantiles column: array of numbers");
    quantiles = new DoubleArrayParam(this, "quantiles", "quantile levels in [0, 1]");
    setDefault(featuresCol, "features");
    setDefault(groupCol, "");
    setDefault(predictionCol, "prediction");
    setDefault(quantilesCol, "quantiles");
    setDefault(quantiles, new double[] {0.025, 0.5, 0.975});
  }

  @Override
  public String uid() {
    return uid;
  }

  /** @return the param */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /** @return the param (fixed at fit time: the group column of the training rows) */
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

  /**
   * @param value the features column
   * @return this
   */
  public BootstrapRidgeRegressionModel setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /**
   * @param value the prediction column
   * @return this
   */
  public BootstrapRidgeRegressionModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /**
   * @param value the quantiles column
   * @return this
   */
  public BootstrapRidgeRegressionModel setQuantilesCol(String value) {
    set(quantilesCol, value);
    return this;
  }

  /**
   * @param value the quantile levels, each in [0, 1]
   * @return this
   */
  public BootstrapRidgeRegressionModel setQuantiles(double[] value) {
    set(quantiles, value.clone());
    return this;
  }

  /**
   * The fitted ensemble of a model without groups: bit for bit a local {@code
   * BootstrapRidgeEnsemble} fit of the training rows in {@code orderCol} order. Its batched
   * predictions run on the calling thread.
   *
   * @return the model
   * @throws IllegalStateException if the model has one ensemble per group
   */
  public EnsembleModel ensembleModel() {
    if (payload == null) {
      throw new IllegalStateException("ensembleModel(): this model has one ensemble per value of"
          + " '" + $(groupCol) + "' (expected: ensembleModel(group))");
    }
    return payload.model();
  }

  /**
   * The fitted ensemble of one group, fetched from the executor that holds it: bit for bit a
   * local fit of the group's rows in {@code orderCol} order.
   *
   * @param group the group value (as text)
   * @return the model
   * @throws IllegalStateException if the model has no groups
   * @throws IllegalArgumentException if the group is not in the model
   */
  public EnsembleModel ensembleModel(String group) {
    Objects.requireNonNull(group, "group");
    if (groups == null) {
      throw new IllegalStateException("ensembleModel(\"" + group + "\"): this model has no"
          + " groups (expected: ensembleModel())");
    }
    return Groups.lookup(groups, group);
  }

  /**
   * The group values of a model with groups, sorted; empty for a model without.
   *
   * @return the groups
   */
  public List<String> groups() {
    if (groups == null) {
      return List.of();
    }
    List<String> keys = new ArrayList<>(groups.keys().collect());
    keys.sort(null);
    return List.copyOf(keys);
  }

  /**
   * Adds the prediction and quantiles columns, computed on the executors. With groups, each row
   * is scored by the model of its group (rows move to the executor holding that model; the
   * output's row order is not the input's).
   *
   * @throws IllegalArgumentException if the features (or group) column is missing or the
   *     features are not a vector, or an output column exists; a row whose vector has another
   *     size than the model's features, or whose group has no model, fails its task with an
   *     {@code IllegalArgumentException} naming both sizes or the group
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType output = transformSchema(dataset.schema());
    double[] levels = $(quantiles).clone();
    if (groups != null) {
      Groups.Scorer scorer = (model, v) -> {
        Row r = score(model, v, levels);
        return List.<Object[]>of(new Object[] {r.get(0), r.get(1)});
      };
      return Groups.score(dataset, groups, $(groupCol), $(featuresCol), scorer, output);
    }
    Broadcast<ModelPayload> shared = broadcast(dataset.sparkSession());
    StructType result = new StructType()
        .add("prediction", DataTypes.DoubleType, false)
        .add("quantiles", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    UserDefinedFunction score = functions.udf(
        (UDF1<Vector, Row>) v -> score(shared.value().model(), v, levels), result);
    String tmp = "__rila_" + uid;
    List<Column> columns = new ArrayList<>();
    for (String name : dataset.columns()) {
      columns.add(functions.col(name));
    }
    columns.add(functions.col(tmp).getField("prediction").as($(predictionCol)));
    columns.add(functions.col(tmp).getField("quantiles").as($(quantilesCol)));
    return dataset.withColumn(tmp, score.apply(functions.col($(featuresCol))))
        .select(columns.toArray(new Column[0]));
  }

  static Row score(EnsembleModel model, Vector v, double[] levels) {
    check(model, v);
    Summary s = model.predict(v.toArray(), levels);
    return RowFactory.create(s.mean(), s.quantiles());
  }

  private static void check(EnsembleModel model, Vector v) {
    if (v == null) {
      throw new IllegalArgumentException("features: null (expected: a vector)");
    }
    if (v.size() != model.features()) {
      throw new IllegalArgumentException("features: a vector of " + v.size()
          + " (expected: " + model.features() + ", the model's features)");
    }
  }

  /**
   * Paired rate scenarios for many rows, on the executors: for each row (with groups, by its
   * group's model) and each value of the grid, every feature whose name starts with {@code
   * prefix} is set to the value ({@link Scenario#sweep}), and the members' predictions are
   * compared member by member with the same members' prediction for the row as it is, exactly as
   * {@link EnsembleModel#scenarios(double[], List, double...)} does locally. One output row per
   * input row and grid value: the input's columns, then {@code scenario} (the label, {@code
   * prefix*=value}), {@code value}, {@code prediction} and {@code quantiles} (the scenario's
   * level), {@code change} and {@code changeQuantiles} (scenario minus baseline), {@code
   * percentChange} and {@code percentChangeQuantiles} (100 x change / baseline), quantiles at
   * the {@code quantiles} levels.
   *
   * <pre>{@code
   * Dataset<Row> table = model.scenarioSweep(latestWeek, "own_rate", 2.0, 2.5, 3.0, 3.5);
   * }</pre>
   *
   * @param dataset the baseline rows (the features column, and the group column with groups)
   * @param prefix the feature-name prefix (the model's feature names are those a
   *     VectorAssembler recorded)
   * @param values the grid, at least one finite value
   * @return the scenario rows, computed lazily
   * @throws IllegalArgumentException if the prefix or grid is empty or a value is not finite,
   *     a column is missing, or an output column exists; a prefix that matches no feature fails
   *     the tasks with rila's message naming the scenario
   */
  public Dataset<Row> scenarioSweep(Dataset<?> dataset, String prefix, double... values) {
    Scenario.sweep(prefix, values);
    StructType schema = dataset.schema();
    Rows.checkVector(schema, $(featuresCol), "featuresCol");
    if (groups != null) {
      Rows.field(schema, $(groupCol), "groupCol");
    }
    double[] levels = $(quantiles).clone();
    Rows.checkLevels(levels);
    StructType output = schema;
    ArrayType array = DataTypes.createArrayType(DataTypes.DoubleType, false);
    String[] names = {"scenario", "value", "prediction", "quantiles", "change",
        "changeQuantiles", "percentChange", "percentChangeQuantiles"};
    for (String name : names) {
      if (schema.getFieldIndex(name).isDefined()) {
        throw new IllegalArgumentException("output column '" + name + "' already exists");
      }
      output = output.add(name, name.equals("scenario") ? DataTypes.StringType
          : name.equals("value") || !name.endsWith("uantiles") ? DataTypes.DoubleType : array,
          true);
    }
    double[] grid = values.clone();
    Groups.Scorer scorer = (model, v) -> {
      check(model, v);
      ScenarioTable table = model.scenarios(v.toArray(), Scenario.sweep(prefix, grid), levels);
      List<Object[]> out = new ArrayList<>(grid.length);
      for (int s = 0; s < grid.length; s++) {
        out.add(new Object[] {table.labels().get(s), grid[s],
            table.levels().mean(s), quantilesOf(table.levels(), s),
            table.differences().mean(s), quantilesOf(table.differences(), s),
            table.percentChanges().mean(s), quantilesOf(table.percentChanges(), s)});
      }
      return out;
    };
    if (groups != null) {
      return Groups.score(dataset, groups, $(groupCol), $(featuresCol), scorer, output);
    }
    return Groups.score(dataset, broadcast(dataset.sparkSession()), $(featuresCol), scorer,
        output);
  }

  private static double[] quantilesOf(SummaryTable table, int row) {
    double[] q = new double[table.levels().length];
    for (int k = 0; k < q.length; k++) {
      q[k] = table.quantile(row, k);
    }
    return q;
  }

  private synchronized Broadcast<ModelPayload> broadcast(SparkSession spark) {
    if (broadcast == null) {
      broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(payload);
    }
    return broadcast;
  }

  /**
   * Checks the features column and returns the schema with the output columns.
   *
   * @throws IllegalArgumentException if the features column is missing or not a vector, or an
   *     output column exists
   */
  @Override
  public StructType transformSchema(StructType schema) {
    Rows.checkVector(schema, $(featuresCol), "featuresCol");
    if (groups != null) {
      Rows.field(schema, $(groupCol), "groupCol");
    }
    Rows.checkLevels($(quantiles));
    return Rows.outputSchema(schema, $(featuresCol), $(predictionCol), $(quantilesCol));
  }

  @Override
  public BootstrapRidgeRegressionModel copy(ParamMap extra) {
    BootstrapRidgeRegressionModel copy = new BootstrapRidgeRegressionModel(uid, payload, groups);
    copyValues(copy, extra);
    return copy.setParent(parent());
  }

  /**
   * A writer that saves this model (params and rila's model file) to a Hadoop FileSystem path.
   *
   * @return a writer
   */
  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /**
   * The reader of saved models.
   *
   * @return a reader
   */
  public static MLReader<BootstrapRidgeRegressionModel> read() {
    return new Reader();
  }

  /**
   * Loads a model saved with {@code write().save(path)}.
   *
   * @param path a Hadoop FileSystem path or URI
   * @return the model
   * @throws UncheckedIOException if the model file (or a group's model file) is missing, corrupt
   *     or cannot be read; the message names the file and what is wrong with it
   */
  public static BootstrapRidgeRegressionModel load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final BootstrapRidgeRegressionModel instance;

    Writer(BootstrapRidgeRegressionModel instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      SparkSession spark = sparkSession();
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      Path target = new Path(path);
      try {
        FileSystem fs = target.getFileSystem(conf);
        Path qualified = fs.makeQualified(target);
        Path parent = qualified.getParent();
        if (parent == null) {
          throw new IllegalArgumentException("path: '" + path + "' (expected: not a root)");
        }
        Path staging = new Path(parent,
            "." + qualified.getName() + ".rila-" + UUID.randomUUID());
        try {
          DefaultParamsWriter$.MODULE$.saveMetadata(instance, staging.toString(), spark);
          if (instance.groups != null) {
            Groups.save(instance.groups, new Path(staging, GROUPS), conf);
          } else {
            copyTo(fs, instance.ensembleModel(), new Path(staging, MODEL_FILE));
          }
          if (!fs.rename(staging, qualified)) {
            throw new IOException("could not rename " + staging + " to " + qualified);
          }
        } finally {
          fs.delete(staging, true);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("saving the model to " + path + " failed", e);
      }
    }
  }

  /** Writes the model file locally, then copies it through {@code fs}. */
  static void copyTo(FileSystem fs, EnsembleModel model, Path target) throws IOException {
    java.nio.file.Path dir = Files.createTempDirectory("rila-spark-");
    java.nio.file.Path local = dir.resolve("model.rila");
    try {
      ModelFiles.save(model, local);
      fs.copyFromLocalFile(false, true, new Path(local.toUri()), target);
    } finally {
      Files.deleteIfExists(local);
      Files.deleteIfExists(dir);
    }
  }

  /** Copies a model file through {@code fs} to a local temporary file and loads it. */
  static EnsembleModel copyFrom(FileSystem fs, Path source) throws IOException {
    java.nio.file.Path dir = Files.createTempDirectory("rila-spark-");
    java.nio.file.Path local = dir.resolve("model.rila");
    try {
      fs.copyToLocalFile(false, source, new Path(local.toUri()), true);
      try {
        return ModelFiles.load(local);
      } catch (IOException e) {
        // ModelFiles names the local copy: name the file the caller saved instead
        String message = String.valueOf(e.getMessage());
        throw new IOException(message.replace(local.toString(), source.toString()), e);
      }
    } finally {
      Files.deleteIfExists(local);
      Files.deleteIfExists(dir);
    }
  }

  private static final class Reader extends MLReader<BootstrapRidgeRegressionModel> {
    @Override
    public BootstrapRidgeRegressionModel load(String path) {
      SparkSession spark = sparkSession();
      DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path,
          spark, BootstrapRidgeRegressionModel.class.getName());
      BootstrapRidgeRegressionModel probe = new BootstrapRidgeRegressionModel(metadata.uid(),
          null, null);
      metadata.getAndSetParams(probe, Option.empty());
      BootstrapRidgeRegressionModel loaded;
      Path file = new Path(path, probe.$(probe.groupCol).isEmpty() ? MODEL_FILE : GROUPS);
      try {
        if (probe.$(probe.groupCol).isEmpty()) {
          EnsembleModel model =
              copyFrom(file.getFileSystem(spark.sparkContext().hadoopConfiguration()), file);
          loaded = new BootstrapRidgeRegressionModel(metadata.uid(), ModelPayload.of(model), null);
        } else {
          loaded = new BootstrapRidgeRegressionModel(metadata.uid(), null,
              Groups.load(spark, file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("loading the model files " + file + " failed: "
            + e.getMessage(), e);
      }
      metadata.getAndSetParams(loaded, Option.empty());
      return loaded;
    }
  }
}
