package io.rila.benchmarks;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
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
 * Training time by ensemble size, the guide's first table (0.3 / 3.5 / 32 min for 100 / 1,000 /
 * 10,000 members on 8 vCPUs): {@link BootstrapRidgeEnsemble} with its defaults (i.i.d.
 * resampling, float store, the common fork-join pool), alpha 1, LOG1P target, on the guide shape
 * (598 x 150, dual form) and the production shape (4 x 152 with 0.99 decay weights, primal form).
 * Records {@code availableProcessors} and {@code storeBytes} with every result; with {@code -prof
 * gc}, {@code RatioCheck} derives the hot loop's bytes per member from two ensemble sizes.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar TrainingBenchmark -prof gc
 * java -jar rila-benchmarks/target/benchmarks.jar TrainingBenchmark -p shape=guide -p members=10000
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TrainingBenchmark {

  /** {@code guide} (598 x 150) or {@code production} (4 x 152, weighted). */
  @Param({"guide", "production"})
  public String shape;

  /** Ensemble size. */
  @Param({"100", "1000", "10000"})
  public int members;

  private BenchmarkData data;
  private BootstrapRidgeEnsemble ensemble;

  /** Generates the data and configures the ensemble. */
  @Setup
  public void setUp() {
    data = BenchmarkData.shape(shape);
    ensemble = BenchmarkEnsembles.newBuilder(members, 1.0)
        .build();
  }

  /** Fits the ensemble; the data are already {@code log1p(sales)}. */
  @Benchmark
  public EnsembleModel fit(FitCounters counters) {
    EnsembleModel model = data.weights() == null
        ? ensemble.fitTransformed(data.x(), data.y())
        : ensemble.fitTransformed(data.x(), data.y(), data.weights());
    counters.record(model.coefficients().sizeInBytes());
    return model;
  }
}
