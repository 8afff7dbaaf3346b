package io.rila.spark;

import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.Summary;
import io.rila.core.internal.Checks;
import io.rila.spark.internal.ModelPayload;
import java.util.Objects;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * An {@link EnsembleModel} broadcast to a Spark cluster, scoring distributed rows: per row, the
 * mean and quantiles of the members' predictions, the same numbers, bit for bit, as a local
 * {@code model.predict(rows, quantiles)}.
 *
 * <pre>{@code
 * try (BroadcastModel shared = BroadcastModel.of(sc, model)) {
 *   JavaRDD<Summary> out = shared.predict(rows, 0.05, 0.5, 0.95);
 *   out.saveAsObjectFile("hdfs:///forecasts/2024w18");
 *   JavaPairRDD<String, Summary> byStore = shared.predictValues(keyedRows);
 *   byStore.collectAsMap();
 * }
 * }</pre>
 *
 * <p>The model's coefficients and settings are broadcast once; each executor rebuilds the model
 * once and shares it between its tasks, which predict on their own threads in blocks of 64 rows
 * (memory per task: one block of {@code 64 x members} predictions). An executor holds about three
 * copies of the coefficient store (the broadcast, the model's store and its prediction layout):
 * 10,000 members of 598 features need about 75 MB. Results are lazy RDDs that use the broadcast
 * when an action computes them: run the actions before {@link #close()}, which destroys the
 * broadcast. A bad row (wrong length, NaN or infinite) fails the action with a Spark exception
 * whose cause names the partition, the row's position in it and the column.
 *
 * <p>Thread safety: safe to share; {@link #close()} is idempotent. Allocation: the broadcast
 * payload (a copy of the store) on the driver.
 */
public final class BroadcastModel implements AutoCloseable {

  private static final double[] DEFAULT_LEVELS = {0.025, 0.5, 0.975};

  private final EnsembleModel model;
  private final Broadcast<ModelPayload> broadcast;
  private volatile boolean closed;

  private BroadcastModel(EnsembleModel model, Broadcast<ModelPayload> broadcast) {
    this.model = model;
    this.broadcast = broadcast;
  }

  /**
   * Broadcasts {@code model} to the cluster of {@code sc}.
   *
   * @param sc the Spark context
   * @param model the model
   * @return the broadcast model, to be closed when its results have been computed
   * @throws NullPointerException if an argument is null
   */
  public static BroadcastModel of(JavaSparkContext sc, EnsembleModel model) {
    Objects.requireNonNull(sc, "sc");
    Objects.requireNonNull(model, "model");
    return new BroadcastModel(model, sc.broadcast(ModelPayload.of(model)));
  }

  /**
   * The model that was broadcast.
   *
   * @return the driver's model
   */
  public EnsembleModel model() {
    return model;
  }

  /**
   * The mean and quantiles of the members' predictions for each row, in the rows' order and
   * partitioning.
   *
   * @param rows the rows, each of {@code model().features()} finite numbers
   * @param quantiles the levels, each in {@code [0, 1]}; none means {@code 0.025, 0.5, 0.975}
   * @return a lazy RDD of one summary per row
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a level is outside {@code [0, 1]}
   * @throws IllegalStateException if this broadcast model is closed
   */
  public JavaRDD<Summary> predict(JavaRDD<double[]> rows, double... quantiles) {
    Objects.requireNonNull(rows, "rows");
    double[] levels = levels(quantiles);
    requireOpen();
    return rows.mapPartitions(new PredictTask.Rows(broadcast, levels), true);
  }

  /**
   * The mean and quantiles of the members' predictions for each keyed row, under its key, in the
   * rows' order and partitioning.
   *
   * @param <K> the key type
   * @param rows the keyed rows, each of {@code model().features()} finite numbers
   * @param quantiles the levels, each in {@code [0, 1]}; none means {@code 0.025, 0.5, 0.975}
   * @return a lazy pair RDD of one summary per row
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a level is outside {@code [0, 1]}
   * @throws IllegalStateException if this broadcast model is closed
   */
  public <K> JavaPairRDD<K, Summary> predictValues(
      JavaPairRDD<K, double[]> rows, double... quantiles) {
    Objects.requireNonNull(rows, "rows");
    double[] levels = levels(quantiles);
    requireOpen();
    return rows.mapPartitionsToPair(new PredictTask.Pairs<K>(broadcast, levels), true);
  }

  /** Destroys the broadcast on the driver and the executors; later calls do nothing. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      broadcast.destroy();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("closed: the broadcast of " + model + " was destroyed");
    }
  }

  private static double[] levels(double[] quantiles) {
    Objects.requireNonNull(quantiles, "quantiles");
    if (quantiles.length == 0) {
      return DEFAULT_LEVELS.clone();
    }
    for (int i = 0; i < quantiles.length; i++) {
      Checks.probability(quantiles[i], "quantiles[" + i + "]");
    }
    return quantiles.clone();
  }

  @Override
  public String toString() {
    return "BroadcastModel[" + model + (closed ? ", closed]" : "]");
  }
}
