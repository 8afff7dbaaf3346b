package io.rila.benchmarks;

import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.SummaryTable;
import io.rila.core.stats.Quantiles;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Prediction with intervals, the guide's table (3.2 s for one row, 28 s for 52 rows, 10,000
 * members): the mean and the 2.5 / 50 / 97.5 percentiles of the members' back-transformed
 * predictions for the last {@code rows} rows of the guide shape.
 *
 * <ul>
 *   <li>{@code batched}: {@link EnsembleModel#predict(double[][], double...)}, rows in blocks;
 *   <li>{@code perRow}: one {@link EnsembleModel#predict(double[], double...)} call per row;
 *   <li>{@code naive}: the baseline, per row a dot product per member over the coefficients
 *       (copied out once, member-major), {@code expm1}, then {@link Quantiles#linear}.
 * </ul>
 *
 * <p>Run with {@code -prof gc} for the bytes each way allocates per call.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar PredictionBenchmark -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class PredictionBenchmark {

  private static final double[] LEVELS = {0.025, 0.5, 0.975};

  /** Ensemble size. */
  @Param({"10000"})
  public int members;

  /** Rows predicted per call. */
  @Param({"1", "52"})
  public int rows;

  /** Coefficient store precision. */
  @Param({"FLOAT", "DOUBLE"})
  public Precision precision;

  private EnsembleModel model;
  private double[][] block;
  private double[] coefficients;
  private int features;

  /** Fits the model and copies its coefficients for the naive loop. */
  @Setup
  public void setUp() {
    BenchmarkData data = BenchmarkData.shape("guide");
    model = BenchmarkEnsembles.newBuilder(members, 1.0)
        .precision(precision)
        .build()
        .fitTransformed(data.x(), data.y());
    double[][] x = data.x();
    block = Arrays.copyOfRange(x, x.length - rows, x.length);
    features = model.features();
    coefficients = new double[members * (features + 1)];
    model.coefficients().copyMembers(0, members, coefficients, 0);
  }

  /** All rows in one call. */
  @Benchmark
  public SummaryTable batched() {
    return model.predict(block, LEVELS);
  }

  /** One call per row. */
  @Benchmark
  public Summary[] perRow() {
    Summary[] out = new Summary[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = model.predict(block[r], LEVELS);
    }
    return out;
  }

  /** Per row, a dot-product reduction per member, then mean and quantiles. */
  @Benchmark
  public double[][] naive() {
    int stride = features + 1;
    double[][] out = new double[rows][];
    for (int r = 0; r < rows; r++) {
      double[] row = block[r];
      double[] values = new double[members];
      double sum = 0;
      for (int k = 0; k < members; k++) {
        int base = k * stride;
        double s = coefficients[base + features];
        for (int j = 0; j < features; j++) {
          s += coefficients[base + j] * row[j];
        }
        values[k] = Math.expm1(s);
        sum += values[k];
      }
      double[] q = Quantiles.linear(values, LEVELS);
      out[r] = new double[] {sum / members, q[0], q[1], q[2]};
    }
    return out;
  }
}
